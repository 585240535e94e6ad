package org.flowmatch4j.proteins.guidance;

import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.proteins.model.FrameTrainer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A projection of each protein's frame rows in place: the prediction [B·L, 12] (nm) is copied out once as doubles,
 * each protein's L rows are projected by {@link #project}, and the result goes back in the prediction's data type.
 */
abstract class ChainProjection implements FrameTrainer.PredictionConstraint {
    final int length;

    ChainProjection(int length) {
        Checks.require(length > 0, "need length > 0, got %d", length);
        this.length = length;
    }

    /** Projects one protein's rows from {@code first} in place; returns the number of sweeps that moved something. */
    abstract int project(double[][] rows, int first);

    @Override public final INDArray apply(INDArray prediction, double t) {
        int n = (int) prediction.size(0);
        double[] flat = prediction.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[][] rows = new double[n][12];
        for (int i = 0; i < n; i++) System.arraycopy(flat, 12 * i, rows[i], 0, 12);
        for (int p = 0; p < n / length; p++) project(rows, p * length);
        for (int i = 0; i < n; i++) System.arraycopy(rows[i], 0, flat, 12 * i, 12);
        return Nd4j.create(flat, new long[] {n, 12}, 'c').castTo(prediction.dataType());
    }
}
