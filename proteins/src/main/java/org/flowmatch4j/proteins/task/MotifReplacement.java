package org.flowmatch4j.proteins.task;

import org.flowmatch4j.proteins.align.Superposition;
import org.flowmatch4j.proteins.flow.FrameFlow;
import org.flowmatch4j.proteins.model.FrameTrainer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Motif scaffolding by replacement in the clean-frame prediction (training-free conditioning of an unconditional
 * model): at every step the motif's frames are superposed (Kabsch on Cα) onto the model's predicted motif residues,
 * G = argmin Σ_k |G m_k − x̂1_k|², and replace them: R̂_k ← R_G M_k, x̂_k ← G m_k. The Euler step then moves the whole
 * chain towards a prediction whose motif is exact up to a rigid motion, so the scaffold is generated around the
 * motif wherever the model puts it, and the last step's output holds the motif exactly (RMSD 0 up to float error).
 * FrameFlow's amortised alternative trains the model with the motif as input; this one needs no retraining.
 */
public final class MotifReplacement implements FrameTrainer.PredictionConstraint {
    private final int length;
    private final int[] positions;
    private final double[][] motifRot, motifCa;

    public MotifReplacement(MotifLayout layout) {
        this.length = layout.length();
        this.positions = layout.motifPositions().clone();
        this.motifRot = layout.motifFrames().rotations();
        this.motifCa = new double[positions.length][];
        for (int k = 0; k < positions.length; k++) {
            double[] t = layout.motifFrames().translations()[k];
            motifCa[k] = new double[] {t[0] * FrameFlow.NM_PER_ANGSTROM, t[1] * FrameFlow.NM_PER_ANGSTROM, t[2] * FrameFlow.NM_PER_ANGSTROM};
        }
    }

    @Override public INDArray apply(INDArray prediction, double t) {
        double[][] rows = prediction.castTo(DataType.DOUBLE).toDoubleMatrix();
        int proteins = rows.length / length, m = positions.length;
        int[] idx = new int[m];
        for (int k = 0; k < m; k++) idx[k] = k;
        for (int p = 0; p < proteins; p++) {
            double[][] predicted = new double[m][];
            for (int k = 0; k < m; k++) predicted[k] = java.util.Arrays.copyOfRange(rows[p * length + positions[k]], 9, 12);
            Superposition g = Superposition.fit(motifCa, predicted, idx, m);
            double[] r = g.rotation(), tr = g.translation();
            for (int k = 0; k < m; k++) {
                double[] row = rows[p * length + positions[k]], mr = motifRot[k], x = motifCa[k];
                for (int a = 0; a < 3; a++) {
                    for (int b = 0; b < 3; b++) row[3 * a + b] = r[3 * a] * mr[b] + r[3 * a + 1] * mr[3 + b] + r[3 * a + 2] * mr[6 + b];
                    row[9 + a] = r[3 * a] * x[0] + r[3 * a + 1] * x[1] + r[3 * a + 2] * x[2] + tr[a];
                }
            }
        }
        return Nd4j.createFromArray(rows).castTo(prediction.dataType());
    }
}
