package org.flowmatch4j.sequences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.sequences.flow.CategoricalFlow;
import org.flowmatch4j.sequences.flow.DirichletFlow;
import org.flowmatch4j.sequences.flow.DiscreteFlow;
import org.flowmatch4j.sequences.model.Guidance;
import org.flowmatch4j.sequences.model.NoisyClassifier;
import org.flowmatch4j.sequences.model.SequenceTrainer;
import org.junit.jupiter.api.Test;

/**
 * Classifier guidance with a noisy-simplex classifier: its input gradient against finite differences of its own
 * log-probability, and guided sampling of a two-sequence mixture (AAAA = class 0, CCCC = class 1) whose exact
 * unconditional posterior is the base denoiser: unguided, both sequences come out about equally often; guided toward
 * class 1, nearly all samples are CCCC.
 */
class ClassifierGuidanceTest {
    private static final int K = 4, L = 4, A = 0, C = 1;

    @Test
    void logProbGradientMatchesFiniteDifferences() {
        NoisyClassifier f = new NoisyClassifier(new NoisyClassifier.Config(2, 3, 2, 16, 2), 3);
        Rng rng = new Rng(4);
        float[] x = new float[6];
        for (int i = 0; i < x.length; i++) x[i] = (float) rng.uniform();
        double[] feature = {0.3};
        float[] g = f.logProbGradient(x, feature, new int[] {1});
        float h = 1e-2f;
        for (int i = 0; i < x.length; i++) {
            float[] up = x.clone(), down = x.clone();
            up[i] += h;
            down[i] -= h;
            double fd = (Math.log(f.probabilities(up, feature)[1]) - Math.log(f.probabilities(down, feature)[1])) / (2 * h);
            assertEquals(fd, g[i], 2e-3 + 1e-2 * Math.abs(fd), "coordinate " + i);
        }
    }

    /** p(x1 | x_t) for the 50/50 mixture of AAAA and CCCC under Dir(1 + t e): weights ∝ Π_p x_p[s_p]^t. */
    private static CategoricalFlow.Denoiser exactPosterior(double tMax) {
        return (state, feature, sequences, length) -> {
            float[] p = new float[sequences * length * K];
            for (int s = 0; s < sequences; s++) {
                double t = feature[s] * tMax, la = 0, lc = 0;
                for (int pos = 0; pos < length; pos++) {
                    la += t * Math.log(Math.max(state[(s * length + pos) * K + A], 1e-30));
                    lc += t * Math.log(Math.max(state[(s * length + pos) * K + C], 1e-30));
                }
                double wc = 1 / (1 + Math.exp(la - lc));
                for (int pos = 0; pos < length; pos++) {
                    p[(s * length + pos) * K + A] = (float) (1 - wc);
                    p[(s * length + pos) * K + C] = (float) wc;
                }
            }
            return p;
        };
    }

    private static double fraction(int[] tokens, int letter) {
        int hits = 0;
        for (int s = 0; s < tokens.length / L; s++) {
            boolean all = true;
            for (int pos = 0; pos < L; pos++) all &= tokens[s * L + pos] == letter;
            if (all) hits++;
        }
        return hits / (double) (tokens.length / L);
    }

    @Test
    void guidanceSteersTheExactUnconditionalPosteriorToTheClass() {
        DirichletFlow flow = new DirichletFlow(K, DirichletFlow.DEFAULT_T_MAX);
        SequenceTrainer.Source data = (batch, rng) -> {
            int[] tokens = new int[batch * L], cls = new int[batch];
            for (int b = 0; b < batch; b++) {
                cls[b] = rng.uniform() < 0.5 ? 0 : 1;
                java.util.Arrays.fill(tokens, b * L, (b + 1) * L, cls[b] == 0 ? A : C);
            }
            return new SequenceTrainer.Batch(tokens, cls);
        };
        NoisyClassifier classifier = new NoisyClassifier(new NoisyClassifier.Config(L, K, 2, 64, 2), 5);
        double[] losses = classifier.train(flow, data, new NoisyClassifier.Options(400, 128, 3e-3), new Rng(6), null);
        double late = java.util.Arrays.stream(losses, 300, 400).average().orElseThrow();
        // the Bayes-optimal cross-entropy on the same noisy states: the exact posterior's, by Monte Carlo
        Rng mc = new Rng(8);
        SequenceTrainer.Batch b = data.next(20_000, mc);
        double[] t = new double[20_000], feature = new double[20_000];
        for (int i = 0; i < t.length; i++) feature[i] = flow.timeFeature(t[i] = flow.sampleTime(mc));
        float[] p = exactPosterior(flow.tMax()).probabilities(flow.noisy(b.tokens(), L, t, mc), feature, 20_000, L);
        double bayes = 0;
        for (int i = 0; i < t.length; i++) bayes -= Math.log(p[i * L * K + (b.classes()[i] == 0 ? A : C)]) / t.length;
        assertTrue(bayes < 0.5, "the classes are identifiable from noisy states: Bayes cross-entropy " + bayes);
        assertEquals(bayes, late, 0.05, "the classifier's late training loss is near the Bayes optimum");

        int n = 400;
        CategoricalFlow.Denoiser base = exactPosterior(flow.tMax());
        int[] plain = flow.sample(base, n, L, 100, new Rng(7));
        double sd = Math.sqrt(0.25 / n);
        assertEquals(0.5, fraction(plain, C), 4 * sd, "unguided: half CCCC");
        assertEquals(0.5, fraction(plain, A), 4 * sd, "unguided: half AAAA (a few per cent mix letters at t_max = 8)");
        int[] guided = flow.sample(Guidance.classifier(base, classifier, flow, 1, 2), n, L, 100, new Rng(7));
        assertTrue(fraction(guided, A) < 0.01, "guided toward class 1: AAAA fraction " + fraction(guided, A));
        assertTrue(fraction(guided, C) > 0.9, "guided toward class 1: CCCC fraction " + fraction(guided, C));
        int[] zero = flow.sample(Guidance.classifier(base, classifier, flow, 1, 0), n, L, 100, new Rng(7));
        assertEquals(fraction(plain, C), fraction(zero, C), 0, "gamma = 0 is the base denoiser");
        assertThrows(IllegalArgumentException.class,
                () -> Guidance.classifier(base, classifier, new DiscreteFlow(K, DiscreteFlow.Source.MASK), 1, 1));
    }
}
