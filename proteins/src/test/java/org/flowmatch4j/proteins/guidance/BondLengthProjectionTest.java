package org.flowmatch4j.proteins.guidance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.flowmatch4j.proteins.guidance.TestRows.copy;
import static org.flowmatch4j.proteins.guidance.TestRows.dist;

import org.flowmatch4j.core.util.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The Cα–Cα bond projection: bonds end within 3.8 ± τ, by small moves along the bonds, frames rigid, fixed residues held. */
class BondLengthProjectionTest {
    @Test
    void aLoneStretchedBondIsShortenedSymmetricallyToItsBound() {
        double[][] rows = chain(2, 0.42);
        rows[1][10] = 0;                                   // the bond along x
        double[][] before = copy(rows);
        assertEquals(1, new BondLengthProjection(2, 0.05, 10, new boolean[2]).project(rows, 0));
        assertEquals(0.385, dist(rows[0], rows[1]), 1e-12);
        assertEquals((before[0][9] + before[1][9]) / 2, (rows[0][9] + rows[1][9]) / 2, 1e-12, "the midpoint stays");
        for (int i = 0; i < 2; i++) {
            assertEquals(before[i][10], rows[i][10], 1e-15, "the move is along the bond");
            for (int k = 0; k < 9; k++) assertEquals(before[i][k], rows[i][k], 0, "rotations are never changed");
        }
        double[][] squashed = chain(2, 0.30);
        new BondLengthProjection(2, 0.05, 10, new boolean[2]).project(squashed, 0);
        assertEquals(0.375, dist(squashed[0], squashed[1]), 1e-12);
    }

    @Test
    void bondsWithinTheSlackAreLeftExactlyAsTheyAre() {
        double[][] rows = chain(6, 0.3845);
        double[][] before = copy(rows);
        assertEquals(0, new BondLengthProjection(6, 0.05, 10, new boolean[6]).project(rows, 0));
        for (int i = 0; i < 6; i++) assertArrayEquals(before[i], rows[i], 0);
    }

    @Test
    void fixedResiduesNeverMoveAndTheirPartnerTakesTheWholeCorrection() {
        double[][] rows = chain(3, 0.3);
        rows[1][10] = 0.1;                                 // ends 6 Å apart, the middle 1 Å off their line
        boolean[] fixed = {true, false, true};
        double[][] before = copy(rows);
        assertTrue(new BondLengthProjection(3, 0.0, 500, fixed).project(rows, 0) < 500, "converges");
        assertArrayEquals(before[0], rows[0], 0);
        assertArrayEquals(before[2], rows[2], 0);
        assertEquals(0.38, dist(rows[0], rows[1]), 1e-9, "residue 1 ends where both bonds are 3.8 Å: off the straight line");
        assertEquals(0.38, dist(rows[1], rows[2]), 1e-9);
        assertEquals(before[1][9], rows[1][9], 1e-9, "by symmetry it stays on the perpendicular bisector");
    }

    /**
     * An ideal chain (every bond 3.8 Å) with 0.3 Å of noise on each Cα: the projection puts every bond back within the
     * slack, and moves the Cα less, in RMS, than the noise did (the ideal chain is one admissible point, so a projection
     * worth its name lands at least as close; rebuilding the chain from its ends would not).
     */
    @Test
    void aNoisyChainIsPutBackWithinTheSlackByLessThanTheNoise() {
        int n = 120, proteins = 2;
        Rng rng = new Rng(11);
        double[][] ideal = new double[n * proteins][12];
        for (int p = 0; p < proteins; p++) {
            double[] dir = {1, 0, 0};
            for (int i = 0; i < n; i++) {
                double[] r = ideal[p * n + i];
                r[0] = r[4] = r[8] = 1;
                if (i > 0) {
                    double[] prev = ideal[p * n + i - 1];
                    double[] turn = {dir[0] + 0.9 * rng.gaussian(), dir[1] + 0.9 * rng.gaussian(), dir[2] + 0.9 * rng.gaussian()};
                    double norm = Math.sqrt(turn[0] * turn[0] + turn[1] * turn[1] + turn[2] * turn[2]);
                    for (int k = 0; k < 3; k++) {
                        dir[k] = turn[k] / norm;
                        r[9 + k] = prev[9 + k] + 0.38 * dir[k];
                    }
                }
            }
        }
        double[][] noisy = copy(ideal);
        double noise = 0;
        for (double[] r : noisy) {
            for (int k = 9; k < 12; k++) {
                double e = 0.03 * rng.gaussian();
                r[k] += e;
                noise += e * e;
            }
        }
        INDArray out = new BondLengthProjection(n, 0.05, 500, new boolean[n]).apply(Nd4j.createFromArray(noisy), 0.5);
        double[][] got = out.castTo(DataType.DOUBLE).toDoubleMatrix();
        int outside = 0;
        double moved = 0;
        for (int p = 0; p < proteins; p++) {
            for (int i = 0; i < n; i++) {
                double[] a = got[p * n + i];
                for (int k = 0; k < 3; k++) moved += Math.pow(a[9 + k] - noisy[p * n + i][9 + k], 2);
                for (int k = 0; k < 9; k++) assertEquals(noisy[p * n + i][k], a[k], 0);
                if (i + 1 < n) {
                    if (Math.abs(dist(noisy[p * n + i], noisy[p * n + i + 1]) - 0.38) > 0.005) outside++;
                    double d = dist(a, got[p * n + i + 1]);
                    assertTrue(d > 0.375 - 1e-9 && d < 0.385 + 1e-9, "bond " + i + " of protein " + p + ": " + d);
                }
            }
        }
        assertTrue(outside > 150, "most bonds start outside the slack: " + outside);
        assertTrue(moved < noise, "moved " + Math.sqrt(moved / n / proteins) + " nm RMS against noise " + Math.sqrt(noise / n / proteins));
    }

    private static double[][] chain(int n, double bondNm) {
        double[][] rows = new double[n][12];
        for (int i = 0; i < n; i++) {
            rows[i][0] = rows[i][4] = rows[i][8] = 1;
            rows[i][9] = bondNm * i;
            rows[i][10] = 0.01 * (i % 2);                  // a slight zigzag, so bonds are not all parallel
        }
        return rows;
    }
}
