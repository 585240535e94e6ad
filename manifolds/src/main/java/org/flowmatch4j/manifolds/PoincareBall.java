package org.flowmatch4j.manifolds;

import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.core.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Poincaré ball model of hyperbolic space H^d (curvature -1): the open unit ball with metric λ_x² I,
 * λ_x = 2 / (1 - |x|²). With Möbius addition x ⊕ y = ((1 + 2⟨x,y⟩ + |y|²) x + (1 - |x|²) y) / (1 + 2⟨x,y⟩ + |x|²|y|²):
 * exp_x(u) = x ⊕ tanh(λ_x |u| / 2) u/|u|, log_x(y) = (2/λ_x) artanh|(-x) ⊕ y| · w/|w| with w = (-x) ⊕ y, and
 * d(x, y) = arcosh(1 + 2|x - y|² / ((1 - |x|²)(1 - |y|²))). Base: the wrapped normal exp_0(v), v ~ N(0, I) in
 * Riemannian normal coordinates at 0, with density N(v) (r / sinh r)^(d-1), r = d(0, x).
 */
public record PoincareBall(int dim) implements Manifold {
    private static final double MAX_NORM = 1 - 1e-6;

    public PoincareBall { Checks.positive("dim", dim); }

    @Override public int ambientDim() { return dim; }

    private interface RowOp { double[] apply(double[] a, double[] b); }

    private INDArray rows(INDArray x, INDArray y, RowOp op) {
        int n = (int) x.size(0);
        double[][] a = x.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
        double[][] b = y.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
        double[][] out = new double[n][];
        for (int k = 0; k < n; k++) out[k] = op.apply(a[k], b[k]);
        return Nd4j.createFromArray(out).castTo(x.dataType());
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    static double[] mobiusAdd(double[] x, double[] y) {
        double xy = dot(x, y), xx = dot(x, x), yy = dot(y, y), den = 1 + 2 * xy + xx * yy;
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) r[i] = ((1 + 2 * xy + yy) * x[i] + (1 - xx) * y[i]) / den;
        return r;
    }

    private static double lambda(double[] x) { return 2 / (1 - dot(x, x)); }

    @Override public INDArray inner(INDArray x, INDArray u, INDArray v) {
        INDArray sq = x.mul(x).sum(1);
        INDArray lam = sq.rsub(1).rdivi(2);
        return u.mul(v).sum(1).muli(lam.mul(lam));
    }

    @Override public INDArray expMap(INDArray x, INDArray u) {
        return rows(x, u, (a, v) -> {
            double n = Math.sqrt(dot(v, v));
            if (n < 1e-15) return clip(a.clone());
            double f = Math.tanh(lambda(a) * n / 2) / n;
            double[] w = new double[v.length];
            for (int i = 0; i < v.length; i++) w[i] = f * v[i];
            return clip(mobiusAdd(a, w));
        });
    }

    @Override public INDArray logMap(INDArray x, INDArray y) {
        return rows(x, y, (a, b) -> {
            double[] neg = new double[a.length];
            for (int i = 0; i < a.length; i++) neg[i] = -a[i];
            double[] w = mobiusAdd(neg, b);
            double n = Math.sqrt(dot(w, w));
            double[] out = new double[a.length];
            if (n < 1e-15) return out;
            double f = 2 / lambda(a) * atanh(Math.min(n, MAX_NORM)) / n;
            for (int i = 0; i < a.length; i++) out[i] = f * w[i];
            return out;
        });
    }

    private static double atanh(double z) { return 0.5 * Math.log((1 + z) / (1 - z)); }

    private static double[] clip(double[] x) {
        double n = Math.sqrt(dot(x, x));
        if (n > MAX_NORM) for (int i = 0; i < x.length; i++) x[i] *= MAX_NORM / n;
        return x;
    }

    @Override public INDArray projectPoint(INDArray x) { return rows(x, x, (a, b) -> clip(a.clone())); }

    @Override public INDArray projectTangent(INDArray x, INDArray u) { return u.dup(); }

    @Override public INDArray dist(INDArray x, INDArray y) {
        return rows(x, y, (a, b) -> {
            double d2 = 0;
            for (int i = 0; i < a.length; i++) d2 += (a[i] - b[i]) * (a[i] - b[i]);
            double arg = 1 + 2 * d2 / ((1 - dot(a, a)) * (1 - dot(b, b)));
            return new double[] {Math.log(arg + Math.sqrt(arg * arg - 1))};
        }).reshape(x.size(0));
    }

    @Override public INDArray sampleBase(int n, Rng rng) {
        INDArray v = rng.normal(n, dim).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).divi(2);   // |v|_0 = 2|v|
        return expMap(Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.DOUBLE, n, dim), v);
    }

    @Override public double[] baseLogDensity(INDArray x) {
        double[] r = dist(Nd4j.zeros(x.dataType(), x.size(0), dim), x).toDoubleVector(), out = new double[r.length];
        for (int k = 0; k < r.length; k++) {
            double jac = r[k] < 1e-8 ? 0 : Math.log(r[k] / Math.sinh(r[k]));
            out[k] = -0.5 * r[k] * r[k] - 0.5 * dim * Math.log(2 * Math.PI) + (dim - 1) * jac;
        }
        return out;
    }
}
