package org.flowmatch4j.core.train;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Exponential moving average of the weights: θ̄ ← d θ̄ + (1 - d) θ, started at the initial weights. */
public final class Ema {
    private final double decay;
    private final INDArray shadow;

    public Ema(INDArray params, double decay) {
        this.decay = decay;
        this.shadow = params.dup();
    }

    public void update(INDArray params) {
        shadow.muli(decay).addi(params.mul(1 - decay));
    }

    /** The averaged weights (live view; do not mutate). */
    public INDArray weights() { return shadow; }

    public double decay() { return decay; }

    public void restore(INDArray weights) { shadow.assign(weights); }
}
