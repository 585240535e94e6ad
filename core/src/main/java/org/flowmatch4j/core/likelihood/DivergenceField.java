package org.flowmatch4j.core.likelihood;

import org.flowmatch4j.core.solver.VelocityField;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A velocity field that also gives vector-Jacobian products wᵀ(∂u_t/∂x), from which divergences are formed:
 * div u = Σ_i (e_iᵀ J)_i exactly, or εᵀ J ε = (εᵀJ)·ε for Hutchinson's estimator.
 */
public interface DivergenceField extends VelocityField {
    /**
     * @param x points, shape [batch, dim]
     * @param w directions, shape [batch, dim]
     * @return wᵀ (∂u/∂x)(x) per row, shape [batch, dim]
     */
    INDArray vjp(INDArray x, double t, INDArray w);
}
