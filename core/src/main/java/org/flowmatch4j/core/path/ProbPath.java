package org.flowmatch4j.core.path;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A conditional probability path p_t(x | x0, x1) between a source sample x0 and a target sample x1.
 *
 * <p>A flow-matching training step, in full:
 * <pre>{@code
 * ProbPath path = new AffineProbPath(new CondOtScheduler());
 * INDArray x0 = rng.normal(256, 2), x1 = ToyDistribution.MOONS.sample(256, rng);
 * PathSample s = path.sample(x0, x1, rng.uniform(256));
 * INDArray v = net.forward(s.xt(), s.t(), null);
 * double loss = CfmLoss.mse(v, s.dxt());      // gradient -> optimizer
 * }</pre>
 */
public interface ProbPath {
    /**
     * Samples x_t and its conditional velocity.
     *
     * @param x0 source points, shape [batch, dim]
     * @param x1 target points, shape [batch, dim]
     * @param t  times in [0, 1], shape [batch]
     */
    PathSample sample(INDArray x0, INDArray x1, INDArray t);
}
