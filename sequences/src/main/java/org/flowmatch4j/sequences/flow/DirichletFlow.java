package org.flowmatch4j.sequences.flow;

import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.util.ContinuedFraction;
import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.core.util.Rng;

/**
 * Dirichlet flow matching (Stark et al. 2024). The conditional path for clean token i is Dir(α) with
 * α = 1 + t·e_i, t ∈ [0, t_max]: uniform at t = 0, concentrating on vertex e_i as t grows. Its marginal in x_i is
 * Beta(1 + t, K − 1), and the flow that moves it along e_i − x is
 * <pre>
 *   u_t(x | e_i) = C(x_i, t) (e_i − x),   C(z, t) = −∂_a I_z(a, K − 1)|_{a = 1+t} · B(1 + t, K − 1) / (z^t (1 − z)^(K−1))
 * </pre>
 * (continuity equation of the Beta marginal: the velocity of z is −∂_t F_t(z) / p_t(z), and z moves at C·(1 − z)),
 * with I the regularised incomplete beta function; its a-derivative is taken by central differences of Commons Math's
 * {@code regularizedBeta}. The marginal field is v(x, t) = Σ_i p̂(i | x, t) u_t(x | e_i); sampling integrates it
 * by Euler steps from uniform noise (C tabulated over z once per step and interpolated) and reads each position's
 * token as the argmax of x.
 */
public final class DirichletFlow implements CategoricalFlow {
    /** The largest time; the paper's DNA models use α_max = 1 + 8. */
    public static final double DEFAULT_T_MAX = 8;
    private static final double EDGE = 1e-6;

    private final int k;
    private final double tMax;

    public DirichletFlow(int k, double tMax) {
        Checks.require(k >= 2 && tMax > 0, "need K >= 2 and t_max > 0, got K=%d t_max=%s", k, tMax);
        this.k = k;
        this.tMax = tMax;
    }

    @Override public int categories() { return k; }

    /** The largest time t_max: the path's concentration 1 + t_max on the clean token at the end. */
    public double tMax() { return tMax; }

    @Override public int channels() { return k; }

    /**
     * t ~ s·Exp(1) clipped to t_max with s = t_max / 8, as the paper draws times (more weight near the noise end;
     * its α − 1 = Exp(1)·alpha_scale). The scale grows with t_max so that the network sees the times the sampler
     * visits: with s = 1 fixed, t_max = 80 trained on t < 10 (99.995 %) and sampled up to 80 (together with the
     * tail errors of C that {@link #c} now avoids, the toy's KL at K = 80 was 4.33; with both fixed 0.025).
     */
    @Override public double sampleTime(Rng rng) { return Math.min(-Math.log(1 - rng.uniform()) * tMax / DEFAULT_T_MAX, tMax); }

    @Override public double timeFeature(double t) { return t / tMax; }

    @Override public float[] noisy(int[] tokens, int length, double[] t, Rng rng) {
        float[] out = new float[tokens.length * k];
        for (int p = 0; p < tokens.length; p++) SimplexNoise.dirichlet(out, p * k, k, tokens[p], t[p / length], rng);
        return out;
    }

    /** ∂/∂a of the regularised incomplete beta function I_z(a, b), by central differences. */
    public static double dIda(double z, double a, double b) {
        double h = 1e-4 * Math.max(1, a);
        return (Beta.regularizedBeta(z, a + h, b, 1e-15, 10_000) - Beta.regularizedBeta(z, a - h, b, 1e-15, 10_000)) / (2 * h);
    }

    /**
     * log I_x(a, b) for x ≤ (a + 1)/(a + b + 2), where the continued fraction of DLMF 8.17.22 converges fast:
     * I_x(a, b) = x^a (1 − x)^b / (a B(a, b)) · 1/(1 + d₁/(1 + d₂/(1 + …))),
     * d_{2m+1} = −(a + m)(a + b + m)x / ((a + 2m)(a + 2m + 1)), d_{2m} = m(b − m)x / ((a + 2m − 1)(a + 2m)).
     * In logs, so tails far below the smallest double (I ≈ 10⁻⁴⁰⁰ at K = 160) stay exact to relative precision.
     */
    static double logRegularizedBeta(double x, double a, double b) {
        ContinuedFraction fraction = new ContinuedFraction() {
            @Override protected double getA(int n, double x) { return 1; }

            @Override protected double getB(int n, double x) {
                if (n % 2 == 0) {
                    double m = n / 2.0;
                    return m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
                }
                double m = (n - 1) / 2.0;
                return -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
            }
        };
        return a * Math.log(x) + b * Math.log1p(-x) - Math.log(a) - Beta.logBeta(a, b)
                - Math.log(fraction.evaluate(x, 1e-15, 10_000));
    }

    /**
     * The scalar C(z, t) of the conditional field (z clamped into [1e-6, 1 − 1e-6]), computed in logs:
     * below the Beta's bulk (z ≤ (a + 1)/(a + b + 2)) with L = log I_z(a, b), ∂_a I = e^L ∂_a L and
     * C = −e^{L − log q} ∂_a L; above it with the upper tail Q = 1 − I_z(a, b) = I_{1−z}(b, a), ∂_a I = −e^{log Q} ∂_a log Q
     * and C = e^{log Q − log q} ∂_a log Q, where q = z^t (1 − z)^{K−1} / B(1 + t, K − 1) and ∂_a by central
     * differences of the logarithm. Differencing I itself cancels catastrophically where I ≈ 1 and underflows where
     * I ≈ 0 (K = 160, t = 80: C read 0 or non-finite over much of [0, 1]); in the upper tail C tends to
     * z(log z + ψ(a + b) − ψ(a))/(K − 1), in the lower to −z(log z − 1/a − ψ(a) + ψ(a + b))/a.
     */
    public static double c(double z, double t, int k) {
        double zc = Math.min(Math.max(z, EDGE), 1 - EDGE), a = 1 + t, b = k - 1;
        double logDen = t * Math.log(zc) + b * Math.log1p(-zc) - Beta.logBeta(a, b);
        double h = 1e-4 * Math.max(1, a);
        if (zc <= (a + 1) / (a + b + 2)) {
            double up = logRegularizedBeta(zc, a + h, b), down = logRegularizedBeta(zc, a - h, b);
            double mid = logRegularizedBeta(zc, a, b);
            return -Math.exp(mid - logDen) * (up - down) / (2 * h);
        }
        double up = logRegularizedBeta(1 - zc, b, a + h), down = logRegularizedBeta(1 - zc, b, a - h);
        double mid = logRegularizedBeta(1 - zc, b, a);
        return Math.exp(mid - logDen) * (up - down) / (2 * h);
    }

    @Override public int[] sample(Denoiser denoiser, int sequences, int length, int steps, Rng rng) {
        int n = sequences * length;
        float[] x = new float[n * k];
        for (int p = 0; p < n; p++) SimplexNoise.dirichlet(x, p * k, k, -1, 0, rng);
        double dt = tMax / steps;
        double[] feature = new double[sequences], scratch = new double[k];
        Tables tables = this.tables;
        if (tables == null || tables.rows.length != steps) this.tables = tables = new Tables(new double[steps][]);
        for (int s = 0; s < steps; s++) {
            double t = s * dt;
            java.util.Arrays.fill(feature, timeFeature(t));
            float[] p = denoiser.probabilities(x, feature, sequences, length);
            double[] table = tables.row(s, t);
            for (int pos = 0; pos < n; pos++) step(x, p, pos * k, table, dt, scratch);
        }
        int[] tokens = new int[n];
        for (int pos = 0; pos < n; pos++) tokens[pos] = CategoricalFlow.argmax(x, pos * k, k);
        return tokens;
    }

    /** Tables of one step count, kept across calls (a sampler run in chunks reuses them); filled as steps need them. */
    private volatile Tables tables;

    private final class Tables {
        final double[][] rows;

        Tables(double[][] rows) { this.rows = rows; }

        /** Step s's table, computed once (synchronised: one lock per step, so threads never see a half-filled row). */
        synchronized double[] row(int s, double t) {
            double[] r = rows[s];
            if (r == null) rows[s] = r = table(t);
            return r;
        }
    }

    /** C(z, t) on {@value #GRID} + 1 evenly spaced z in [0, 1], for linear interpolation within a step. */
    double[] table(double t) {
        double[] out = new double[GRID + 1];
        for (int g = 0; g <= GRID; g++) out[g] = c(g / (double) GRID, t, k);
        return out;
    }

    static final int GRID = 2000;

    /** The table's value at z, z clamped to [0, 1] (plain comparisons: Math.min/max cost several times more here). */
    static double interpolate(double[] table, double z) {
        double u = z * GRID;
        if (!(u > 0)) return table[0];
        if (u >= GRID) return table[GRID];
        int g = (int) u;
        return table[g] + (table[g + 1] - table[g]) * (u - g);
    }

    /**
     * x ← x + dt Σ_i p̂_i C(x_i, t)(e_i − x) at one position, floored at 1e-12 and renormalised onto the simplex, in
     * double precision through {@code w} (k entries, reused across positions: the step allocates nothing).
     */
    private void step(float[] x, float[] p, int o, double[] table, double dt, double[] w) {
        double total = 0;
        for (int i = 0; i < k; i++) {
            w[i] = p[o + i] * interpolate(table, x[o + i]);
            total += w[i];
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
            double v = x[o + j] + dt * (w[j] - total * x[o + j]);    // Σ_i w_i (δ_ij − x_j)
            w[j] = v > 1e-12 ? v : 1e-12;
            sum += w[j];
        }
        double inv = 1 / sum;
        for (int j = 0; j < k; j++) x[o + j] = (float) (w[j] * inv);
    }
}
