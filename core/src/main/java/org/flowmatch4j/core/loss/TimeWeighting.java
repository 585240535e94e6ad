package org.flowmatch4j.core.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Per-time loss weights w(t). */
public enum TimeWeighting {
    /** w(t) = 1. */
    NONE,
    /** w(t) = 1 / (1 - t + 0.05)²: emphasises late times, the x1-prediction-equivalent weighting, capped near t = 1. */
    INVERSE_SQUARED_NOISE;

    /** The weights for times t, shape [batch]. */
    public INDArray weights(INDArray t) {
        return switch (this) {
            case NONE -> t.like().assign(1);
            case INVERSE_SQUARED_NOISE -> Transforms.pow(t.rsub(1.05), -2, true);
        };
    }
}
