package org.flowmatch4j.sequences.flow;

import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.core.util.Rng;

/**
 * Linear flow matching on the simplex (the baseline of Stark et al. 2024): x_t = (1 − t) x0 + t e_{x1} with
 * x0 ~ Dir(1, …, 1); with x1-prediction the marginal field is v(x, t) = (p̂(· | x, t) − x)/(1 − t). Its support
 * shrinks to a face of the simplex as t → 1, the pathology that makes it degrade with K.
 */
public final class LinearSimplexFlow implements CategoricalFlow {
    private final int k;

    public LinearSimplexFlow(int k) {
        Checks.require(k >= 2, "need K >= 2, got %d", k);
        this.k = k;
    }

    @Override public int categories() { return k; }

    @Override public int channels() { return k; }

    @Override public double sampleTime(Rng rng) { return rng.uniform(); }

    @Override public double timeFeature(double t) { return t; }

    @Override public float[] noisy(int[] tokens, int length, double[] t, Rng rng) {
        float[] out = new float[tokens.length * k];
        for (int p = 0; p < tokens.length; p++) {
            SimplexNoise.dirichlet(out, p * k, k, -1, 0, rng);
            double tt = t[p / length];
            for (int j = 0; j < k; j++) out[p * k + j] = (float) ((1 - tt) * out[p * k + j] + (j == tokens[p] ? tt : 0));
        }
        return out;
    }

    @Override public int[] sample(Denoiser denoiser, int sequences, int length, int steps, Rng rng) {
        int n = sequences * length;
        float[] x = new float[n * k];
        for (int p = 0; p < n; p++) SimplexNoise.dirichlet(x, p * k, k, -1, 0, rng);
        double[] feature = new double[sequences];
        for (int s = 0; s < steps; s++) {
            double t = s / (double) steps, f = (1.0 / steps) / (1 - t);
            java.util.Arrays.fill(feature, t);
            float[] p = denoiser.probabilities(x, feature, sequences, length);
            for (int i = 0; i < x.length; i++) x[i] += (float) (f * (p[i] - x[i]));
        }
        int[] tokens = new int[n];
        for (int pos = 0; pos < n; pos++) tokens[pos] = CategoricalFlow.argmax(x, pos * k, k);
        return tokens;
    }
}
