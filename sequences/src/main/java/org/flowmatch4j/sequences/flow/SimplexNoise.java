package org.flowmatch4j.sequences.flow;

import org.flowmatch4j.core.util.Rng;

/** Gamma and Dirichlet variates (Marsaglia–Tsang), for the simplex flows' sources and paths. */
public final class SimplexNoise {
    private SimplexNoise() {}

    /** One Gamma(shape, 1) variate: Marsaglia &amp; Tsang (2000) for shape ≥ 1, boosted by U^(1/a) below 1. */
    public static double gamma(double shape, Rng rng) {
        if (shape < 1) return gamma(shape + 1, rng) * Math.pow(rng.uniform(), 1 / shape);
        double d = shape - 1.0 / 3, c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = rng.gaussian(), v = 1 + c * x;
            if (v <= 0) continue;
            v = v * v * v;
            double u = rng.uniform();
            if (Math.log(Math.max(u, Double.MIN_VALUE)) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
        }
    }

    /** Writes a Dirichlet(1, …, 1 + a at index {@code hot}) sample into out[offset, offset + k); hot &lt; 0: uniform. */
    public static void dirichlet(float[] out, int offset, int k, int hot, double a, Rng rng) {
        double sum = 0;
        double[] g = new double[k];
        for (int j = 0; j < k; j++) {
            g[j] = j == hot ? gamma(1 + a, rng) : -Math.log(1 - rng.uniform());        // Gamma(1) = Exp(1)
            sum += g[j];
        }
        for (int j = 0; j < k; j++) out[offset + j] = (float) (g[j] / sum);
    }
}
