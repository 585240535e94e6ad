package org.flowmatch4j.proteins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.proteins.geometry.Frames;
import org.flowmatch4j.proteins.model.FrameModel;
import org.flowmatch4j.proteins.model.FrameTrainer;
import org.flowmatch4j.proteins.task.Contig;
import org.flowmatch4j.proteins.task.MotifLayout;
import org.flowmatch4j.proteins.task.MotifProblem;
import org.flowmatch4j.proteins.task.MotifReplacement;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Layouts follow the contig, and sampling with motif replacement returns chains whose motif residues are the motif
 * up to one rigid motion (Cα RMSD ~0), while sampling the same model without it does not.
 */
class MotifScaffoldingTest {
    @Test
    void layoutPlacesTheMotifSegmentsWhereTheContigSays() throws Exception {
        MotifProblem p = MotifProblem.read(DihedralsTest.DATA.resolve("motifs/design25/1prw.pdb"));
        for (int seed = 0; seed < 20; seed++) {
            MotifLayout l = MotifLayout.sample(p, new Rng(seed));
            assertTrue(l.length() >= p.minLength() && l.length() <= p.maxLength(), "length " + l.length());
            assertEquals(p.contig().motifLength(), l.motifPositions().length);
            assertEquals(l.length(), l.sequence().length());
            int first = l.motifPositions()[0];                       // 5-20 scaffold residues, then A16-35 (20), ...
            assertTrue(first >= 5 && first <= 20, "first motif residue at " + first);
            for (int k = 1; k < 20; k++) assertEquals(first + k, l.motifPositions()[k]);
            assertEquals(l.segmentLengths()[0] + "/A16-35/" + l.segmentLengths()[2] + "/A52-71/" + l.segmentLengths()[4], l.describe(p.contig()));
            assertTrue(l.motifPositions()[20] - l.motifPositions()[19] - 1 >= 10, "second scaffold segment >= 10");
            assertEquals(p.motifs().get(0).sequence(), l.sequence().substring(first, first + 20));
        }
    }

    @Test
    void replacementReproducesTheMotifUpToARigidMotion() throws Exception {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        MotifProblem p = MotifProblem.of(DihedralsTest.DATA.resolve("motifs/design25/1prw.pdb"), "1prw", "1PRW",
                Contig.parse("3-6/A16-35/4-8"), 28, 34);
        MotifLayout layout = MotifLayout.sample(p, new Rng(4));
        FrameModel model = new FrameModel(new FrameModel.Config(16, 8, 2, 8, 2, 2, 1), 1);
        List<Frames> fixed = FrameTrainer.sample(model, layout.length(), 2, FrameTrainer.Sampling.frameFlow(8), new MotifReplacement(layout), new Rng(5));
        List<Frames> free = FrameTrainer.sample(model, layout.length(), 2, FrameTrainer.Sampling.frameFlow(8), null, new Rng(5));
        for (int s = 0; s < 2; s++) {
            assertTrue(motifRmsd(fixed.get(s), layout) < 1e-3, "motif RMSD with replacement " + motifRmsd(fixed.get(s), layout));
            assertTrue(motifRmsd(free.get(s), layout) > 1.0, "motif RMSD without " + motifRmsd(free.get(s), layout));
            Frames f = fixed.get(s);
            for (int k = 0; k < layout.motifPositions().length; k++) {        // frames rotate with the motif: R_G M_k
                double[] r = f.rotations()[layout.motifPositions()[k]], m = layout.motifFrames().rotations()[k];
                double[] r0 = f.rotations()[layout.motifPositions()[0]], m0 = layout.motifFrames().rotations()[0];
                assertArrayEquals(times(r, transpose(m)), times(r0, transpose(m0)), 1e-4);
            }
        }
    }

    private static double motifRmsd(Frames f, MotifLayout layout) {
        int m = layout.motifPositions().length;
        double[][] got = new double[m][];
        for (int k = 0; k < m; k++) got[k] = f.translations()[layout.motifPositions()[k]];
        return FrameModelTest.rmsd(got, layout.motifFrames().translations());
    }

    private static double[] transpose(double[] a) {
        return new double[] {a[0], a[3], a[6], a[1], a[4], a[7], a[2], a[5], a[8]};
    }

    private static double[] times(double[] a, double[] b) {
        double[] c = new double[9];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 3; k++) c[3 * i + j] += a[3 * i + k] * b[3 * k + j];
        return c;
    }
}
