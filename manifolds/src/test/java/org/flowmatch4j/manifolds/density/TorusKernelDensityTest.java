package org.flowmatch4j.manifolds.density;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.flowmatch4j.core.util.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The von Mises product kernel on T²: log Ĩ₀ against quadrature of (1/π)∫₀^π e^(κ(cos θ − 1)) dθ, normalisation by
 * the periodic trapezoid rule, draws with the mean resultant length A(κ) = I₁(κ)/I₀(κ) (again by quadrature), the
 * uniform share, and the concentration fitted on validation points.
 */
class TorusKernelDensityTest {
    private static final INDArray CENTRES = Nd4j.createFromArray(new double[][] {{0.3, 6.1}, {3.5, 2.0}, {5.0, 5.0}});

    /** (1/π)∫₀^π cos(jθ)^p e^(κ(cos θ − 1)) dθ by the midpoint rule on a fine grid (p = 0: Ĩ₀; j = 1, p = 1: Ĩ₁). */
    private static double integral(double kappa, int power) {
        int n = 400_000;
        double s = 0, h = Math.PI / n;
        for (int i = 0; i < n; i++) {
            double t = (i + 0.5) * h;
            s += Math.pow(Math.cos(t), power) * Math.exp(kappa * (Math.cos(t) - 1));
        }
        return s * h / Math.PI;
    }

    @Test
    void logScaledI0MatchesQuadrature() {
        for (double kappa : new double[] {0, 1e-3, 0.7, 10, 49.9, 50.1, 300, 1e4}) {
            assertEquals(Math.log(integral(kappa, 0)), TorusKernelDensity.logScaledI0(kappa), 1e-7, "kappa " + kappa);
        }
        assertEquals(Math.log(1.2660658777520082) - 1, TorusKernelDensity.logScaledI0(1), 1e-13);
    }

    @Test
    void integratesToOneOverTheTorus() {
        for (double kappa : new double[] {0.5, 6, 80}) {
            TorusKernelDensity p = new TorusKernelDensity(CENTRES, kappa, kappa == 6 ? 0.2 : 0);
            int g = 400;
            double[][] grid = new double[g * g][];
            double h = 2 * Math.PI / g;
            for (int i = 0; i < g; i++) for (int j = 0; j < g; j++) grid[i * g + j] = new double[] {i * h, j * h};
            double total = 0;
            for (double v : p.logDensity(Nd4j.createFromArray(grid))) total += Math.exp(v) * h * h;
            assertEquals(1, total, 1e-9, "kappa " + kappa);
        }
    }

    @Test
    void drawsHaveTheVonMisesResultantLength() {
        int n = 40_000;
        for (double kappa : new double[] {0.5, 5, 1e4, 1e7}) {
            INDArray mu = Nd4j.createFromArray(new double[] {6.2, 0.05}).reshape(1, 2).repeat(0, n);
            INDArray x = new TorusKernelDensity(CENTRES, kappa).perturb(mu, new Rng(2));
            double a = kappa > 1e6 ? 1 - 1 / (2 * kappa) : integral(kappa, 1) / integral(kappa, 0);
            for (int k = 0; k < 2; k++) {
                double mean = 0, sq = 0, sinMean = 0;
                for (int i = 0; i < n; i++) {
                    double v = Math.cos(x.getDouble(i, k) - mu.getDouble(0, k));
                    mean += v / n;
                    sq += v * v / n;
                    sinMean += Math.sin(x.getDouble(i, k) - mu.getDouble(0, k)) / n;
                    assertTrue(x.getDouble(i, k) >= 0 && x.getDouble(i, k) < 2 * Math.PI + 1e-6, "wrapped into [0, 2π)");
                }
                double se = Math.sqrt(Math.max(sq - mean * mean, 1e-14) / n);
                assertEquals(a, mean, 5 * se + 1e-6, "kappa " + kappa + " angle " + k);
                assertEquals(0, sinMean, 5 * Math.sqrt((1 - a) / n) + 1e-6, "symmetric about the centre");
            }
        }
    }

    @Test
    void uniformShareBoundsTheTails() {
        TorusKernelDensity p = new TorusKernelDensity(CENTRES.getRows(0), 1e4, 0.1);
        double far = p.logDensity(Nd4j.createFromArray(new double[][] {{3.4, 3.0}}))[0];
        assertEquals(Math.log(0.1 / (4 * Math.PI * Math.PI)), far, 1e-12);
        assertTrue(p.describe().startsWith("vm-kde:10000.0:uniform=0.1"), p.describe());
    }

    @Test
    void fittedConcentrationFollowsTheValidationPoints() {
        TorusKernelDensity truth = new TorusKernelDensity(CENTRES, 100);
        double k = KernelDensity.fitKappa(kappa -> new TorusKernelDensity(CENTRES, kappa), truth.sample(3000, new Rng(4)));
        assertTrue(k > 100 / Math.pow(10, 2 / 8.0) && k < 100 * Math.pow(10, 2 / 8.0), "fitted " + k);
    }

    @Test
    void refusesBadInput() {
        assertThrows(IllegalArgumentException.class, () -> new TorusKernelDensity(CENTRES, -1));
        assertThrows(IllegalArgumentException.class, () -> new TorusKernelDensity(CENTRES, 1).logDensity(Nd4j.zeros(2, 3)));
    }
}
