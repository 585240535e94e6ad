package org.flowmatch4j.modules;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sinusoidal embedding of a scalar time (Vaswani et al.; as in DiT and flow_matching's examples):
 * e(t) = [sin(s t ω_0), …, sin(s t ω_{h-1}), cos(s t ω_0), …, cos(s t ω_{h-1})], ω_k = P^(-k/h), h = dim/2,
 * with period P (default 10000) and time scale s (1000 maps t ∈ [0, 1] onto the usual step range).
 */
public final class SinusoidalTimeEmbedding {
    private SinusoidalTimeEmbedding() {}

    /** @param t times, shape [batch, 1]; @return shape [batch, dim] */
    public static SDVariable apply(SameDiff sd, String prefix, SDVariable t, int dim, double maxPeriod, double timeScale) {
        if (dim <= 0 || dim % 2 != 0) throw new IllegalArgumentException("dim must be a positive even number, got " + dim);
        int half = dim / 2;
        double[] w = new double[half];
        for (int k = 0; k < half; k++) w[k] = timeScale * Math.pow(maxPeriod, -(double) k / half);
        SDVariable freqs = sd.constant(prefix + "/freqs", Nd4j.createFromArray(w).castTo(t.dataType()).reshape(1, half));
        SDVariable arg = t.mmul(freqs);
        return sd.concat(prefix + "/emb", 1, sd.math().sin(arg), sd.math().cos(arg));
    }

    public static SDVariable apply(SameDiff sd, String prefix, SDVariable t, int dim) {
        return apply(sd, prefix, t, dim, 10000, 1000);
    }
}
