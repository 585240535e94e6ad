package org.flowmatch4j.core.coupling;

import org.flowmatch4j.core.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A coupling q(x0, x1) of a source and a target minibatch (Tong et al. 2023, "Improving and generalizing flow-based
 * generative models with minibatch optimal transport"). It returns indices, not points, so that labels and conditions
 * stay with their rows.
 *
 * <pre>{@code
 * Pairing p = new ExactOtCoupling().pair(x0, x1, rng);
 * INDArray a = p.sources(x0), b = p.targets(x1);   // paired rows
 * int[] y = p.targetLabels(labels);                // labels follow their x1
 * }</pre>
 */
public interface Coupling {
    /**
     * @param x0 source minibatch, shape [n, dim]
     * @param x1 target minibatch, shape [n, dim]
     */
    Pairing pair(INDArray x0, INDArray x1, Rng rng);
}
