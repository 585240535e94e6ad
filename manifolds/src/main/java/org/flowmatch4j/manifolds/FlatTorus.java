package org.flowmatch4j.manifolds;

import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.core.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The flat torus T^d = (R / 2πZ)^d, points as angles in [0, 2π): exp_x(u) = (x + u) mod 2π,
 * log_x(y) = wrap(y - x) into [-π, π), so d(x, y) = |wrap(y - x)|; tangent vectors are unconstrained; base uniform,
 * density (2π)^-d.
 */
public record FlatTorus(int dim) implements Manifold {
    private static final double TWO_PI = 2 * Math.PI;

    public FlatTorus { Checks.positive("dim", dim); }

    @Override public int ambientDim() { return dim; }

    /** a mod 2π into [0, 2π). */
    static INDArray wrap(INDArray a) {
        return a.sub(Transforms.floor(a.div(TWO_PI), false).muli(TWO_PI));
    }

    @Override public INDArray expMap(INDArray x, INDArray u) { return wrap(x.add(u)); }

    @Override public INDArray logMap(INDArray x, INDArray y) {
        return wrap(y.sub(x).addi(Math.PI)).subi(Math.PI);
    }

    @Override public INDArray projectPoint(INDArray x) { return wrap(x); }

    /** Flat (angle coordinates): H = 0. */
    @Override public INDArray meanCurvature(INDArray x) { return x.like(); }

    @Override public INDArray projectTangent(INDArray x, INDArray u) { return u.dup(); }

    @Override public INDArray sampleBase(int n, Rng rng) {
        INDArray u = rng.uniform(n * dim).reshape(n, dim);
        return u.muli(TWO_PI);
    }

    @Override public double[] baseLogDensity(INDArray x) {
        double[] out = new double[(int) x.size(0)];
        java.util.Arrays.fill(out, -dim * Math.log(TWO_PI));
        return out;
    }
}
