package org.flowmatch4j.manifolds;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.flowmatch4j.core.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The rotation group SO(3) as 3×3 matrices, each flattened row-major into 9 ambient coordinates, with the
 * bi-invariant metric ⟨U, V⟩_R = ½ tr(Uᵀ V), so that d(R, Q) is the rotation angle of RᵀQ. Tangent vectors at R
 * are R Ω with Ω skew-symmetric; exp_R(RΩ) = R expm(Ω) by Rodrigues' formula, log_R(Q) = R logm(RᵀQ);
 * points are projected by SVD (nearest rotation, det +1). Base: uniform (Haar), density 1/(8π²) for this metric.
 */
public record So3() implements Manifold {
    @Override public int dim() { return 3; }

    @Override public int ambientDim() { return 9; }

    @Override public INDArray inner(INDArray x, INDArray u, INDArray v) { return u.mul(v).sum(1).muli(0.5); }

    @Override public INDArray expMap(INDArray x, INDArray u) {
        return rowwise(x, u, (r, uu) -> mul(r, expSkew(vee(mul(transpose(r), uu)))));
    }

    @Override public INDArray logMap(INDArray x, INDArray y) {
        return rowwise(x, y, (r, q) -> mul(r, hat(logRotation(mul(transpose(r), q)))));
    }

    @Override public INDArray projectPoint(INDArray x) {
        return rowwise(x, x, (r, unused) -> nearestRotation(r));
    }

    @Override public INDArray projectTangent(INDArray x, INDArray u) {
        return rowwise(x, u, (r, uu) -> {
            double[] a = mul(transpose(r), uu), sk = new double[9];
            for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) sk[3 * i + j] = 0.5 * (a[3 * i + j] - a[3 * j + i]);
            return mul(r, sk);
        });
    }

    /**
     * With f_i = R A_i (A_i a Frobenius-orthonormal basis of skew matrices) II(f_i, f_i) = R A_i² (symmetric, hence
     * normal) and Σ_i A_i² = -I, so H = -R.
     */
    @Override public INDArray meanCurvature(INDArray x) { return x.neg(); }

    @Override public INDArray sampleBase(int n, Rng rng) {
        double[] out = new double[9 * n];
        for (int k = 0; k < n; k++) {
            double w = rng.gaussian(), x = rng.gaussian(), y = rng.gaussian(), z = rng.gaussian();
            double norm = Math.sqrt(w * w + x * x + y * y + z * z);
            System.arraycopy(fromQuaternion(w / norm, x / norm, y / norm, z / norm), 0, out, 9 * k, 9);
        }
        return Nd4j.createFromArray(out).reshape(n, 9).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
    }

    @Override public double[] baseLogDensity(INDArray x) {
        double[] out = new double[(int) x.size(0)];
        java.util.Arrays.fill(out, -Math.log(8 * Math.PI * Math.PI));
        return out;
    }

    /** Rotation matrix (row-major) of a unit quaternion w + xi + yj + zk. */
    public static double[] fromQuaternion(double w, double x, double y, double z) {
        return new double[] {
            1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w),
            2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w),
            2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)};
    }

    /** Rodrigues: expm of the skew matrix of ω, I + sinθ/θ Ω + (1 - cosθ)/θ² Ω². */
    static double[] expSkew(double[] w) {
        double th = Math.sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
        double a = th < 1e-8 ? 1 - th * th / 6 : Math.sin(th) / th;
        double b = th < 1e-8 ? 0.5 - th * th / 24 : (1 - Math.cos(th)) / (th * th);
        double[] o = hat(w), o2 = mul(o, o), r = new double[9];
        for (int i = 0; i < 9; i++) r[i] = (i % 4 == 0 ? 1 : 0) + a * o[i] + b * o2[i];
        return r;
    }

    /** The rotation vector ω of a rotation matrix (angle in [0, π]), robust near θ = π. */
    static double[] logRotation(double[] m) {
        double cos = Math.max(-1, Math.min(1, (m[0] + m[4] + m[8] - 1) / 2));
        double[] v = {m[7] - m[5], m[2] - m[6], m[3] - m[1]};
        // atan2 of (sin θ, cos θ), sin θ = |v|/2: well conditioned near 0 and π, unlike acos
        double th = Math.atan2(0.5 * Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]), cos);
        if (th < 1e-7) return new double[] {v[0] / 2, v[1] / 2, v[2] / 2};
        if (Math.PI - th > 1e-4) {
            double f = th / (2 * Math.sin(th));
            return new double[] {f * v[0], f * v[1], f * v[2]};
        }
        // near π: axis from the symmetric part, R ≈ 2 n nᵀ - I, sign from the antisymmetric part
        double[] n = {Math.sqrt(Math.max(0, (m[0] + 1) / 2)), Math.sqrt(Math.max(0, (m[4] + 1) / 2)),
                Math.sqrt(Math.max(0, (m[8] + 1) / 2))};
        int big = n[0] >= n[1] && n[0] >= n[2] ? 0 : n[1] >= n[2] ? 1 : 2;
        double[] axis = new double[3];
        axis[big] = n[big];
        for (int j = 0; j < 3; j++) if (j != big) axis[j] = (m[3 * big + j] + m[3 * j + big]) / (4 * n[big]);
        double norm = Math.sqrt(axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2]);
        double sign = axis[0] * v[0] + axis[1] * v[1] + axis[2] * v[2] < 0 ? -1 : 1;
        return new double[] {sign * th * axis[0] / norm, sign * th * axis[1] / norm, sign * th * axis[2] / norm};
    }

    static double[] hat(double[] w) { return new double[] {0, -w[2], w[1], w[2], 0, -w[0], -w[1], w[0], 0}; }

    static double[] vee(double[] s) { return new double[] {(s[7] - s[5]) / 2, (s[2] - s[6]) / 2, (s[3] - s[1]) / 2}; }

    static double[] mul(double[] a, double[] b) {
        double[] c = new double[9];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) {
            c[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
        }
        return c;
    }

    static double[] transpose(double[] a) {
        return new double[] {a[0], a[3], a[6], a[1], a[4], a[7], a[2], a[5], a[8]};
    }

    static double[] nearestRotation(double[] m) {
        RealMatrix a = new Array2DRowRealMatrix(new double[][] {{m[0], m[1], m[2]}, {m[3], m[4], m[5]}, {m[6], m[7], m[8]}});
        SingularValueDecomposition svd = new SingularValueDecomposition(a);
        RealMatrix u = svd.getU(), vt = svd.getVT();
        RealMatrix r = u.multiply(vt);
        if (new org.apache.commons.math3.linear.LUDecomposition(r).getDeterminant() < 0) {
            RealMatrix d = org.apache.commons.math3.linear.MatrixUtils.createRealDiagonalMatrix(new double[] {1, 1, -1});
            r = u.multiply(d).multiply(vt);
        }
        double[] out = new double[9];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) out[3 * i + j] = r.getEntry(i, j);
        return out;
    }

    private interface RowOp { double[] apply(double[] a, double[] b); }

    private static INDArray rowwise(INDArray x, INDArray y, RowOp op) {
        int n = (int) x.size(0);
        double[] xa = x.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup('c').data().asDouble();
        double[] ya = y.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup('c').data().asDouble();
        double[] out = new double[9 * n], a = new double[9], b = new double[9];
        for (int k = 0; k < n; k++) {
            System.arraycopy(xa, 9 * k, a, 0, 9);
            System.arraycopy(ya, 9 * k, b, 0, 9);
            System.arraycopy(op.apply(a, b), 0, out, 9 * k, 9);
        }
        return Nd4j.createFromArray(out).reshape(n, 9).castTo(x.dataType());
    }
}
