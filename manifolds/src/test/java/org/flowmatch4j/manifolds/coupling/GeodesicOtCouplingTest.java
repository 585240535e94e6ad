package org.flowmatch4j.manifolds.coupling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.flowmatch4j.core.coupling.Pairing;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.manifolds.Euclidean;
import org.flowmatch4j.manifolds.FlatTorus;
import org.flowmatch4j.manifolds.Manifold;
import org.flowmatch4j.manifolds.Sphere;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GeodesicOtCouplingTest {
    @Test void squaredDistancesAreGreatCircleAnglesSquaredOnTheSphere() {
        Sphere s = new Sphere(2);
        INDArray a = s.sampleBase(5, new Rng(1)).castTo(DataType.DOUBLE), b = s.sampleBase(7, new Rng(2)).castTo(DataType.DOUBLE);
        double[] c = GeodesicOtCoupling.squaredDistances(s, a, b);
        assertEquals(35, c.length);
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 7; j++) {
                double angle = Math.acos(Math.max(-1, Math.min(1, a.getRow(i).mul(b.getRow(j)).sumNumber().doubleValue())));
                assertEquals(angle * angle, c[i * 7 + j], 1e-6 * angle * angle, "pair " + i + "," + j);
            }
        }
    }

    /** Brute force over all 7! permutations: the coupling's total cost is the minimum, on the sphere and the torus. */
    @Test void pairingIsTheMinimumCostPermutation() {
        for (Manifold m : new Manifold[] {new Sphere(2), new FlatTorus(2)}) {
            INDArray x0 = m.sampleBase(7, new Rng(3)), x1 = m.sampleBase(7, new Rng(4));
            Pairing p = new GeodesicOtCoupling(m, 7).pair(x0, x1, new Rng(0));
            double[] c = GeodesicOtCoupling.squaredDistances(m, x0, x1);
            double got = 0;
            for (int k = 0; k < 7; k++) got += c[p.source()[k] * 7 + p.target()[k]];
            assertEquals(bruteForceMinimum(c, 7, 0, new boolean[7]), got, 1e-9, m.toString());
            int[] used = p.target().clone();
            Arrays.sort(used);
            assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6}, used, "every data row used once");
        }
    }

    /** Blocks of 3 over 7 rows: every pair stays in its block ({0,1,2}, {3,4,5}, {6}) and each block is optimal. */
    @Test void blocksArePairedSeparatelyAndOptimally() {
        Sphere s = new Sphere(2);
        INDArray x0 = s.sampleBase(7, new Rng(5)), x1 = s.sampleBase(7, new Rng(6));
        Pairing p = new GeodesicOtCoupling(s, 3).pair(x0, x1, new Rng(0));
        for (int from = 0; from < 7; from += 3) {
            int size = Math.min(3, 7 - from);
            int[] rows = new int[size];
            for (int k = 0; k < size; k++) rows[k] = from + k;
            double[] c = GeodesicOtCoupling.squaredDistances(s, x0.getRows(rows), x1.getRows(rows));
            double got = 0;
            for (int k = 0; k < size; k++) {
                int target = p.target()[from + k];
                assertEquals(from, target - Math.floorMod(target - from, 3), "row " + (from + k) + " left its block");
                got += c[k * size + target - from];
            }
            assertEquals(bruteForceMinimum(c, size, 0, new boolean[size]), got, 1e-12, "block from " + from);
        }
    }

    /** Manifolds without a closed form here go through Manifold#dist: Euclidean gives |x − y|². */
    @Test void otherManifoldsUseTheirDistance() {
        INDArray a = Nd4j.createFromArray(new double[][] {{0, 0}, {1, 2}}), b = Nd4j.createFromArray(new double[][] {{3, 4}, {1, 0}});
        assertArrayEquals(new double[] {25, 1, 8, 4}, GeodesicOtCoupling.squaredDistances(new Euclidean(2), a, b), 1e-12);
    }

    /** On the circle the geodesic cost pairs across the 0/2π seam, where a cost on raw angles would not. */
    @Test void torusCostWrapsAroundTheSeam() {
        FlatTorus t = new FlatTorus(1);
        INDArray x0 = Nd4j.createFromArray(new double[][] {{0.1}, {3.0}});
        INDArray x1 = Nd4j.createFromArray(new double[][] {{3.3}, {2 * Math.PI - 0.1}});
        Pairing p = new GeodesicOtCoupling(t, 2).pair(x0, x1, new Rng(0));
        assertArrayEquals(new int[] {1, 0}, p.target(), "0.1 goes to 2π − 0.1 (distance 0.2), 3.0 to 3.3");
    }

    private static double bruteForceMinimum(double[] c, int n, int row, boolean[] used) {
        if (row == n) return 0;
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            if (used[j]) continue;
            used[j] = true;
            best = Math.min(best, c[row * n + j] + bruteForceMinimum(c, n, row + 1, used));
            used[j] = false;
        }
        return best;
    }
}
