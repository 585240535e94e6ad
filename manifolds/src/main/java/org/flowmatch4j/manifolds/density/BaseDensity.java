package org.flowmatch4j.manifolds.density;

import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.manifolds.Manifold;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The distribution p_0 a flow on a manifold starts from: samples and log-density (nats, with respect to the
 * manifold's Riemannian volume). A flow's likelihood is log p_1(x) = log p_0(x(0)) + ∫ div u, so any base with a
 * density can stand at t = 0 — the manifold's uniform base, or one fitted to the training data
 * ({@link SphereKernelDensity}).
 */
public interface BaseDensity {
    /** n points, shape [n, D] in ambient coordinates. */
    INDArray sample(int n, Rng rng);

    /** log p_0 per row of x. */
    double[] logDensity(INDArray x);

    /** A short text that names the base and its parameters, as stored in models. */
    String describe();

    /** The manifold's own base distribution ({@link Manifold#sampleBase}, {@link Manifold#baseLogDensity}). */
    static BaseDensity uniform(Manifold m) {
        return new BaseDensity() {
            @Override public INDArray sample(int n, Rng rng) { return m.sampleBase(n, rng); }

            @Override public double[] logDensity(INDArray x) { return m.baseLogDensity(x); }

            @Override public String describe() { return "uniform"; }
        };
    }
}
