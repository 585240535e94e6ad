package org.flowmatch4j.proteins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.proteins.align.Superposition;
import org.flowmatch4j.proteins.flow.FrameFlow;
import org.flowmatch4j.proteins.geometry.Frames;
import org.flowmatch4j.proteins.io.Backbone;
import org.flowmatch4j.proteins.io.StructureReader;
import org.flowmatch4j.proteins.model.FrameModel;
import org.flowmatch4j.proteins.model.FrameTrainer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training on one 12-residue fragment lowers the loss on a fixed validation set of (noise, t) draws, and the sampler
 * runs through the model to finite frames. (How well a trained model's samples look is measured by backbone eval on
 * full training runs, not in a unit test.)
 */
class FrameModelTest {
    @Test
    void trainingLowersAFixedValidationLossAndSamplingRuns() throws Exception {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Backbone full = StructureReader.read(DihedralsTest.DATA.resolve("scop_d1mbaa_.pdb")).get(0);
        int n = 12;
        Backbone frag = new Backbone("frag", "A", full.sequence().substring(3, 3 + n), java.util.Arrays.copyOfRange(full.residueNumbers(), 3, 3 + n),
                java.util.Arrays.copyOfRange(full.n(), 3, 3 + n), java.util.Arrays.copyOfRange(full.ca(), 3, 3 + n),
                java.util.Arrays.copyOfRange(full.c(), 3, 3 + n), java.util.Arrays.copyOfRange(full.o(), 3, 3 + n));
        FrameModel model = new FrameModel(new FrameModel.Config(16, 8, 2, 8, 2, 2, 1), 1);
        Rng vr = new Rng(9);
        org.nd4j.linalg.api.ndarray.INDArray x1 = FrameFlow.toRows(FrameTrainer.crops(List.of(frag), n, 8, vr));
        org.nd4j.linalg.api.ndarray.INDArray x0 = FrameFlow.pairNoise(FrameFlow.noise(8, n, vr), x1, n);
        double[] t = {0.05, 0.2, 0.35, 0.5, 0.6, 0.7, 0.8, 0.9};
        org.nd4j.linalg.api.ndarray.INDArray xt = FrameFlow.sample(x0, x1, Nd4j.createFromArray(t), n).xt();
        double before = model.loss(xt, x1, t, null, n, null);
        FrameTrainer.train(model, new FrameTrainer.CropSource(List.of(frag), new int[] {n}, 4 * n), new FrameTrainer.Options(120, 3e-3,
                org.flowmatch4j.core.train.LrSchedule.constant(), 0.5, 1.0), new Rng(2), null);
        double after = model.loss(xt, x1, t, null, n, null);
        assertTrue(after < 0.75 * before, "validation loss " + before + " -> " + after);   // 11.2 -> 6.4 at these seeds
        for (Frames f : FrameTrainer.sample(model, n, 2, FrameTrainer.Sampling.frameFlow(10), null, new Rng(3))) {
            for (double[] p : f.translations()) for (double v : p) assertTrue(Double.isFinite(v));
            for (double[] r : f.rotations()) {
                double det = r[0] * (r[4] * r[8] - r[5] * r[7]) - r[1] * (r[3] * r[8] - r[5] * r[6]) + r[2] * (r[3] * r[7] - r[4] * r[6]);
                assertEquals(1, det, 1e-3);
            }
        }
    }

    private static double mean(double[] a, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += a[i] / (to - from);
        return s;
    }

    static double rmsd(double[][] x, double[][] y) {
        int[] idx = new int[x.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        Superposition s = Superposition.fit(x, y, idx, x.length);
        double sq = 0;
        for (int i = 0; i < x.length; i++) sq += s.squaredDistance(x[i], y[i]) / x.length;
        return Math.sqrt(sq);
    }

    /** Reference structures for RMSD baselines. */
    static final class FrameFlowTestSupport {
        /** A 3.8 Å random walk (what an untrained model's Cα trace is like at best). */
        static double[][] randomCoil(int n, Rng rng) {
            double[][] p = new double[n][3];
            for (int i = 1; i < n; i++) {
                double[] d = {rng.gaussian(), rng.gaussian(), rng.gaussian()};
                double len = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
                for (int k = 0; k < 3; k++) p[i][k] = p[i - 1][k] + 3.8 * d[k] / len;
            }
            return p;
        }
    }
}
