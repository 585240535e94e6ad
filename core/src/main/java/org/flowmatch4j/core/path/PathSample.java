package org.flowmatch4j.core.path;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One draw from a conditional probability path. Arrays are shared, do not mutate.
 *
 * @param x0 source points, shape [batch, dim]
 * @param x1 target points, shape [batch, dim]
 * @param t  times, shape [batch]
 * @param xt points on the path at t, shape [batch, dim]
 * @param dxt conditional velocity d/dt x_t (the regression target), shape [batch, dim]
 */
public record PathSample(INDArray x0, INDArray x1, INDArray t, INDArray xt, INDArray dxt) {}
