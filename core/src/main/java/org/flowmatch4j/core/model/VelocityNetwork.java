package org.flowmatch4j.core.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trainable velocity network v_θ(x, t, y) with a flat parameter vector θ, so that optimiser, clipping, EMA and
 * checkpoints each act on one array. Implementations: a fused dense MLP (module {@code modules}, adapted in the CLI)
 * and any SameDiff graph through {@link SameDiffVelocityNetwork}.
 *
 * <pre>{@code
 * INDArray v = net.forward(xt, t, labels);      // caches what backward needs
 * net.backward(dLossDv);                        // fills net.gradients()
 * optimizer.step(net.parameters(), net.gradients(), lr);
 * }</pre>
 */
public interface VelocityNetwork {
    /** Data dimension d. */
    int dim();

    /** Number of classes K for conditional models; label K is the null (unconditional) token. 0 if unconditional. */
    int numClasses();

    /**
     * @param x      points, shape [batch, dim]
     * @param t      times, shape [batch]
     * @param labels class per row in [0, K] (K = null token), or null for unconditional models
     * @return velocity, shape [batch, dim]; valid until the next call
     */
    INDArray forward(INDArray x, INDArray t, int[] labels);

    /**
     * The velocity for inference (ODE sampling, likelihood drift): as {@link #forward}, but no {@link #backward}
     * follows, so implementations may take a faster path that keeps nothing for back-propagation.
     *
     * @return velocity, shape [batch, dim]; valid until the next call
     */
    default INDArray predict(INDArray x, INDArray t, int[] labels) { return forward(x, t, labels); }

    /** Back-propagates dL/d(output) of the last {@link #forward}; overwrites {@link #gradients()}. */
    void backward(INDArray gradOutput);

    /** Vector-Jacobian product wᵀ(∂v/∂x) at (x, t, y) per row, shape [batch, dim] (for divergences). */
    INDArray vjp(INDArray x, INDArray t, int[] labels, INDArray w);

    /** All parameters as one flat vector, shape [P]; updated in place by optimisers. */
    INDArray parameters();

    /** Gradient of the last backward, shape [P]. */
    INDArray gradients();

    /** A description from which the network can be rebuilt (stored in checkpoints), e.g. {@code mlp:3x256:silu}. */
    String spec();
}
