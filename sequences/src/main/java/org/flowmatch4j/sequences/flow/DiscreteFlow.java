package org.flowmatch4j.sequences.flow;

import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.core.util.Rng;

/**
 * Discrete flow matching (Gat et al. 2024; the CTMC view of Campbell et al. 2024) with the mixture path
 * p_t(x | x1) = κ_t δ_{x1} + (1 − κ_t) p_0 per position, κ_t = t, and a masked source (every token starts as the mask
 * token K) or a uniform one. The network predicts p̂(x1 | x_t) by cross-entropy; the rates
 * u_t(y | x) = κ'/(1 − κ) (p̂(y) − δ_x(y)) give the discrete Euler step: with probability h/(1 − t) a position
 * redraws its token from p̂, otherwise it stays (the last step, h = 1 − t, draws every position).
 *
 * <p>Corrector sampling (Gat et al., §corrector): the velocity ū_t = (1 + β_t) û_t − β_t ǔ_t mixes in the backward
 * velocity ǔ_t(y | x) = κ'/κ (δ_x(y) − p_0(y)), which sends tokens back to the source; with α_t − β_t = 1 the path's
 * marginals are kept while positions already decided get a chance to be revised in the light of the others. Here
 * β_t = β · t (1 − t) (zero at both ends), so per step of size h a position redraws from p̂ with probability
 * h (1 + β_t)/(1 − t) and returns to the source (mask, or a uniform draw) with probability h β_t / t = h β (1 − t).
 * β = 0 is the plain sampler, draw for draw.
 */
public final class DiscreteFlow implements CategoricalFlow {
    /** The source distribution p_0. */
    public enum Source { MASK, UNIFORM }

    private final int k;
    private final Source source;
    private final double corrector;

    public DiscreteFlow(int k, Source source) { this(k, source, 0); }

    /** With corrector strength β ≥ 0 (0: no corrector). */
    public DiscreteFlow(int k, Source source, double corrector) {
        Checks.require(k >= 2, "need K >= 2, got %d", k);
        Checks.require(corrector >= 0 && Double.isFinite(corrector), "need a corrector strength >= 0, got %s", corrector);
        this.k = k;
        this.source = source;
        this.corrector = corrector;
    }

    /** The same flow sampled with corrector strength β. */
    public DiscreteFlow withCorrector(double beta) { return new DiscreteFlow(k, source, beta); }

    public double corrector() { return corrector; }

    @Override public int categories() { return k; }

    /** One-hot over K tokens, plus the mask token for the masked source. */
    @Override public int channels() { return source == Source.MASK ? k + 1 : k; }

    @Override public double sampleTime(Rng rng) { return rng.uniform(); }

    @Override public double timeFeature(double t) { return t; }

    private int sourceToken(Rng rng) { return source == Source.MASK ? k : rng.nextInt(k); }

    @Override public float[] noisy(int[] tokens, int length, double[] t, Rng rng) {
        int c = channels();
        float[] out = new float[tokens.length * c];
        for (int p = 0; p < tokens.length; p++) out[p * c + (rng.uniform() < t[p / length] ? tokens[p] : sourceToken(rng))] = 1;
        return out;
    }

    @Override public int[] sample(Denoiser denoiser, int sequences, int length, int steps, Rng rng) {
        int n = sequences * length, c = channels();
        int[] x = new int[n];
        for (int p = 0; p < n; p++) x[p] = sourceToken(rng);
        double[] feature = new double[sequences];
        float[] state = new float[n * c];
        for (int s = 0; s < steps; s++) {
            double t = s / (double) steps, h = 1.0 / steps, beta = corrector * t * (1 - t);
            double jump = h * (1 + beta) / (1 - t), back = h * corrector * (1 - t);
            if (jump + back > 1) {                       // coarse steps: keep the two jump probabilities' ratio
                double scale = 1 / (jump + back);
                jump *= scale;
                back *= scale;
            }
            java.util.Arrays.fill(state, 0);
            for (int p = 0; p < n; p++) state[p * c + x[p]] = 1;
            java.util.Arrays.fill(feature, t);
            float[] prob = denoiser.probabilities(state, feature, sequences, length);
            for (int p = 0; p < n; p++) {
                if (s + 1 == steps) {
                    x[p] = rng.categorical(prob, p * k, k);
                    continue;
                }
                double u = rng.uniform();
                if (u < jump) x[p] = rng.categorical(prob, p * k, k);
                else if (u < jump + back) x[p] = sourceToken(rng);
            }
        }
        return x;
    }
}
