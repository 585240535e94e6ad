package org.flowmatch4j.sequences.flow;

import org.flowmatch4j.core.util.Rng;

/**
 * A flow for sequences of L tokens over K categories, trained by x1-prediction: the network sees a noisy state x_t
 * (per position a vector of {@link #channels()} numbers) and the time, and predicts p̂(x1 | x_t) by cross-entropy;
 * sampling turns p̂ into the method's velocity or jump rates. Arrays are flat, position-major: state [B·L·C],
 * probabilities [B·L·K].
 */
public interface CategoricalFlow {
    /** Categories K. */
    int categories();

    /** Numbers per position in the network's input. */
    int channels();

    /** A training time drawn for one sequence. */
    double sampleTime(Rng rng);

    /** The time as the network sees it, in [0, 1]. */
    double timeFeature(double t);

    /** Noisy states x_t for the clean tokens (length B·L), one time per sequence of {@code length} positions. */
    float[] noisy(int[] tokens, int length, double[] t, Rng rng);

    /** Sampled tokens [B·L] after {@code steps} steps from the source, with the given denoiser. */
    int[] sample(Denoiser denoiser, int sequences, int length, int steps, Rng rng);

    /** p̂(x1 | x_t) for a batch: state [B·L·C], time features [B] → probabilities [B·L·K]. */
    interface Denoiser { float[] probabilities(float[] state, double[] timeFeature, int sequences, int length); }

    /** dirichlet | linear | discrete-masked | discrete-uniform (discrete = masked). */
    static CategoricalFlow named(String method, int k) {
        return switch (method) {
            case "dirichlet" -> new DirichletFlow(k, DirichletFlow.DEFAULT_T_MAX);
            case "linear" -> new LinearSimplexFlow(k);
            case "discrete", "discrete-masked" -> new DiscreteFlow(k, DiscreteFlow.Source.MASK);
            case "discrete-uniform" -> new DiscreteFlow(k, DiscreteFlow.Source.UNIFORM);
            default -> throw new IllegalArgumentException("unknown method '" + method + "': expected dirichlet, linear, discrete, discrete-uniform");
        };
    }

    /**
     * As {@link #named(String, int)}, discrete flows with the scheduler κ_t = tⁿ; other methods take only n = 1.
     */
    static CategoricalFlow named(String method, int k, int kappaExponent) {
        CategoricalFlow flow = named(method, k);
        if (kappaExponent == 1) return flow;
        if (!(flow instanceof DiscreteFlow d)) {
            throw new IllegalArgumentException("a kappa exponent (kappa = t^n) is for discrete flows, not " + method);
        }
        return d.withKappaExponent(kappaExponent);
    }

    /** Index of the largest of {@code k} values starting at {@code offset}. */
    static int argmax(float[] v, int offset, int k) {
        int best = 0;
        for (int j = 1; j < k; j++) if (v[offset + j] > v[offset + best]) best = j;
        return best;
    }
}
