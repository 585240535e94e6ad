package org.flowmatch4j.proteins.guidance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.flowmatch4j.proteins.guidance.TestRows.copy;
import static org.flowmatch4j.proteins.guidance.TestRows.dist;

import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.proteins.flow.FrameFlow;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The steric projection: its result satisfies the exclusion, moves only what violates it, and keeps frames rigid. */
class StericRepulsionTest {
    @Test
    void aLonePairIsPushedApartSymmetricallyToTheRadius() {
        int n = 8;
        double[][] rows = straightChain(n);
        rows[6][9] = rows[1][9] + 0.2;                     // Cα 1 and 6 (five apart) 2 Å apart along x
        rows[6][10] = rows[1][10];
        rows[6][11] = rows[1][11];
        double[] mid = {(rows[1][9] + rows[6][9]) / 2, rows[1][10], rows[1][11]};
        double[][] before = copy(rows);
        assertEquals(1, new StericRepulsion(n, 3.4, 3, 0, 10).project(rows, 0));
        assertEquals(0.34 + StericRepulsion.MARGIN_NM, dist(rows[1], rows[6]), 1e-12, "pushed to r plus the overshoot");
        assertEquals(mid[0], (rows[1][9] + rows[6][9]) / 2, 1e-12);
        for (int i = 0; i < n; i++) {
            if (i != 1 && i != 6) assertArrayEquals(before[i], rows[i], 0, "residue " + i + " does not violate and stays");
            for (int k = 0; k < 9; k++) assertEquals(before[i][k], rows[i][k], 0, "rotations are never changed");
        }
    }

    @Test
    void fixedResiduesNeverMoveAndTheirPartnerTakesTheWholePush() {
        int n = 8;
        double[][] rows = straightChain(n);
        rows[6][9] = rows[1][9] + 0.2;
        rows[6][10] = rows[1][10];
        rows[6][11] = rows[1][11];
        boolean[] fixed = new boolean[n];
        fixed[1] = fixed[2] = true;
        double[][] before = copy(rows);
        new StericRepulsion(n, 3.4, 3, 2, 10, fixed).project(rows, 0);
        assertArrayEquals(before[1], rows[1], 0);
        assertArrayEquals(before[2], rows[2], 0);
        assertEquals(0.34 + StericRepulsion.MARGIN_NM, dist(rows[1], rows[6]), 1e-9);
        fixed[6] = true;                                   // both ends fixed: the pair is left as it is
        double[][] both = copy(before);
        assertEquals(0, new StericRepulsion(n, 3.4, 3, 2, 10, fixed).project(both, 0));
        assertArrayEquals(before[6], both[6], 0);
    }

    @Test
    void spreadMovesTheNeighboursByTheKernelAndLeavesFarResiduesAlone() {
        int n = 40;
        double[][] rows = straightChain(n);
        rows[30][9] = rows[10][9];                          // Cα 10 and 30 1 Å apart along y
        rows[30][10] = rows[10][10] + 0.1;
        rows[30][11] = rows[10][11];
        double[][] before = copy(rows);
        new StericRepulsion(n, 3.4, 3, 2, 1).project(rows, 0);   // one sweep: each of the two moves (r + δ − 1 Å)/2
        double each = (0.34 + StericRepulsion.MARGIN_NM - 0.1) / 2;
        for (int m = -8; m <= 8; m++) {
            double w = Math.abs(m) <= 6 ? Math.exp(-m * m / 8.0) : 0;
            assertEquals(-each * w, rows[10 + m][10] - before[10 + m][10], 1e-12, "neighbour " + m + " of 10");
            assertEquals(each * w, rows[30 + m][10] - before[30 + m][10], 1e-12, "neighbour " + m + " of 30");
        }
        for (int i = 0; i < 3; i++) assertArrayEquals(before[i], rows[i], 0);
    }

    @Test
    void aCollapsedChainComesOutFreeOfClashesWithRigidFrames() {
        int n = 60, proteins = 3;
        INDArray pred = FrameFlow.noise(proteins, n, new Rng(3));
        pred.get(NDArrayIndex.all(), NDArrayIndex.interval(9, 12)).muli(0.4);   // squeezed to ~0.4 nm per axis: many clashes
        INDArray out = new StericRepulsion(n, 3.4, 3, 4, 500).apply(pred, 0.5);
        double[][] a = pred.castTo(DataType.DOUBLE).toDoubleMatrix(), b = out.castTo(DataType.DOUBLE).toDoubleMatrix();
        int before = 0;
        for (int p = 0; p < proteins; p++) {
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < 9; k++) assertEquals(a[p * n + i][k], b[p * n + i][k], 1e-6);
                for (int j = i + 3; j < n; j++) {
                    if (dist(a[p * n + i], a[p * n + j]) < 0.3) before++;
                    assertTrue(dist(b[p * n + i], b[p * n + j]) > 0.34 - 1e-5, "pair " + i + "," + j + " of protein " + p);
                }
            }
        }
        assertTrue(before > 100, "the input has clashes to remove: " + before);
        assertEquals(out.dataType(), pred.dataType());
    }

    private static double[][] straightChain(int n) {
        double[][] rows = new double[n][12];
        for (int i = 0; i < n; i++) {
            rows[i][0] = rows[i][4] = rows[i][8] = 1;
            rows[i][9] = 0.38 * i;
            rows[i][10] = 0.5 * (i % 2);                   // a zigzag, so nothing is within 3.4 Å beyond i ± 2
        }
        return rows;
    }
}
