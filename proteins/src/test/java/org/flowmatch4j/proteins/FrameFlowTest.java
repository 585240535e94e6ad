package org.flowmatch4j.proteins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.flowmatch4j.core.path.PathSample;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.proteins.flow.FrameFlow;
import org.flowmatch4j.proteins.flow.QuaternionFlow;
import org.flowmatch4j.proteins.geometry.Frames;
import org.flowmatch4j.proteins.io.Backbone;
import org.flowmatch4j.proteins.io.StructureReader;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class FrameFlowTest {
    /** Four real chains cut to 60 residues, as a batch of frames. */
    static List<Frames> batch() throws Exception {
        List<Frames> out = new ArrayList<>();
        for (String f : List.of("pdb_1aki_A.pdb", "scop_d1mbaa_.pdb", "hs_1e79h.pdb", "hs_1bmr.pdb")) {
            Backbone b = StructureReader.read(DihedralsTest.DATA.resolve(f)).get(0);
            Frames fr = Frames.of(b);
            out.add(new Frames(java.util.Arrays.copyOf(fr.rotations(), 60), java.util.Arrays.copyOf(fr.translations(), 60)));
        }
        return out;
    }

    @Test
    void rowsRoundTripAndAreCentredInNanometres() throws Exception {
        List<Frames> b = batch();
        INDArray rows = FrameFlow.toRows(b);
        assertEquals(240, rows.size(0));
        INDArray t = rows.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 60), org.nd4j.linalg.indexing.NDArrayIndex.interval(9, 12));
        assertEquals(0, t.mean(0).amaxNumber().doubleValue(), 1e-5);
        List<Frames> back = FrameFlow.fromRows(rows, 60);
        double[] c0 = new double[3];
        for (double[] p : b.get(0).translations()) for (int k = 0; k < 3; k++) c0[k] += p[k] / 60;
        for (int i = 0; i < 60; i++) {
            for (int k = 0; k < 3; k++) assertEquals(b.get(0).translations()[i][k] - c0[k], back.get(0).translations()[i][k], 1e-3);
        }
    }

    /** OT pairing never does worse than the identity pairing, and aligned noise keeps its distances (a rigid motion). */
    @Test
    void alignedOtPairingLowersTheTransportCost() throws Exception {
        INDArray data = FrameFlow.toRows(batch());
        Rng rng = new Rng(3);
        for (int trial = 0; trial < 5; trial++) {
            INDArray noise = FrameFlow.noise(4, 60, rng);
            INDArray paired = FrameFlow.pairNoise(noise, data, 60);
            double before = transCost(noise, data), after = transCost(paired, data);
            assertTrue(after <= before + 1e-6, after + " vs " + before);
            double[] n0 = pairwise(noise), p0 = pairwise(paired);
            java.util.Arrays.sort(n0);
            java.util.Arrays.sort(p0);
            for (int k = 0; k < n0.length; k++) assertEquals(n0[k], p0[k], 1e-3);
        }
    }

    private static double transCost(INDArray a, INDArray b) {
        INDArray d = FrameFlow.SE3.part(a, 1).sub(FrameFlow.SE3.part(b, 1));
        return d.mul(d).sumNumber().doubleValue();
    }

    /** Within-protein distance multiset over all proteins (invariant under per-protein rigid motions and reordering). */
    private static double[] pairwise(INDArray rows) {
        double[][] t = FrameFlow.SE3.part(rows, 1).castTo(DataType.DOUBLE).toDoubleMatrix();
        List<Double> out = new ArrayList<>();
        for (int p = 0; p < 4; p++) for (int i = 0; i < 60; i += 7) for (int j = i + 1; j < 60; j += 11) {
            double dx = t[p * 60 + i][0] - t[p * 60 + j][0], dy = t[p * 60 + i][1] - t[p * 60 + j][1], dz = t[p * 60 + i][2] - t[p * 60 + j][2];
            out.add(Math.sqrt(dx * dx + dy * dy + dz * dz));
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** x_t interpolates per protein with one t, and the targets point at x1 (translations exactly). */
    @Test
    void pathUsesOneTimePerProtein() throws Exception {
        INDArray x1 = FrameFlow.toRows(batch()).castTo(DataType.DOUBLE), x0 = FrameFlow.noise(4, 60, new Rng(4)).castTo(DataType.DOUBLE);
        INDArray t = Nd4j.createFromArray(0.0, 0.25, 0.5, 0.9);
        PathSample s = FrameFlow.sample(x0, x1, t, 60);
        for (int p = 0; p < 4; p++) {
            double tp = t.getDouble(p);
            for (int i = p * 60; i < p * 60 + 60; i += 13) {
                for (int k = 9; k < 12; k++) {
                    assertEquals((1 - tp) * x0.getDouble(i, k) + tp * x1.getDouble(i, k), s.xt().getDouble(i, k), 1e-9);
                    assertEquals((x1.getDouble(i, k) - s.xt().getDouble(i, k)) / (1 - tp), s.dxt().getDouble(i, k), 1e-8);
                }
            }
        }
    }

    /** With the true clean frames as the prediction, the exponential-schedule sampler lands on them. */
    @Test
    void samplerWithAnOraclePredictionReachesTheData() throws Exception {
        INDArray x1 = FrameFlow.toRows(batch()).castTo(DataType.DOUBLE);
        INDArray x = FrameFlow.noise(4, 60, new Rng(6)).castTo(DataType.DOUBLE);
        int steps = 100;
        for (int k = 0; k < steps; k++) x = FrameFlow.eulerStep(x, x1, k / (double) steps, 1.0 / steps, 10);
        INDArray dist = FrameFlow.SE3.dist(x, x1);
        assertTrue(dist.maxNumber().doubleValue() < 1e-3, "max SE(3) distance to the data " + dist.maxNumber());
    }

    /** ReQFlow's quaternion SLERP step moves rotations and translations exactly as the matrix exp/log step does. */
    @Test
    void quaternionStepEqualsTheMatrixGeodesicStep() {
        Rng rng = new Rng(11);
        INDArray x = FrameFlow.noise(3, 20, rng), pred = FrameFlow.noise(3, 20, rng);
        for (double rate : new double[] {10, 0}) {
            for (double t : new double[] {0, 0.45, 0.9}) {
                var matrix = FrameFlow.eulerStep(x, pred, t, 0.05, rate);
                var quaternion = QuaternionFlow.eulerStep(x, pred, t, 0.05, rate);
                double diff = matrix.castTo(DataType.DOUBLE)
                        .sub(quaternion.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
                assertTrue(diff < 2e-4, "rate " + rate + " t " + t + ": max difference " + diff);
            }
        }
        var full = QuaternionFlow.eulerStep(x, pred, 0.5, 0.5, 0);   // last linear step lands on x̂1
        assertTrue(full.sub(pred).amaxNumber().doubleValue() < 1e-4);
    }
}
