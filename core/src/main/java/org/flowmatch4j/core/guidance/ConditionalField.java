package org.flowmatch4j.core.guidance;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A velocity field conditioned on a class label per row, u_t(x | y). */
@FunctionalInterface
public interface ConditionalField {
    /**
     * @param labels label per row (the null token for the unconditional field)
     */
    INDArray velocity(INDArray x, double t, int[] labels);
}
