package org.flowmatch4j.molecules.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A per-row value repeated along the row, [len, width]: the form in which masks and weights enter the graph
 * networks (ND4J's backward pass of a column-broadcast multiply is ~20× slower than an elementwise one).
 */
final class RepeatedColumn {
    private RepeatedColumn() {}

    static INDArray of(float[] column, int width, float scale) {
        float[] r = new float[column.length * width];
        for (int i = 0; i < column.length; i++) java.util.Arrays.fill(r, i * width, (i + 1) * width, column[i] * scale);
        return Nd4j.createFromArray(r).reshape(column.length, width);
    }
}
