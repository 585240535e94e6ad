package org.flowmatch4j.core.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * AdamW (Loshchilov &amp; Hutter 2019) on one flat parameter vector, as PyTorch computes it:
 * m ← β1 m + (1-β1) g, v ← β2 v + (1-β2) g², θ ← θ(1 - η λ) - η m̂ / (√v̂ + ε),
 * with m̂ = m / (1-β1^k), v̂ = v / (1-β2^k). With λ = 0 it is Adam.
 */
public final class AdamW {
    private final double beta1, beta2, eps, weightDecay;
    private final INDArray m, v, tmp;
    private long step;

    public AdamW(long size, org.nd4j.linalg.api.buffer.DataType type, double beta1, double beta2, double eps,
                 double weightDecay) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.m = Nd4j.zeros(type, size);
        this.v = Nd4j.zeros(type, size);
        this.tmp = Nd4j.zeros(type, size);
    }

    /** One update of {@code params} in place from {@code grads} at learning rate {@code lr}. */
    public void step(INDArray params, INDArray grads, double lr) {
        step++;
        m.muli(beta1).addi(tmp.assign(grads).muli(1 - beta1));
        tmp.assign(grads).muli(grads).muli(1 - beta2);
        v.muli(beta2).addi(tmp);
        double bc1 = 1 - Math.pow(beta1, step), bc2 = 1 - Math.pow(beta2, step);
        if (weightDecay != 0) params.muli(1 - lr * weightDecay);
        // denominator: sqrt(v / bc2) + eps
        Transforms.sqrt(tmp.assign(v).divi(bc2), false).addi(eps);
        params.subi(tmp.rdivi(m).muli(lr / bc1));
    }

    /** First moment m (live view, for checkpoints). */
    public INDArray firstMoment() { return m; }

    /** Second moment v (live view, for checkpoints). */
    public INDArray secondMoment() { return v; }

    public long stepCount() { return step; }

    /** Restores state from a checkpoint. */
    public void restore(INDArray m, INDArray v, long step) {
        this.m.assign(m);
        this.v.assign(v);
        this.step = step;
    }
}
