package org.flowmatch4j.proteins.task;

import org.flowmatch4j.proteins.flow.FrameFlow;
import org.flowmatch4j.proteins.model.FrameTrainer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The input of amortised motif conditioning for one layout: mask 1 at the motif's chain positions, and there the
 * motif's frames with translations in nm, centred on the motif's Cα centroid (as {@code MotifCrops} centres the
 * training data); zeros elsewhere. A model trained with motif conditioning builds the scaffold around it, and the
 * motif is held exactly, so the scaffold is the only thing generated.
 */
public final class MotifConditioning {
    private MotifConditioning() {}

    /** The motif input for {@code count} proteins of this layout. */
    public static FrameTrainer.MotifInput input(MotifLayout layout, int count) {
        int n = layout.length(), m = layout.motifPositions().length;
        double[] centre = new double[3];
        for (double[] t : layout.motifFrames().translations()) for (int a = 0; a < 3; a++) centre[a] += t[a] / m;
        float[] mask = new float[count * n];
        float[][] rows = new float[count * n][12];
        for (int p = 0; p < count; p++) {
            for (int k = 0; k < m; k++) {
                int row = p * n + layout.motifPositions()[k];
                mask[row] = 1;
                double[] r = layout.motifFrames().rotations()[k], t = layout.motifFrames().translations()[k];
                for (int j = 0; j < 9; j++) rows[row][j] = (float) r[j];
                for (int a = 0; a < 3; a++) rows[row][9 + a] = (float) ((t[a] - centre[a]) * FrameFlow.NM_PER_ANGSTROM);
            }
        }
        return new FrameTrainer.MotifInput(mask, Nd4j.createFromArray(rows));
    }
}
