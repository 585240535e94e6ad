package org.flowmatch4j.core.solver;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Observes a solve: called with the initial state and after each accepted step. {@code x} must not be kept unless copied. */
@FunctionalInterface
public interface StepListener {
    StepListener NONE = (t, x) -> {};

    void onStep(double t, INDArray x);
}
