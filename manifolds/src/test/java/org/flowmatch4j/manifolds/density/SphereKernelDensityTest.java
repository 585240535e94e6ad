package org.flowmatch4j.manifolds.density;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.manifolds.Sphere;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The von Mises–Fisher kernel density on S²: its normalisation by quadrature, the closed-form peak and profile, the
 * moments of its draws (E⟨x, μ⟩ = coth κ − 1/κ, Var = 1/κ² − 1/sinh² κ), and the concentration fitted on validation
 * points.
 */
class SphereKernelDensityTest {
    private static final INDArray THREE = Nd4j.createFromArray(new double[][] {{0, 0, 1}, {1, 0, 0}, {0.6, 0.8, 0}});

    @Test
    void integratesToOneOverTheSphere() {
        for (double kappa : new double[] {0.5, 8, 60}) {
            SphereKernelDensity p = new SphereKernelDensity(THREE, kappa, kappa == 8 ? 0.1 : 0);
            int nt = 600, np = 1200;
            double[][] grid = new double[nt * np][];
            double[] weight = new double[nt * np];
            double dt = Math.PI / nt, dp = 2 * Math.PI / np;
            for (int i = 0; i < nt; i++) {
                double th = (i + 0.5) * dt;
                for (int j = 0; j < np; j++) {
                    double ph = (j + 0.5) * dp;
                    grid[i * np + j] = new double[] {Math.sin(th) * Math.cos(ph), Math.sin(th) * Math.sin(ph), Math.cos(th)};
                    weight[i * np + j] = Math.sin(th) * dt * dp;
                }
            }
            double[] lp = p.logDensity(Nd4j.createFromArray(grid));
            double total = 0;
            for (int k = 0; k < lp.length; k++) total += Math.exp(lp[k]) * weight[k];
            assertEquals(1, total, 2e-4, "kappa " + kappa);
        }
    }

    @Test
    void peakAndProfileAreTheClosedForm() {
        INDArray one = Nd4j.createFromArray(new double[][] {{0, 0, 1}});
        for (double kappa : new double[] {0.3, 50, 1e7}) {
            SphereKernelDensity p = new SphereKernelDensity(one, kappa);
            double theta = 0.3 / Math.sqrt(kappa);
            double[] lp = p.logDensity(Nd4j.createFromArray(new double[][] {{0, 0, 1}, {Math.sin(theta), 0, Math.cos(theta)}}));
            double logPeak = Math.log(kappa / (2 * Math.PI * (1 - Math.exp(-2 * kappa))));
            assertEquals(logPeak, lp[0], 1e-9 * Math.max(1, Math.abs(logPeak)));
            assertEquals(logPeak - kappa * (1 - Math.cos(theta)), lp[1], 1e-6);
        }
        // two centres: the mixture is the mean of the two kernels
        SphereKernelDensity two = new SphereKernelDensity(THREE.getRows(0, 1), 4);
        INDArray x = Nd4j.createFromArray(new double[][] {{0, 0.6, 0.8}});
        double a = Math.exp(new SphereKernelDensity(THREE.getRows(0), 4).logDensity(x)[0]);
        double b = Math.exp(new SphereKernelDensity(THREE.getRows(1), 4).logDensity(x)[0]);
        assertEquals(Math.log((a + b) / 2), two.logDensity(x)[0], 1e-12);
    }

    @Test
    void drawsHaveTheVmfMoments() {
        int n = 40_000;
        for (double kappa : new double[] {2, 10, 1e5}) {
            INDArray mu = Nd4j.createFromArray(new double[] {0.6, 0, 0.8}).reshape(1, 3).repeat(0, n);
            INDArray x = new SphereKernelDensity(THREE, kappa).perturb(mu, new Rng(3));
            double[] w = x.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).mmul(Nd4j.createFromArray(0.6, 0, 0.8).reshape(3, 1))
                    .data().asDouble();
            double mean = 0, sq = 0;
            for (double v : w) {
                mean += v / n;
                sq += v * v / n;
            }
            double expMean = 1 / Math.tanh(kappa) - 1 / kappa;
            double expVar = 1 / (kappa * kappa) - (kappa > 300 ? 0 : 1 / Math.pow(Math.sinh(kappa), 2));
            assertEquals(expMean, mean, 5 * Math.sqrt(expVar / n) + 1e-6, "kappa " + kappa);
            assertEquals(expVar, sq - mean * mean, 0.05 * expVar + 1e-6, "kappa " + kappa);
            // the tangent direction is uniform: the mean of the draws points along mu
            INDArray m = x.mean(0);
            assertEquals(0, m.getDouble(1), 5 * Math.sqrt(Math.max(1 - expMean * expMean, 1e-12) / n) + 1e-6);
            assertTrue(new Sphere(2).projectPoint(x).sub(x).amaxNumber().doubleValue() < 1e-6, "draws are unit vectors");
        }
    }

    /** With a uniform share ε, far points get density ε/(4π) and a share ε of the samples is uniform. */
    @Test
    void uniformShareBoundsTheTailsAndIsDrawn() {
        double eps = 0.05;
        SphereKernelDensity p = new SphereKernelDensity(THREE.getRows(0), 1e4, eps);
        assertEquals(Math.log(eps / (4 * Math.PI)), p.logDensity(Nd4j.createFromArray(new double[][] {{0, 0, -1}}))[0], 1e-12);
        assertEquals(Math.log((1 - eps) * 1e4 / (2 * Math.PI) + eps / (4 * Math.PI)),
                p.logDensity(Nd4j.createFromArray(new double[][] {{0, 0, 1}}))[0], 1e-9);
        int n = 40_000;
        INDArray x = p.sample(n, new Rng(6));
        int south = 0;
        for (int i = 0; i < n; i++) if (x.getDouble(i, 2) < 0) south++;
        double share = eps / 2, sd = Math.sqrt(n * share * (1 - share));
        assertEquals(n * share, south, 4 * sd, "uniform draws land in the southern hemisphere half the time");
        // kernel draws (the training pairs) have no uniform share: none of them reaches the south
        INDArray k = p.perturb(Nd4j.createFromArray(new double[] {0, 0, 1}).reshape(1, 3).repeat(0, n), new Rng(6));
        assertTrue(k.getColumn(2).minNumber().doubleValue() > 0.99, "kernel draws stay within ~8° of the centre");
        assertTrue(p.describe().endsWith(":uniform=0.05"), p.describe());
    }

    @Test
    void samplesVisitEveryCentreEqually() {
        int n = 30_000;
        INDArray x = new SphereKernelDensity(THREE, 400).sample(n, new Rng(8));
        INDArray dots = x.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).mmul(THREE.transpose());
        int[] count = new int[3];
        for (int i = 0; i < n; i++) count[(int) Nd4j.argMax(dots.getRow(i)).getInt(0)]++;
        double sd = Math.sqrt(n * (1 / 3.0) * (2 / 3.0));
        for (int k = 0; k < 3; k++) assertEquals(n / 3.0, count[k], 4 * sd, "centre " + k);
    }

    private static double fit(INDArray val) { return KernelDensity.fitKappa(k -> new SphereKernelDensity(THREE, k), val); }

    @Test
    void fittedConcentrationFollowsTheValidationPoints() {
        // validation points equal to centres: the sharpest kernel on the grid wins; far, spread-out points: the widest
        assertEquals(1e7, fit(THREE), 1e-3);
        INDArray spread = new Sphere(2).sampleBase(500, new Rng(2));
        assertEquals(1, fit(spread), 1e-12);
        // points drawn around the centres with kappa 100 fit a concentration near 100 (within one grid step pair)
        SphereKernelDensity truth = new SphereKernelDensity(THREE, 100);
        double k = fit(truth.sample(3000, new Rng(4)));
        assertTrue(k > 100 / Math.pow(10, 2 / 8.0) && k < 100 * Math.pow(10, 2 / 8.0), "fitted " + k);
    }

    @Test
    void refusesBadInput() {
        assertThrows(IllegalArgumentException.class, () -> new SphereKernelDensity(THREE, 0));
        assertThrows(IllegalArgumentException.class, () -> new SphereKernelDensity(THREE, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SphereKernelDensity(Nd4j.zeros(2, 2), 1));
        assertThrows(IllegalArgumentException.class, () -> new SphereKernelDensity(THREE, 1).logDensity(Nd4j.zeros(1, 3)));
    }
}
