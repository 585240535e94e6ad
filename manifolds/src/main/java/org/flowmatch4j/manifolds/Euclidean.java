package org.flowmatch4j.manifolds;

import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.core.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/** R^d with the flat metric: exp_x(u) = x + u, log_x(y) = y - x; base N(0, I). */
public record Euclidean(int dim) implements Manifold {
    public Euclidean { Checks.positive("dim", dim); }

    @Override public int ambientDim() { return dim; }

    @Override public INDArray expMap(INDArray x, INDArray u) { return x.add(u); }

    @Override public INDArray logMap(INDArray x, INDArray y) { return y.sub(x); }

    @Override public INDArray projectPoint(INDArray x) { return x.dup(); }

    /** Flat: H = 0. */
    @Override public INDArray meanCurvature(INDArray x) { return x.like(); }

    @Override public INDArray projectTangent(INDArray x, INDArray u) { return u.dup(); }

    @Override public INDArray sampleBase(int n, Rng rng) { return rng.normal(n, dim); }

    @Override public double[] baseLogDensity(INDArray x) {
        double[] sq = x.mul(x).sum(1).toDoubleVector();
        for (int i = 0; i < sq.length; i++) sq[i] = -0.5 * sq[i] - 0.5 * dim * Math.log(2 * Math.PI);
        return sq;
    }
}
