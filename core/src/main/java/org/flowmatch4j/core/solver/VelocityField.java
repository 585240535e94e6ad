package org.flowmatch4j.core.solver;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A time-dependent vector field u_t(x) defining the ODE dx/dt = u_t(x).
 *
 * <pre>{@code
 * VelocityField f = (x, t) -> x.neg();                         // dx/dt = -x
 * OdeResult r = OdeSolver.rk4().solve(f, x0, TimeGrid.uniform(0, 1, 100), StepListener.NONE);
 * }</pre>
 */
@FunctionalInterface
public interface VelocityField {
    /**
     * @param x points, shape [batch, dim]; must not be mutated
     * @param t time
     * @return velocities, shape [batch, dim], a new array
     */
    INDArray velocity(INDArray x, double t);
}
