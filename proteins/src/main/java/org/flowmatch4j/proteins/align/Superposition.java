package org.flowmatch4j.proteins.align;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Least-squares rigid superposition (Kabsch 1976): the rotation R and translation t minimising Σ_k |R x_k + t - y_k|²
 * over paired points. With centroids x̄, ȳ and H = Σ (x_k - x̄)(y_k - ȳ)ᵀ = U S Vᵀ, R = V diag(1, 1, d) Uᵀ with
 * d = sign det(V Uᵀ) (no reflections) and t = ȳ - R x̄.
 *
 * @param rotation    row-major 3×3
 * @param translation 3 components
 */
public record Superposition(double[] rotation, double[] translation) {
    /** Fits the pairs (x[idx[k]], y[idx[k]]) for k &lt; count. */
    public static Superposition fit(double[][] x, double[][] y, int[] idx, int count) {
        double[] cx = new double[3], cy = new double[3];
        for (int k = 0; k < count; k++) {
            double[] a = x[idx[k]], b = y[idx[k]];
            for (int d = 0; d < 3; d++) {
                cx[d] += a[d] / count;
                cy[d] += b[d] / count;
            }
        }
        double[][] h = new double[3][3];
        for (int k = 0; k < count; k++) {
            double[] a = x[idx[k]], b = y[idx[k]];
            for (int r = 0; r < 3; r++) for (int c = 0; c < 3; c++) h[r][c] += (a[r] - cx[r]) * (b[c] - cy[c]);
        }
        SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(h, false));
        RealMatrix u = svd.getU(), v = svd.getV();
        RealMatrix vut = v.multiply(u.transpose());
        double det = new org.apache.commons.math3.linear.LUDecomposition(vut).getDeterminant();
        double[][] dm = {{1, 0, 0}, {0, 1, 0}, {0, 0, det < 0 ? -1 : 1}};
        double[][] r = v.multiply(new Array2DRowRealMatrix(dm, false)).multiply(u.transpose()).getData();
        double[] rot = {r[0][0], r[0][1], r[0][2], r[1][0], r[1][1], r[1][2], r[2][0], r[2][1], r[2][2]};
        double[] t = new double[3];
        for (int d = 0; d < 3; d++) t[d] = cy[d] - (rot[3 * d] * cx[0] + rot[3 * d + 1] * cx[1] + rot[3 * d + 2] * cx[2]);
        return new Superposition(rot, t);
    }

    /** Squared distance |R x + t - y|². */
    public double squaredDistance(double[] x, double[] y) {
        double s = 0;
        for (int d = 0; d < 3; d++) {
            double v = rotation[3 * d] * x[0] + rotation[3 * d + 1] * x[1] + rotation[3 * d + 2] * x[2] + translation[d] - y[d];
            s += v * v;
        }
        return s;
    }

    /** R x + t. */
    public double[] apply(double[] x) {
        double[] out = new double[3];
        for (int d = 0; d < 3; d++) out[d] = rotation[3 * d] * x[0] + rotation[3 * d + 1] * x[1] + rotation[3 * d + 2] * x[2] + translation[d];
        return out;
    }
}
