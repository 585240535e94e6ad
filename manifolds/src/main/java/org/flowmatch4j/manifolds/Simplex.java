package org.flowmatch4j.manifolds;

import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.core.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The open probability simplex Δ^(K-1) ⊂ R^K with the Fisher–Rao metric ⟨u, v⟩_p = Σ u_i v_i / p_i, computed through
 * the isometry p ↦ 2√p onto the positive orthant of the sphere of radius 2: with s = √p on the unit sphere,
 * exp_p(u) = (exp^S_s(u / (2s)))², log_p(q) = 2s ⊙ log^S_s(√q), so d(p, q) = 2 arccos Σ √(p_i q_i). Tangent vectors
 * sum to zero. Base: uniform for the Fisher–Rao volume (√p uniform on the orthant), density 2 / |S^(K-1)|.
 */
public record Simplex(int categories) implements Manifold {
    public Simplex { Checks.require(categories >= 2, "a simplex needs >= 2 categories, got %d", categories); }

    private Sphere sphere() { return new Sphere(categories - 1); }

    @Override public int dim() { return categories - 1; }

    @Override public int ambientDim() { return categories; }

    private static INDArray sqrt(INDArray p) { return Transforms.sqrt(Transforms.max(p, 0.0, true), false); }

    @Override public INDArray inner(INDArray x, INDArray u, INDArray v) { return u.mul(v).divi(x).sum(1); }

    @Override public INDArray expMap(INDArray x, INDArray u) {
        INDArray s = sqrt(x);
        INDArray y = sphere().expMap(s, u.div(s).divi(2));
        return projectPoint(y.mul(y));
    }

    @Override public INDArray logMap(INDArray x, INDArray y) {
        INDArray s = sqrt(x);
        return sphere().logMap(s, sqrt(y)).muli(s).muli(2);
    }

    @Override public INDArray projectPoint(INDArray x) {
        INDArray p = Transforms.max(x, 1e-12, true);
        return p.diviColumnVector(p.sum(1).reshape(p.size(0), 1));
    }

    @Override public INDArray projectTangent(INDArray x, INDArray u) {
        // Fisher–Rao orthogonal projection onto {Σ u = 0}: u - p (Σ u)
        return u.sub(x.mulColumnVector(u.sum(1).reshape(u.size(0), 1)));
    }

    @Override public INDArray sampleBase(int n, Rng rng) {
        INDArray s = Transforms.abs(sphere().sampleBase(n, rng), false);
        return projectPoint(s.mul(s));
    }

    @Override public double[] baseLogDensity(INDArray x) {
        double[] ref = sphere().baseLogDensity(x);
        for (int i = 0; i < ref.length; i++) ref[i] += Math.log(2);
        return ref;
    }
}
