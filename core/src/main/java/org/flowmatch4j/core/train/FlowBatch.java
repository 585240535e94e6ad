package org.flowmatch4j.core.train;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One unpaired minibatch for flow matching.
 *
 * @param x0     source samples, shape [batch, dim]
 * @param x1     target samples, shape [batch, dim]
 * @param labels class of each x1 row, or null when unconditional
 */
public record FlowBatch(INDArray x0, INDArray x1, int[] labels) {}
