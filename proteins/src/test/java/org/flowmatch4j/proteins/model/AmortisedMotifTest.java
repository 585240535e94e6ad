package org.flowmatch4j.proteins.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.proteins.flow.FrameFlow;
import org.flowmatch4j.proteins.geometry.Frames;
import org.flowmatch4j.proteins.task.Contig;
import org.flowmatch4j.proteins.task.MotifConditioning;
import org.flowmatch4j.proteins.task.MotifLayout;
import org.flowmatch4j.proteins.task.MotifProblem;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Amortised motif conditioning: the training motifs have the documented shape, motif crops are centred on the motif
 * and marked, a conditioned network started from an unconditioned one computes the same function until trained,
 * the mask then changes its predictions, and sampling holds the motif exactly.
 */
class AmortisedMotifTest {
    private static final FrameModel.Config TINY = new FrameModel.Config(16, 8, 2, 8, 2, 2, 1);

    @Test
    void trainingMotifsHaveOneToThreeSegmentsCoveringFiveToFiftyPercent() {
        for (int n : new int[] {8, 60, 120}) {
            int lo = Math.max(1, (int) Math.ceil(0.05 * n)), hi = n / 2, minSeen = n, maxSeen = 0;
            boolean[] segmentCounts = new boolean[4];
            Rng rng = new Rng(n);
            for (int draw = 0; draw < 2000; draw++) {
                boolean[] m = MotifCrops.residues(n, rng);
                int total = 0, segments = 0;
                for (int i = 0; i < n; i++) {
                    if (m[i]) total++;
                    if (m[i] && (i == 0 || !m[i - 1])) segments++;
                }
                assertTrue(total >= lo && total <= hi, n + ": motif of " + total);
                assertTrue(segments >= 1 && segments <= 3, n + ": " + segments + " segments");
                segmentCounts[segments] = true;
                minSeen = Math.min(minSeen, total);
                maxSeen = Math.max(maxSeen, total);
            }
            assertEquals(lo, minSeen, n + ": smallest motif");          // each size has probability >= 1/58 per draw
            assertEquals(hi, maxSeen, n + ": largest motif");
            assertTrue(segmentCounts[1] && segmentCounts[2] && segmentCounts[3], n + ": all segment counts drawn");
        }
    }

    @Test
    void motifCropsCentreEachProteinOnItsMotifAndMarkIt() {
        int n = 20, b = 3;
        INDArray x1 = new Rng(1).normal(b * n, 12).castTo(DataType.FLOAT), x0 = new Rng(2).normal(b * n, 12).castTo(DataType.FLOAT);
        FrameTrainer.BatchSource fixed = rng -> new FrameTrainer.Batch(x0, x1, n, b);
        FrameTrainer.Batch none = new MotifCrops(fixed, 0).next(new Rng(3));
        assertEquals(x1, none.x1());
        for (float m : none.motifMask()) assertEquals(0f, m);
        FrameTrainer.Batch all = new MotifCrops(fixed, 1).next(new Rng(3));
        assertEquals(x1.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 9)), all.x1().get(NDArrayIndex.all(), NDArrayIndex.interval(0, 9)));
        for (int p = 0; p < b; p++) {
            double[] centroid = new double[3], shift = null;
            int count = 0;
            for (int i = 0; i < n; i++) {
                int row = p * n + i;
                double[] d = new double[3];
                for (int a = 0; a < 3; a++) d[a] = x1.getDouble(row, 9 + a) - all.x1().getDouble(row, 9 + a);
                if (shift == null) shift = d;
                assertArrayEquals(shift, d, 1e-5, "one translation per protein");
                if (all.motifMask()[row] == 1) {
                    count++;
                    for (int a = 0; a < 3; a++) centroid[a] += all.x1().getDouble(row, 9 + a);
                }
            }
            assertTrue(count > 0, "protein " + p + " has a motif");
            assertArrayEquals(new double[3], centroid, 1e-5 * count, "motif centroid at the origin");
        }
    }

    @Test
    void holdReplacesExactlyTheMotifRows() {
        INDArray x = new Rng(4).normal(6, 12).castTo(DataType.FLOAT), rows = new Rng(5).normal(6, 12).castTo(DataType.FLOAT);
        float[] mask = {0, 1, 1, 0, 0, 1};
        INDArray held = FrameTrainer.hold(x, new FrameTrainer.MotifInput(mask, rows));
        for (int r = 0; r < 6; r++) assertEquals(mask[r] == 1 ? rows.getRow(r) : x.getRow(r), held.getRow(r), "row " + r);
    }

    @Test
    void aConditionedNetworkStartsAsItsSourceAndThenUsesTheMask() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        int n = 10;
        FrameModel plain = new FrameModel(TINY, 1), conditioned = new FrameModel(TINY.withMotif(), 7);
        assertEquals(TINY.withMotif(), FrameModel.parseSpec(conditioned.spec()));
        assertEquals(TINY, FrameModel.parseSpec(plain.spec()));
        conditioned.initFrom(plain);
        INDArray xt = FrameFlow.noise(2, n, new Rng(6));
        double[] t = {0.3, 0.7};
        float[] mask = new float[2 * n];
        for (int i = 2; i < 6; i++) mask[i] = mask[n + i] = 1;
        INDArray expected = plain.predict(xt, t, null, n, null);
        assertEquals(0, expected.sub(conditioned.predict(xt, t, null, n, mask)).amaxNumber().doubleValue(), 1e-5);
        assertEquals(0, expected.sub(conditioned.predict(xt, t, null, n, null)).amaxNumber().doubleValue(), 1e-5);
        assertThrows(IllegalArgumentException.class, () -> plain.predict(xt, t, null, n, mask));
        assertThrows(IllegalArgumentException.class, () -> plain.initFrom(conditioned));
        assertThrows(IllegalArgumentException.class, () -> new FrameModel(new FrameModel.Config(16, 8, 2, 8, 2, 2, 2), 1).initFrom(plain));

        INDArray target = FrameFlow.noise(2, n, new Rng(8));
        for (int step = 0; step < 3; step++) {         // the zero-initialised backbone update passes gradient on from step 2
            conditioned.trainStep(xt, target, t, null, n, mask, 1e-2, 1.0);
        }
        double effect = conditioned.predict(xt, t, null, n, mask).sub(conditioned.predict(xt, t, null, n, null)).amaxNumber().doubleValue();
        assertTrue(effect > 1e-4, "after three steps the mask changes the prediction by " + effect);
    }

    @Test
    void amortisedSamplingHoldsTheCentredMotifExactly() throws Exception {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        MotifProblem p = MotifProblem.of(Path.of("../data/proteins/motifs/design25/1prw.pdb"), "1prw", "1PRW",
                Contig.parse("3-6/A16-35/4-8"), 28, 34);
        MotifLayout layout = MotifLayout.sample(p, new Rng(4));
        FrameModel model = new FrameModel(TINY.withMotif(), 1);
        List<Frames> out = FrameTrainer.sample(model, layout.length(), 2, FrameTrainer.Sampling.frameFlow(8), null,
                MotifConditioning.input(layout, 2), new Rng(5));
        int m = layout.motifPositions().length;
        double[] centre = new double[3];
        for (double[] x : layout.motifFrames().translations()) for (int a = 0; a < 3; a++) centre[a] += x[a] / m;
        for (Frames f : out) {
            for (int k = 0; k < m; k++) {
                double[] want = layout.motifFrames().translations()[k], got = f.translations()[layout.motifPositions()[k]];
                for (int a = 0; a < 3; a++) assertEquals(want[a] - centre[a], got[a], 1e-4, "motif residue " + k);
                assertArrayEquals(layout.motifFrames().rotations()[k], f.rotations()[layout.motifPositions()[k]], 1e-5);
            }
        }
    }
}
