package org.flowmatch4j.manifolds;

import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.core.util.Columns;
import org.flowmatch4j.core.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The unit sphere S^n ⊂ R^(n+1) with the round metric:
 * exp_x(u) = cos(|u|) x + sin(|u|) u/|u|, log_x(y) = θ/sin θ · (y - cos θ · x) with θ = arccos⟨x, y⟩,
 * tangent projection u - ⟨u, x⟩ x, point projection x/|x|; base uniform, density 1/|S^n| with
 * |S^n| = 2 π^((n+1)/2) / Γ((n+1)/2).
 */
public record Sphere(int dim) implements Manifold {
    public Sphere { Checks.positive("dim", dim); }

    @Override public int ambientDim() { return dim + 1; }

    private static INDArray col(INDArray v) { return v.reshape(v.length(), 1); }

    @Override public INDArray expMap(INDArray x, INDArray u) {
        INDArray n = Transforms.sqrt(u.mul(u).sum(1), false);
        double[] nv = n.toDoubleVector(), sinc = new double[nv.length], cos = new double[nv.length];
        for (int i = 0; i < nv.length; i++) {
            cos[i] = Math.cos(nv[i]);
            sinc[i] = nv[i] < 1e-8 ? 1 - nv[i] * nv[i] / 6 : Math.sin(nv[i]) / nv[i];
        }
        INDArray out = x.mulColumnVector(Columns.of(cos, x)).addi(u.mulColumnVector(Columns.of(sinc, x)));
        return projectPoint(out);
    }

    @Override public INDArray logMap(INDArray x, INDArray y) {
        double[] c = x.mul(y).sum(1).toDoubleVector(), f = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            double ci = Math.max(-1, Math.min(1, c[i]));
            double th = Math.acos(ci);
            c[i] = ci;
            f[i] = th < 1e-7 ? 1 + th * th / 6 : th / Math.sin(th);
        }
        INDArray v = y.sub(x.mulColumnVector(Columns.of(c, x))).muliColumnVector(Columns.of(f, x));
        return projectTangent(x, v);
    }

    /** d(x, y) = arccos⟨x, y⟩ directly (the norm of log loses digits near antipodes, where θ/sin θ is large). */
    @Override public INDArray dist(INDArray x, INDArray y) {
        double[] c = x.mul(y).sum(1).toDoubleVector();
        for (int i = 0; i < c.length; i++) c[i] = Math.acos(Math.max(-1, Math.min(1, c[i])));
        return Nd4j.createFromArray(c).castTo(x.dataType());
    }

    @Override public INDArray projectPoint(INDArray x) {
        return x.divColumnVector(col(Transforms.sqrt(x.mul(x).sum(1), false)));
    }

    @Override public INDArray projectTangent(INDArray x, INDArray u) {
        return u.sub(x.mulColumnVector(col(u.mul(x).sum(1))));
    }

    /** II(u, u) = -|u|² x, so H = -n x. */
    @Override public INDArray meanCurvature(INDArray x) { return x.mul(-dim); }

    @Override public INDArray sampleBase(int n, Rng rng) { return projectPoint(rng.normal(n, dim + 1)); }

    @Override public double[] baseLogDensity(INDArray x) {
        double logArea = Math.log(2) + 0.5 * (dim + 1) * Math.log(Math.PI)
                - org.apache.commons.math3.special.Gamma.logGamma(0.5 * (dim + 1));
        double[] out = new double[(int) x.size(0)];
        java.util.Arrays.fill(out, -logArea);
        return out;
    }
}
