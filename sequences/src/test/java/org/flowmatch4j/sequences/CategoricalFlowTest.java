package org.flowmatch4j.sequences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.sequences.flow.CategoricalFlow;
import org.flowmatch4j.sequences.flow.DirichletFlow;
import org.flowmatch4j.sequences.flow.DiscreteFlow;
import org.flowmatch4j.sequences.flow.LinearSimplexFlow;
import org.flowmatch4j.sequences.flow.SimplexNoise;
import org.junit.jupiter.api.Test;

/**
 * The three categorical flows against closed forms: the a-derivative of I_z(a, b) against its integral formula; the
 * Dirichlet field transports Dir(1 + t e_i) samples into Dir(1 + (t + Δ) e_i) (Kolmogorov–Smirnov on two marginals);
 * and each sampler, driven by the exact posterior p(x1 | x_t) of a known categorical target, reproduces the target.
 */
class CategoricalFlowTest {
    /** ∂_a I_z(a,b) = (1/B) ∫_0^z ln u u^(a-1) (1-u)^(b-1) du − I_z(a,b) (ψ(a) − ψ(a+b)); Simpson on u = z s². */
    private static double exactDIda(double z, double a, double b) {
        int m = 20_000;
        double sum = 0;
        for (int i = 0; i <= m; i++) {
            double s = i / (double) m, u = z * s * s, w = (i == 0 || i == m) ? 1 : (i % 2 == 1 ? 4 : 2);
            double f = s == 0 ? 0 : Math.log(u) * Math.pow(u, a - 1) * Math.pow(1 - u, b - 1) * 2 * z * s;
            sum += w * f;
        }
        double integral = sum / (3.0 * m) / Math.exp(Beta.logBeta(a, b));
        return integral - Beta.regularizedBeta(z, a, b) * (Gamma.digamma(a) - Gamma.digamma(a + b));
    }

    @Test
    void betaDerivativeMatchesItsIntegralForm() {
        for (double a : new double[] {1.5, 3, 8}) {
            for (double b : new double[] {3, 19}) {
                for (double z : new double[] {0.1, 0.4, 0.8}) {
                    double expected = exactDIda(z, a, b);
                    assertEquals(expected, DirichletFlow.dIda(z, a, b), 1e-6 * Math.max(1, Math.abs(expected)), "a=" + a + " b=" + b + " z=" + z);
                }
            }
        }
    }

    @Test
    void fieldScalarMatchesTheIntegralFormInTheBulkAndTheAsymptoticsInTheTails() {
        for (int k : new int[] {4, 20}) {
            for (double t : new double[] {1, 3, 8}) {
                for (double z : new double[] {0.05, 0.2, 0.5}) {
                    double a = 1 + t, b = k - 1;
                    double logDen = t * Math.log(z) + b * Math.log1p(-z) - Beta.logBeta(a, b);
                    double exact = -exactDIda(z, a, b) * Math.exp(-logDen);
                    assertEquals(exact, DirichletFlow.c(z, t, k), 1e-6 * Math.abs(exact), "K=" + k + " t=" + t + " z=" + z);
                }
            }
        }
        for (int k : new int[] {80, 160}) {
            for (double t : new double[] {8, 40, 80}) {
                double a = 1 + t, b = k - 1, psi = Gamma.digamma(a + b) - Gamma.digamma(a);
                double hi = 1 - 1e-6, lo = 1e-6;
                assertEquals(hi * (Math.log(hi) + psi) / b, DirichletFlow.c(hi, t, k), 1e-3 * psi / b, "upper tail");
                double lower = -lo * (Math.log(lo) - 1 / a + psi) / a;
                assertEquals(lower, DirichletFlow.c(lo, t, k), 1e-3 * lower, "lower tail");
                for (int g = 0; g <= 2000; g++) {
                    double c = DirichletFlow.c(g / 2000.0, t, k);
                    assertTrue(Double.isFinite(c) && c > 0, "C(" + g / 2000.0 + ", " + t + ", " + k + ") = " + c);
                }
            }
        }
    }

    @Test
    void dirichletFieldTransportsThePathMarginals() {
        int k = 4, n = 20_000;
        double t0 = 1, t1 = 2;
        Rng rng = new Rng(7);
        float[] x = new float[n * k];
        for (int p = 0; p < n; p++) SimplexNoise.dirichlet(x, p * k, k, 0, t0, rng);
        float[] start = x.clone();
        int sub = 50;
        double dt = (t1 - t0) / sub;
        for (int s = 0; s < sub; s++) {
            double t = t0 + s * dt;
            for (int p = 0; p < n; p++) {
                double c = DirichletFlow.c(x[p * k], t, k);
                for (int j = 0; j < k; j++) x[p * k + j] += (float) (dt * c * ((j == 0 ? 1 : 0) - x[p * k + j]));
            }
        }
        double critical = 1.63 / Math.sqrt(n);                                  // KS at 1 %
        BetaDistribution hot = new BetaDistribution(1 + t1, k - 1), cold = new BetaDistribution(1, k - 1 + t1);
        assertTrue(ks(x, k, 0, hot) < critical, "x_0 after transport vs Beta(3, 3): D = " + ks(x, k, 0, hot));
        assertTrue(ks(x, k, 1, cold) < critical, "x_1 after transport vs Beta(1, 5): D = " + ks(x, k, 1, cold));
        assertTrue(ks(start, k, 0, hot) > 5 * critical, "the untransported sample is distinguishable");
    }

    private static double ks(float[] x, int k, int coord, BetaDistribution d) {
        int n = x.length / k;
        double[] v = new double[n];
        for (int p = 0; p < n; p++) v[p] = x[p * k + coord];
        java.util.Arrays.sort(v);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            double f = d.cumulativeProbability(v[i]);
            worst = Math.max(worst, Math.max(Math.abs(f - i / (double) n), Math.abs(f - (i + 1) / (double) n)));
        }
        return worst;
    }

    @Test
    void samplersWithTheExactPosteriorReproduceTheTarget() {
        int k = 5, n = 20_000;
        double[] q = {0.05, 0.1, 0.15, 0.3, 0.4};
        // exact p(x1 = i | x_t) for one position; states are per-position vectors
        CategoricalFlow dirichlet = new DirichletFlow(k, 8), linear = new LinearSimplexFlow(k);
        CategoricalFlow masked = new DiscreteFlow(k, DiscreteFlow.Source.MASK), uniform = new DiscreteFlow(k, DiscreteFlow.Source.UNIFORM);
        check(dirichlet, 200, q, n, (x, o, t) -> {                // ∝ q_i x_i^t  (t = 8 · feature)
            double[] w = new double[k];
            for (int i = 0; i < k; i++) w[i] = q[i] * Math.pow(x[o + i], 8 * t);
            return w;
        });
        check(linear, 1000, q, n, (x, o, t) -> {                  // ∝ q_i 1[x_i >= t]; a discontinuous field needs fine Euler steps
            double[] w = new double[k];
            for (int i = 0; i < k; i++) w[i] = x[o + i] >= t - 1e-6 ? q[i] : 0;
            return w;
        });
        check(masked, 50, q, n, (x, o, t) -> {                    // mask → q; token j → δ_j
            double[] w = new double[k];
            if (x[o + k] == 1) return q.clone();
            for (int i = 0; i < k; i++) w[i] = x[o + i];
            return w;
        });
        check(uniform, 50, q, n, (x, o, t) -> {                   // ∝ q_i ((1 − t)/K + t δ_ij)
            double[] w = new double[k];
            for (int i = 0; i < k; i++) w[i] = q[i] * ((1 - t) / k + t * x[o + i]);
            return w;
        });
    }

    @Test
    void polynomialSchedulersFollowTheirPathAndReproduceTheTarget() {
        int k = 5, n = 20_000;
        double[] q = {0.05, 0.1, 0.15, 0.3, 0.4};
        for (int exponent : new int[] {2, 3}) {
            DiscreteFlow masked = new DiscreteFlow(k, DiscreteFlow.Source.MASK).withKappaExponent(exponent);
            DiscreteFlow uniform = new DiscreteFlow(k, DiscreteFlow.Source.UNIFORM).withKappaExponent(exponent);
            // the path: a share κ_t = tⁿ of positions holds its clean token (binomial noise of 40 000 draws ≤ 0.008 at 3σ)
            for (double t : new double[] {0.3, 0.7}) {
                int[] clean = new int[40_000];
                float[] noisy = masked.noisy(clean, 1, java.util.stream.DoubleStream.generate(() -> t).limit(clean.length).toArray(), new Rng(2));
                double kept = 0;
                for (int p = 0; p < clean.length; p++) kept += noisy[p * (k + 1)];
                assertEquals(Math.pow(t, exponent), kept / clean.length, 0.008, "n=" + exponent + " t=" + t);
            }
            // κ'/(1 − κ) in closed form
            assertEquals(exponent * Math.pow(0.5, exponent - 1) / (1 - Math.pow(0.5, exponent)), masked.jumpCoefficient(0.5), 1e-12);
            // the sampler hands the denoiser states whose masked share follows 1 − tⁿ, and reproduces the target
            double[] worst = {0};
            check(masked, 50, q, n, (x, o, t) -> {
                if (x[o + k] == 1) return q.clone();
                double[] w = new double[k];
                for (int i = 0; i < k; i++) w[i] = x[o + i];
                return w;
            });
            CategoricalFlow.Denoiser half = (state, feature, sequences, length) -> {
                int m = 0;
                for (int p = 0; p < sequences * length; p++) if (state[p * (k + 1) + k] == 1) m++;
                worst[0] = Math.max(worst[0], Math.abs(m / (double) (sequences * length) - (1 - Math.pow(feature[0], exponent))));
                float[] out = new float[sequences * length * k];
                for (int p = 0; p < out.length; p++) out[p] = 1f / k;
                return out;
            };
            masked.sample(half, n, 2, 50, new Rng(4));
            assertTrue(worst[0] < 0.01, "n=" + exponent + ": masked share strays from 1 − tⁿ by " + worst[0]);
            check(uniform, 50, q, n, (x, o, t) -> {               // ∝ q_i ((1 − κ)/K + κ δ_ij)
                double kap = Math.pow(t, exponent);
                double[] w = new double[k];
                for (int i = 0; i < k; i++) w[i] = q[i] * ((1 - kap) / k + kap * x[o + i]);
                return w;
            });
        }
        assertThrows(IllegalArgumentException.class, () -> new DiscreteFlow(k, DiscreteFlow.Source.MASK).withKappaExponent(0));
    }

    @Test
    void maskedSamplerNeverChangesAnUnmaskedToken() {
        // a denoiser that always predicts "the next token" (never the current one): an unmasked token must survive it
        int k = 4, sequences = 500, length = 3;
        int[][] seen = new int[sequences * length][1];
        for (int[] v : seen) v[0] = -1;
        boolean[] changed = {false};
        CategoricalFlow.Denoiser contrary = (state, feature, b, l) -> {
            float[] out = new float[b * l * k];
            for (int p = 0; p < b * l; p++) {
                int tok = token(state, p * (k + 1), k);
                if (tok >= 0 && seen[p][0] >= 0 && seen[p][0] != tok) changed[0] = true;
                if (tok >= 0) seen[p][0] = tok;
                out[p * k + (tok < 0 ? 0 : (tok + 1) % k)] = 1;
            }
            return out;
        };
        int[] x = new DiscreteFlow(k, DiscreteFlow.Source.MASK).sample(contrary, sequences, length, 20, new Rng(12));
        assertTrue(!changed[0], "an unmasked token was redrawn");
        for (int p = 0; p < x.length; p++) assertTrue(seen[p][0] < 0 || x[p] == seen[p][0], "position " + p + " changed at the last step");
    }

    @Test
    void correctorSamplingKeepsACorrelatedTargetAndZeroIsThePlainSampler() {
        // two positions over K = 3 with strongly correlated tokens; the masked path's exact posterior per position is
        // the target restricted to pairs that agree with the unmasked positions, marginalised
        int k = 3, n = 30_000;
        double[][] q = {{0.30, 0.02, 0.03}, {0.02, 0.25, 0.03}, {0.05, 0.05, 0.25}};
        CategoricalFlow.Denoiser exact = (state, feature, sequences, length) -> {
            float[] out = new float[sequences * length * k];
            for (int b = 0; b < sequences; b++) {
                int o = b * 2 * (k + 1);
                int a = token(state, o, k), c = token(state, o + k + 1, k);   // -1: masked
                double[] m0 = new double[k], m1 = new double[k];
                double z = 0;
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < k; j++) {
                        if ((a >= 0 && a != i) || (c >= 0 && c != j)) continue;
                        m0[i] += q[i][j];
                        m1[j] += q[i][j];
                        z += q[i][j];
                    }
                }
                for (int i = 0; i < k; i++) {
                    out[(2 * b) * k + i] = (float) (m0[i] / z);
                    out[(2 * b + 1) * k + i] = (float) (m1[i] / z);
                }
            }
            return out;
        };
        DiscreteFlow plain = new DiscreteFlow(k, DiscreteFlow.Source.MASK);
        assertArrayEquals(plain.sample(exact, 500, 2, 20, new Rng(5)), plain.withCorrector(0).sample(exact, 500, 2, 20, new Rng(5)));
        for (double beta : new double[] {0, 1, 4}) {
            // the state the sampler hands the denoiser at time t must follow the path: a share 1 − t still masked
            double[] worst = {0};
            CategoricalFlow.Denoiser watched = (state, feature, sequences, length) -> {
                int masked = 0;
                for (int p = 0; p < sequences * length; p++) if (state[p * (k + 1) + k] == 1) masked++;
                worst[0] = Math.max(worst[0], Math.abs(masked / (double) (sequences * length) - (1 - feature[0])));
                return exact.probabilities(state, feature, sequences, length);
            };
            int[] x = plain.withCorrector(beta).sample(watched, n, 2, 100, new Rng(11));
            // binomial noise of a share of 60 000 positions is ≤ 0.002; Euler's O(h) bias at h = 0.01 adds ≤ 0.005
            assertTrue(worst[0] < 0.01, "corrector " + beta + ": masked share strays from 1 − t by " + worst[0]);
            double[][] f = new double[k][k];
            for (int b = 0; b < n; b++) f[x[2 * b]][x[2 * b + 1]] += 1.0 / n;
            double kl = 0;
            for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) if (f[i][j] > 0) kl += f[i][j] * Math.log(f[i][j] / q[i][j]);
            // sampling noise: E[KL] ≈ (9 − 1)/(2n) = 1.3e-4; the time discretisation adds a little; allow 1.5e-3
            assertTrue(kl < 1.5e-3, "corrector " + beta + ": KL(empirical || target) = " + kl);
        }
        assertThrows(IllegalArgumentException.class, () -> plain.withCorrector(-1));
    }

    @Test
    void puritySamplingUnmasksTheSurestPositionsAtTheEulerRate() {
        int k = 3, n = 4000;
        // position 0 of each pair is predicted with confidence 0.9, position 1 is a coin toss between three tokens
        CategoricalFlow.Denoiser peaked = (state, feature, sequences, length) -> {
            float[] out = new float[sequences * length * k];
            for (int p = 0; p < sequences * length; p++) {
                float[] row = p % 2 == 0 ? new float[] {0.9f, 0.05f, 0.05f} : new float[] {1 / 3f, 1 / 3f, 1 / 3f};
                System.arraycopy(row, 0, out, p * k, k);
            }
            return out;
        };
        int[] oneOpen = new int[2];
        double[] worst = {0};
        CategoricalFlow.Denoiser watched = (state, feature, sequences, length) -> {
            int masked = 0;
            for (int b = 0; b < sequences; b++) {
                int a = token(state, 2 * b * (k + 1), k), c = token(state, (2 * b + 1) * (k + 1), k);
                if ((a >= 0) != (c >= 0)) oneOpen[a >= 0 ? 0 : 1]++;
                masked += (a < 0 ? 1 : 0) + (c < 0 ? 1 : 0);
            }
            worst[0] = Math.max(worst[0], Math.abs(masked / (2.0 * sequences) - (1 - feature[0])));
            return peaked.probabilities(state, feature, sequences, length);
        };
        DiscreteFlow purity = new DiscreteFlow(k, DiscreteFlow.Source.MASK).withPurity();
        int[] x = purity.sample(watched, n, 2, 4, new Rng(9));
        assertEquals(0, oneOpen[1], "with one of two positions decided, it is always the surer one");
        assertTrue(oneOpen[0] > n / 2, "half-decided pairs occur: " + oneOpen[0]);
        // Binomial counts keep the masked share at 1 − t (binomial noise of 8000 positions ≤ 0.017 at 3σ)
        assertTrue(worst[0] < 0.02, "masked share strays from 1 − t by " + worst[0]);
        for (int t : x) assertTrue(t >= 0 && t < k, "every position decided at the end");
        assertThrows(IllegalArgumentException.class, () -> new DiscreteFlow(k, DiscreteFlow.Source.UNIFORM).withPurity());
    }

    /** The token of a one-hot position with K + 1 channels (the last the mask), or -1 for the mask. */
    private static int token(float[] state, int o, int k) {
        for (int i = 0; i < k; i++) if (state[o + i] == 1) return i;
        return -1;
    }

    interface Posterior { double[] weights(float[] state, int offset, double feature); }

    private static void check(CategoricalFlow flow, int steps, double[] q, int n, Posterior post) {
        int k = q.length, c = flow.channels();
        CategoricalFlow.Denoiser exact = (state, feature, sequences, length) -> {
            float[] out = new float[sequences * length * k];
            for (int p = 0; p < sequences * length; p++) {
                double[] w = post.weights(state, p * c, feature[p / length]);
                double s = 0;
                for (double v : w) s += v;
                for (int i = 0; i < k; i++) out[p * k + i] = (float) (s > 0 ? w[i] / s : 1.0 / k);
            }
            return out;
        };
        int[] tokens = flow.sample(exact, n, 1, steps, new Rng(3));
        double[] counts = new double[k];
        for (int t : tokens) counts[t]++;
        double kl = 0;
        for (int i = 0; i < k; i++) if (counts[i] > 0) kl += counts[i] / n * Math.log(counts[i] / n / q[i]);
        // sampling noise alone: E[KL] ≈ (K − 1)/(2n) = 1e-4; allow 10× that
        assertTrue(kl < 1e-3, flow.getClass().getSimpleName() + ": KL(empirical || target) = " + kl);
    }
}
