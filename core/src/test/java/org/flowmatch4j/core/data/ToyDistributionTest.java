package org.flowmatch4j.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.flowmatch4j.core.util.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class ToyDistributionTest {
    @Test
    void eightGaussiansHaveTorchCfmCentresAndVariance() {
        int n = 40000;
        INDArray x = ToyDistribution.EIGHT_GAUSSIANS.sample(n, new Rng(1));
        double[] sum = new double[8], sumSq = new double[8];
        int[] count = new int[8];
        for (int i = 0; i < n; i++) {
            double a = x.getDouble(i, 0), b = x.getDouble(i, 1);
            int k = (int) Math.floorMod(Math.round(Math.atan2(b, a) / (Math.PI / 4)), 8);
            double dx = a - 5 * Math.cos(k * Math.PI / 4);
            sum[k] += dx;
            sumSq[k] += dx * dx;
            count[k]++;
        }
        for (int k = 0; k < 8; k++) {
            assertEquals(n / 8.0, count[k], 4 * Math.sqrt(n / 8.0), "cluster " + k);
            // per-axis variance sqrt(0.1) (TorchCFM's covariance sqrt(var) * I with var = 0.1)
            double var = sumSq[k] / count[k] - Math.pow(sum[k] / count[k], 2);
            assertEquals(Math.sqrt(0.1), var, 0.03, "cluster " + k);
        }
    }

    @Test
    void moonsAreTwoScaledHalfCircles() {
        int n = 2000;
        INDArray x = ToyDistribution.MOONS.sample(n, new Rng(2));
        // Undo ×3 - 1; the means of the noiseless moons are (0, 2/π) and (1, 0.5 - 2/π).
        double mx = x.getColumn(0).meanNumber().doubleValue(), my = x.getColumn(1).meanNumber().doubleValue();
        assertEquals(0.5 * 3 - 1, mx, 3 * 3 * 0.6 / Math.sqrt(n));
        assertEquals(0.25 * 3 - 1, my, 3 * 3 * 0.5 / Math.sqrt(n));
        assertEquals(2, x.size(1));
    }

    @Test
    void samplingIsSeeded() {
        assertTrue(ToyDistribution.MOONS.sample(10, new Rng(3)).equals(ToyDistribution.MOONS.sample(10, new Rng(3))));
    }

    @Test
    void cliNamesRoundTrip() {
        for (ToyDistribution d : ToyDistribution.values()) assertEquals(d, ToyDistribution.fromCliName(d.cliName()));
        assertEquals("unknown toy distribution 'circles', expected gaussian, 8gaussians or moons",
                assertThrows(IllegalArgumentException.class, () -> ToyDistribution.fromCliName("circles")).getMessage());
    }
}
