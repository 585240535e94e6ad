package org.flowmatch4j.core.loss;

import org.flowmatch4j.core.path.PathSample;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A regression loss between a network's velocity and a path sample's conditional velocity, with its gradient. */
@FunctionalInterface
public interface FlowLoss {
    /**
     * @param sample     the path sample (x_t, t, target u_t)
     * @param prediction network output v_θ(x_t, t), shape [batch, dim]
     * @param gradOut    receives ∂L/∂prediction, same shape
     * @return the loss
     */
    double lossAndGradient(PathSample sample, INDArray prediction, INDArray gradOut);
}
