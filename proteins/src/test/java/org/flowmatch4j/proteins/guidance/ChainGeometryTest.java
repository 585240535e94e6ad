package org.flowmatch4j.proteins.guidance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.flowmatch4j.proteins.guidance.TestRows.dist;

import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.proteins.flow.FrameFlow;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Alternating the two projections ends where both hold, where either one alone leaves the other violated. */
class ChainGeometryTest {
    @Test
    void aCollapsedChainEndsBothClashFreeAndWithEveryBondInRange() {
        int n = 60, proteins = 3;
        boolean[] none = new boolean[n];
        INDArray pred = FrameFlow.noise(proteins, n, new Rng(5));
        pred.get(NDArrayIndex.all(), NDArrayIndex.interval(9, 12)).muli(0.4);   // a squeezed blob: clashes and bad bonds
        StericRepulsion steric = new StericRepulsion(n, 3.4, 3, 4, 200, none);
        BondLengthProjection bonds = new BondLengthProjection(n, 0.05, 500, none);
        double[][] both = new ChainGeometry(n, steric, bonds, 50).apply(pred, 0.5).castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] stericOnly = steric.apply(pred, 0.5).castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] bondsOnly = bonds.apply(pred, 0.5).castTo(DataType.DOUBLE).toDoubleMatrix();
        assertTrue(violations(stericOnly, n, proteins)[1] > 0, "steric alone leaves bonds out of range");
        assertTrue(violations(bondsOnly, n, proteins)[0] > 0, "bonds alone leave clashes");
        int[] v = violations(both, n, proteins);
        assertEquals(0, v[0], "pairs closer than 3.4 Å (1e-5 nm slack)");
        assertEquals(0, v[1], "bonds outside 3.8 ± 0.05 Å");
    }

    /** {clashes below 3.4 Å at |i − j| ≥ 3, bonds outside 3.8 ± 0.05 Å}, each with 1e-5 nm slack (float rows). */
    private static int[] violations(double[][] rows, int n, int proteins) {
        int[] v = new int[2];
        for (int p = 0; p < proteins; p++) {
            for (int i = 0; i < n; i++) {
                for (int j = i + 3; j < n; j++) if (dist(rows[p * n + i], rows[p * n + j]) < 0.34 - 1e-5) v[0]++;
                if (i + 1 < n && Math.abs(dist(rows[p * n + i], rows[p * n + i + 1]) - 0.38) > 0.005 + 1e-5) v[1]++;
            }
        }
        return v;
    }
}
