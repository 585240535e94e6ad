package org.flowmatch4j.manifolds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.flowmatch4j.core.util.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class Igso3Test {
    private static double integrate(Igso3 g, double upTo) {
        int n = 20000;
        double s = 0;
        for (int k = 0; k < n; k++) {
            double a = upTo * k / n, b = upTo * (k + 1) / n;
            s += 0.5 * (g.angleDensity(a) + g.angleDensity(b)) * (b - a);
        }
        return s;
    }

    @Test
    void angleDensityIsNormalised() {
        for (double eps : new double[] {0.01, 0.25, 1, 4}) assertEquals(1.0, integrate(new Igso3(eps), Math.PI), 1e-6, "eps " + eps);
    }

    @Test
    void largeVarianceTendsToTheUniformRotation() {
        Igso3 g = new Igso3(50);
        for (double w = 0.1; w < Math.PI; w += 0.5) {
            assertEquals((1 - Math.cos(w)) / Math.PI, g.angleDensity(w), 1e-9);   // Haar angle density
        }
    }

    @Test
    void smallVarianceMatchesTheEuclideanLimit() {
        // For small ε the rotation vector is ≈ N(0, ε I₃), so E[ω²] ≈ 3ε.
        double eps = 0.01;
        double[] a = new Igso3(eps).sampleAngles(20000, new Rng(1));
        double m2 = Arrays.stream(a).map(w -> w * w).average().orElseThrow();
        assertEquals(3 * eps, m2, 0.06 * 3 * eps);
    }

    @Test
    void sampledAnglesFollowTheDensity() {
        Igso3 g = new Igso3(0.5);
        int n = 5000;
        double[] a = g.sampleAngles(n, new Rng(2));
        Arrays.sort(a);
        double ks = 0;
        for (int i = 0; i < n; i += 25) {
            double f = integrate(g, a[i]);
            ks = Math.max(ks, Math.max(Math.abs(f - (double) i / n), Math.abs(f - (i + 1.0) / n)));
        }
        assertTrue(ks < 1.63 / Math.sqrt(n), "Kolmogorov–Smirnov distance " + ks + " (1 % critical value " + 1.63 / Math.sqrt(n) + ")");
    }

    @Test
    void samplesAreRotationsWithDensityPeakedAtTheIdentity() {
        Igso3 g = new Igso3(0.1);
        INDArray r = g.sample(50, new Rng(3)).castTo(DataType.DOUBLE);
        So3 so3 = new So3();
        assertTrue(so3.projectPoint(r).sub(r).amaxNumber().doubleValue() < 1e-6);
        double[] lp = g.logDensity(r);
        double[] atIdentity = g.logDensity(org.nd4j.linalg.factory.Nd4j.createFromArray(new double[][] {So3.fromQuaternion(1, 0, 0, 0)}));
        for (double v : lp) assertTrue(v < atIdentity[0]);
    }
}
