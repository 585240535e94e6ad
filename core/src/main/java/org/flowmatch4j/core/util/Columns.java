package org.flowmatch4j.core.util;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Per-row coefficients as column vectors for broadcasting ({@code mulColumnVector}). */
public final class Columns {
    private Columns() {}

    /** v as a column [v.length, 1] of {@code like}'s data type. */
    public static INDArray of(double[] v, INDArray like) {
        return Nd4j.createFromArray(v).castTo(like.dataType()).reshape(v.length, 1);
    }
}
