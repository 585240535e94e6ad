package org.flowmatch4j.manifolds;

import org.flowmatch4j.core.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A Riemannian manifold embedded in R^D, acting on batches: points and tangent vectors are rows of [batch, D]
 * arrays in ambient coordinates. Geodesics are t ↦ exp_x(t u); log_x(y) is the initial velocity of the minimising
 * geodesic from x reaching y at t = 1, so d(x, y) = ||log_x(y)||_x (Chen &amp; Lipman, "Flow Matching on General
 * Geometries", 2024).
 *
 * <pre>{@code
 * Manifold s2 = new Sphere(2);
 * INDArray x = s2.sampleBase(8, rng), y = s2.sampleBase(8, rng);
 * INDArray mid = s2.expMap(x, s2.logMap(x, y).mul(0.5));    // geodesic midpoints
 * }</pre>
 */
public interface Manifold {
    /** Intrinsic dimension d. */
    int dim();

    /** Ambient coordinates D per point. */
    int ambientDim();

    /** exp_x(u), shape [batch, D]. */
    INDArray expMap(INDArray x, INDArray u);

    /** log_x(y), shape [batch, D]. */
    INDArray logMap(INDArray x, INDArray y);

    /** The nearest point on the manifold (idempotent). */
    INDArray projectPoint(INDArray x);

    /** The tangent component of u at x (idempotent). */
    INDArray projectTangent(INDArray x, INDArray u);

    /** Samples of the base (noise) distribution: uniform on compact manifolds, standard normal on Euclidean ones. */
    INDArray sampleBase(int n, Rng rng);

    /** Log-density of the base distribution with respect to the Riemannian volume, per row. */
    double[] baseLogDensity(INDArray x);

    /**
     * The mean-curvature vector of the embedding, H(x) = Σ_i II(f_i, f_i) with f_i an ambient-orthonormal basis of
     * T_x M and II the second fundamental form, shape [batch, D]; zero for flat embeddings. A projected field P v has
     * Riemannian divergence div_M(P v) = tr(P J_v) + ⟨H, v⟩ (ambient inner product), so likelihoods of networks
     * whose output has a normal component need it. Unsupported where the metric is not induced by the embedding.
     */
    default INDArray meanCurvature(INDArray x) {
        throw new UnsupportedOperationException(getClass().getSimpleName()
                + " has no metric induced by its embedding, so divergences in ambient coordinates do not apply");
    }

    /** ⟨u, v⟩_x per row, shape [batch]; the embedded (Euclidean) metric unless overridden. */
    default INDArray inner(INDArray x, INDArray u, INDArray v) { return u.mul(v).sum(1); }

    /** ||u||_x per row, shape [batch]. */
    default INDArray norm(INDArray x, INDArray u) {
        return org.nd4j.linalg.ops.transforms.Transforms.sqrt(inner(x, u, u), false);
    }

    /** Geodesic distance d(x, y) = ||log_x(y)||_x per row, shape [batch]. */
    default INDArray dist(INDArray x, INDArray y) { return norm(x, logMap(x, y)); }
}
