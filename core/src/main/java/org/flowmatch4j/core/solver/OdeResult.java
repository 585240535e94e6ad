package org.flowmatch4j.core.solver;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Outcome of an ODE solve.
 *
 * @param x        state at the last grid point, shape [batch, dim]
 * @param nfe      number of velocity evaluations
 * @param accepted accepted steps
 * @param rejected rejected steps (adaptive solvers)
 */
public record OdeResult(INDArray x, int nfe, int accepted, int rejected) {}
