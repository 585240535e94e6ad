package org.flowmatch4j.sequences.flow;

import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.core.util.Rng;

/**
 * Discrete flow matching (Gat et al. 2024; the CTMC view of Campbell et al. 2024) with the mixture path
 * p_t(x | x1) = κ_t δ_{x1} + (1 − κ_t) p_0 per position, the polynomial scheduler κ_t = tⁿ (n = 1: linear; Gat et
 * al. use n = 2, 3 for text and code), and a masked source (every token starts as the mask token K) or a uniform one.
 * The network predicts p̂(x1 | x_t), trained by cross-entropy or by the generalised KL loss (which weights positions
 * by {@link #jumpCoefficient}); the rates u_t(y | x) = κ'/(1 − κ) (p̂(y) − δ_x(y)) give the discrete step: a position
 * not yet decided redraws its token from p̂ with probability (κ_{t+h} − κ_t)/(1 − κ_t) — the path's exact share of
 * positions decided within the step, h κ'/(1 − κ) to first order — otherwise it stays (the last step draws them all).
 * With the masked source an unmasked token is final (its exact posterior is a point mass on itself, so its jump rate
 * is zero; a model's p̂ there only approximates that); with the uniform source every position may jump.
 *
 * <p>Corrector sampling (Gat et al., §corrector): the velocity ū_t = (1 + β_t) û_t − β_t ǔ_t mixes in the backward
 * velocity ǔ_t(y | x) = κ'/κ (δ_x(y) − p_0(y)), which sends tokens back to the source; with α_t − β_t = 1 the path's
 * marginals are kept while positions already decided get a chance to be revised in the light of the others. Here
 * β_t = β · t (1 − t) (zero at both ends), so per step a position redraws from p̂ with probability
 * (1 + β_t)(κ_{t+h} − κ_t)/(1 − κ_t) and returns to the source (mask, or a uniform draw) with probability
 * β_t (κ_{t+h} − κ_t)/κ_t (for κ = t: h (1 + β_t)/(1 − t) and h β (1 − t)). β = 0 is the plain sampler, draw for draw.
 *
 * <p>Purity sampling (masked source only; Gat et al., after MaskGIT): each step unmasks as many positions as the
 * Euler step would (a Binomial(#masked, (κ_{t+h} − κ_t)/(1 − κ_t)) count per sequence, so the masked share still
 * follows 1 − κ_t), but
 * takes the masked positions the model is surest of (largest max p̂) instead of random ones; decided tokens stay.
 */
public final class DiscreteFlow implements CategoricalFlow {
    /** The source distribution p_0. */
    public enum Source { MASK, UNIFORM }

    private final int k;
    private final Source source;
    private final int kappaExponent;
    private final double corrector;
    private final boolean purity;

    public DiscreteFlow(int k, Source source) { this(k, source, 1, 0, false); }

    /**
     * @param kappaExponent n ≥ 1 of the scheduler κ_t = tⁿ
     * @param corrector     corrector strength β ≥ 0 (0: no corrector)
     * @param purity        purity sampling (masked source, no corrector)
     */
    public DiscreteFlow(int k, Source source, int kappaExponent, double corrector, boolean purity) {
        Checks.require(k >= 2, "need K >= 2, got %d", k);
        Checks.require(kappaExponent >= 1 && kappaExponent <= 10, "need a scheduler exponent n in 1..10 (kappa = t^n), got %d", kappaExponent);
        Checks.require(corrector >= 0 && Double.isFinite(corrector), "need a corrector strength >= 0, got %s", corrector);
        Checks.require(!purity || (source == Source.MASK && corrector == 0), "purity sampling needs the masked source and no corrector");
        this.k = k;
        this.source = source;
        this.kappaExponent = kappaExponent;
        this.corrector = corrector;
        this.purity = purity;
    }

    /** The same flow sampled with corrector strength β. */
    public DiscreteFlow withCorrector(double beta) { return new DiscreteFlow(k, source, kappaExponent, beta, false); }

    /** The same flow sampled by purity (masked source only). */
    public DiscreteFlow withPurity() { return new DiscreteFlow(k, source, kappaExponent, 0, true); }

    /** The same flow with the scheduler κ_t = tⁿ. */
    public DiscreteFlow withKappaExponent(int n) { return new DiscreteFlow(k, source, n, corrector, purity); }

    public int kappaExponent() { return kappaExponent; }

    /** κ_t = tⁿ, the probability that a position holds its clean token at time t. */
    public double kappa(double t) { return Math.pow(t, kappaExponent); }

    /**
     * κ'_t/(1 − κ_t), the rate at which undecided positions are decided: the weight of a position in the generalised
     * KL loss (n tⁿ⁻¹/(1 − tⁿ); 1/(1 − t) for n = 1).
     */
    public double jumpCoefficient(double t) { return kappaExponent * Math.pow(t, kappaExponent - 1) / (1 - kappa(t)); }

    public boolean purity() { return purity; }

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
        for (int p = 0; p < tokens.length; p++) out[p * c + (rng.uniform() < kappa(t[p / length]) ? tokens[p] : sourceToken(rng))] = 1;
        return out;
    }

    @Override public int[] sample(Denoiser denoiser, int sequences, int length, int steps, Rng rng) {
        int n = sequences * length, c = channels();
        int[] x = new int[n];
        for (int p = 0; p < n; p++) x[p] = sourceToken(rng);
        double[] feature = new double[sequences];
        float[] state = new float[n * c];
        for (int s = 0; s < steps; s++) {
            double t = s / (double) steps, beta = corrector * t * (1 - t);
            double kt = kappa(t), dk = kappa((s + 1) / (double) steps) - kt;
            double jump = (1 + beta) * dk / (1 - kt), back = kt > 0 ? beta * dk / kt : 0;
            if (jump + back > 1) {                       // coarse steps: keep the two jump probabilities' ratio
                double scale = 1 / (jump + back);
                jump *= scale;
                back *= scale;
            }
            java.util.Arrays.fill(state, 0);
            for (int p = 0; p < n; p++) state[p * c + x[p]] = 1;
            java.util.Arrays.fill(feature, t);
            float[] prob = denoiser.probabilities(state, feature, sequences, length);
            if (purity) {
                unmaskSurest(x, prob, sequences, length, s + 1 == steps ? 1 : jump, rng);
                continue;
            }
            for (int p = 0; p < n; p++) {
                boolean open = source != Source.MASK || x[p] == k;      // a masked source's unmasked tokens are final
                if (s + 1 == steps) {
                    if (open) x[p] = rng.categorical(prob, p * k, k);
                    continue;
                }
                double u = rng.uniform();
                if (u < jump) {
                    if (open) x[p] = rng.categorical(prob, p * k, k);
                } else if (u < jump + back) {
                    x[p] = sourceToken(rng);
                }
            }
        }
        return x;
    }

    /** Purity step: per sequence, a Binomial(#masked, q) count of its masked positions, the surest first, drawn from p̂. */
    private void unmaskSurest(int[] x, float[] prob, int sequences, int length, double q, Rng rng) {
        Integer[] masked = new Integer[length];
        for (int b = 0; b < sequences; b++) {
            int m = 0, count = 0;
            for (int i = 0; i < length; i++) if (x[b * length + i] == k) masked[m++] = b * length + i;
            for (int i = 0; i < m; i++) if (q >= 1 || rng.uniform() < q) count++;
            if (count == 0) continue;
            java.util.Arrays.sort(masked, 0, m, (u, v) -> Float.compare(confidence(prob, v), confidence(prob, u)));
            for (int i = 0; i < count; i++) x[masked[i]] = rng.categorical(prob, masked[i] * k, k);
        }
    }

    private float confidence(float[] prob, int p) {
        float best = 0;
        for (int j = 0; j < k; j++) best = Math.max(best, prob[p * k + j]);
        return best;
    }
}
