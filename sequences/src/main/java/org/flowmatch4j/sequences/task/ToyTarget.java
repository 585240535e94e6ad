package org.flowmatch4j.sequences.task;

import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.sequences.model.SequenceTrainer;

/**
 * The simplex-dimension toy of Dirichlet FM: sequences of L positions, each an independent categorical over K
 * categories with probabilities softmax(u), u ~ U(0, 1)^K drawn once per position from the seed.
 */
public final class ToyTarget implements SequenceTrainer.Source {
    private final double[][] probs, cdf;

    public ToyTarget(int length, int k, long seed) {
        Checks.require(length > 0 && k > 1, "need length > 0 and K > 1");
        Rng rng = new Rng(seed);
        probs = new double[length][k];
        cdf = new double[length][k];
        for (int l = 0; l < length; l++) {
            double sum = 0;
            for (int j = 0; j < k; j++) sum += probs[l][j] = Math.exp(rng.uniform());
            double acc = 0;
            for (int j = 0; j < k; j++) {
                probs[l][j] /= sum;
                cdf[l][j] = acc += probs[l][j];
            }
        }
    }

    public double[][] probabilities() { return probs; }

    @Override public SequenceTrainer.Batch next(int batch, Rng rng) {
        int length = probs.length, k = probs[0].length;
        int[] tokens = new int[batch * length];
        for (int b = 0; b < batch; b++) {
            for (int l = 0; l < length; l++) {
                double u = rng.uniform();
                int j = java.util.Arrays.binarySearch(cdf[l], u);
                tokens[b * length + l] = Math.min(j >= 0 ? j + 1 : -j - 1, k - 1);
            }
        }
        return new SequenceTrainer.Batch(tokens, null);
    }

    /** Mean over positions of KL(empirical ‖ target) of sampled tokens [N·L]; empty cells contribute 0. */
    public double klOfSamples(int[] tokens) {
        int length = probs.length, k = probs[0].length, n = tokens.length / length;
        double kl = 0;
        for (int l = 0; l < length; l++) {
            double[] counts = new double[k];
            for (int s = 0; s < n; s++) counts[tokens[s * length + l]]++;
            for (int j = 0; j < k; j++) if (counts[j] > 0) kl += counts[j] / n * Math.log(counts[j] / n / probs[l][j]) / length;
        }
        return kl;
    }
}
