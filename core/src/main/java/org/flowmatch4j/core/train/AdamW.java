package org.flowmatch4j.core.train;

import org.flowmatch4j.core.util.HostFloats;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * AdamW (Loshchilov &amp; Hutter 2019) on one flat parameter vector, in the form of Kingma &amp; Ba's Algorithm 1
 * with the efficient bias correction of their section 2:
 * m ← β1 m + (1-β1) g, v ← β2 v + (1-β2) g², η_k = η √(1-β2^k) / (1-β1^k),
 * θ ← θ(1 - η λ) - η_k m / (√v + ε).
 * (PyTorch scales ε by √(1-β2^k); the two agree up to that ε term.) The moment update and the step are one fused
 * native op (libnd4j {@code adam_updater}), so an optimiser step costs two passes over the parameters instead of ten;
 * float parameters in host memory take one SIMD pass instead ({@link HostFloats}).
 * With λ = 0 it is Adam.
 */
public final class AdamW {
    private final double beta1, beta2, eps, weightDecay;
    private final INDArray m, v, update;
    private long step;

    public AdamW(long size, DataType type, double beta1, double beta2, double eps, double weightDecay) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.m = Nd4j.zeros(type, size);
        this.v = Nd4j.zeros(type, size);
        this.update = Nd4j.zeros(type, size);
    }

    /** One update of {@code params} in place from {@code grads} (not modified) at learning rate {@code lr}. */
    public void step(INDArray params, INDArray grads, double lr) {
        if (HostFloats.accessible(params, grads, m, v)) {
            step++;
            double stepSize = lr * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step));
            VectorAdam.step(HostFloats.bytes(params), HostFloats.bytes(grads), HostFloats.bytes(m), HostFloats.bytes(v),
                    (int) params.length(), (float) beta1, (float) beta2, (float) stepSize, (float) eps,
                    (float) (1 - lr * weightDecay));
            return;
        }
        update.assign(grads);
        Nd4j.exec(new AdamUpdater(update, v, m, lr, beta1, beta2, eps, (int) step));
        step++;
        if (weightDecay != 0) params.muli(1 - lr * weightDecay);
        params.subi(update);
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
