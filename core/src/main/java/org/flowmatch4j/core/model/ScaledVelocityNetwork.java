package org.flowmatch4j.core.model;

import org.flowmatch4j.core.util.Checks;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A network whose output is multiplied by a fixed scale s: v(x, t, y) = s · f_θ(x, t, y), so ∂v/∂x = s ∂f/∂x and
 * dL/df = s dL/dv. Where the target velocities are known to be of size s (a flow that moves points by about one
 * kernel bandwidth), this keeps f of unit size, so the optimiser's steps (whose size does not follow the gradient's
 * scale) are matched to the target instead of overshooting it by 1/s.
 */
public final class ScaledVelocityNetwork implements VelocityNetwork {
    private final VelocityNetwork inner;
    private final double scale;

    public ScaledVelocityNetwork(VelocityNetwork inner, double scale) {
        Checks.require(scale > 0 && Double.isFinite(scale), "output scale must be positive and finite, got %s", scale);
        this.inner = inner;
        this.scale = scale;
    }

    public double scale() { return scale; }

    public VelocityNetwork inner() { return inner; }

    @Override public int dim() { return inner.dim(); }

    @Override public int numClasses() { return inner.numClasses(); }

    @Override public INDArray forward(INDArray x, INDArray t, int[] labels) { return inner.forward(x, t, labels).mul(scale); }

    @Override public INDArray predict(INDArray x, INDArray t, int[] labels) { return inner.predict(x, t, labels).mul(scale); }

    @Override public void backward(INDArray gradOutput) { inner.backward(gradOutput.mul(scale)); }

    @Override public INDArray vjp(INDArray x, INDArray t, int[] labels, INDArray w) {
        return inner.vjp(x, t, labels, w).muli(scale);
    }

    @Override public INDArray parameters() { return inner.parameters(); }

    @Override public INDArray gradients() { return inner.gradients(); }

    @Override public String spec() { return inner.spec(); }
}
