package org.flowmatch4j.proteins.align;


/**
 * Least-squares rigid superposition: the rotation R and translation t minimising Σ_k |R x_k + t - y_k|² over paired
 * points (the Kabsch problem), t = ȳ - R x̄.
 *
 * @param rotation    row-major 3×3
 * @param translation 3 components
 */
public record Superposition(double[] rotation, double[] translation) {
    /**
     * Fits the pairs (x[idx[k]], y[idx[k]]) for k &lt; count by Horn's quaternion method (1987): with centred
     * S_ab = Σ x_a y_b, the unit quaternion maximising the overlap is the top eigenvector of the symmetric 4×4 matrix
     * N(S), found by cyclic Jacobi rotations; equal to Kabsch's SVD solution, without allocation-heavy decompositions.
     */
    public static Superposition fit(double[][] x, double[][] y, int[] idx, int count) {
        double cx0 = 0, cx1 = 0, cx2 = 0, cy0 = 0, cy1 = 0, cy2 = 0;
        for (int k = 0; k < count; k++) {
            double[] a = x[idx[k]], b = y[idx[k]];
            cx0 += a[0]; cx1 += a[1]; cx2 += a[2];
            cy0 += b[0]; cy1 += b[1]; cy2 += b[2];
        }
        cx0 /= count; cx1 /= count; cx2 /= count; cy0 /= count; cy1 /= count; cy2 /= count;
        double sxx = 0, sxy = 0, sxz = 0, syx = 0, syy = 0, syz = 0, szx = 0, szy = 0, szz = 0;
        for (int k = 0; k < count; k++) {
            double[] a = x[idx[k]], b = y[idx[k]];
            double a0 = a[0] - cx0, a1 = a[1] - cx1, a2 = a[2] - cx2, b0 = b[0] - cy0, b1 = b[1] - cy1, b2 = b[2] - cy2;
            sxx += a0 * b0; sxy += a0 * b1; sxz += a0 * b2;
            syx += a1 * b0; syy += a1 * b1; syz += a1 * b2;
            szx += a2 * b0; szy += a2 * b1; szz += a2 * b2;
        }
        double[][] n = {
            {sxx + syy + szz, syz - szy, szx - sxz, sxy - syx},
            {syz - szy, sxx - syy - szz, sxy + syx, szx + sxz},
            {szx - sxz, sxy + syx, -sxx + syy - szz, syz + szy},
            {sxy - syx, szx + sxz, syz + szy, -sxx - syy + szz}};
        double[] q = topEigenvector(n);
        double q0 = q[0], q1 = q[1], q2 = q[2], q3 = q[3];
        double[] rot = {
            q0 * q0 + q1 * q1 - q2 * q2 - q3 * q3, 2 * (q1 * q2 - q0 * q3), 2 * (q1 * q3 + q0 * q2),
            2 * (q1 * q2 + q0 * q3), q0 * q0 - q1 * q1 + q2 * q2 - q3 * q3, 2 * (q2 * q3 - q0 * q1),
            2 * (q1 * q3 - q0 * q2), 2 * (q2 * q3 + q0 * q1), q0 * q0 - q1 * q1 - q2 * q2 + q3 * q3};
        double[] t = {
            cy0 - (rot[0] * cx0 + rot[1] * cx1 + rot[2] * cx2),
            cy1 - (rot[3] * cx0 + rot[4] * cx1 + rot[5] * cx2),
            cy2 - (rot[6] * cx0 + rot[7] * cx1 + rot[8] * cx2)};
        return new Superposition(rot, t);
    }

    /** Unit eigenvector of the largest eigenvalue of a symmetric 4×4 matrix (cyclic Jacobi; a is overwritten). */
    static double[] topEigenvector(double[][] a) {
        double[][] v = {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}};
        for (int sweep = 0; sweep < 50; sweep++) {
            double off = 0, diag = 0;
            for (int p = 0; p < 4; p++) {
                diag += a[p][p] * a[p][p];
                for (int r = p + 1; r < 4; r++) off += a[p][r] * a[p][r];
            }
            if (off <= 1e-30 * (diag + 1e-300)) break;
            for (int p = 0; p < 3; p++) {
                for (int r = p + 1; r < 4; r++) {
                    if (a[p][r] == 0) continue;
                    double theta = (a[r][r] - a[p][p]) / (2 * a[p][r]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    double c = 1 / Math.sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < 4; k++) {
                        double akp = a[k][p], akr = a[k][r];
                        a[k][p] = c * akp - s * akr;
                        a[k][r] = s * akp + c * akr;
                    }
                    for (int k = 0; k < 4; k++) {
                        double apk = a[p][k], ark = a[r][k];
                        a[p][k] = c * apk - s * ark;
                        a[r][k] = s * apk + c * ark;
                    }
                    for (int k = 0; k < 4; k++) {
                        double vkp = v[k][p], vkr = v[k][r];
                        v[k][p] = c * vkp - s * vkr;
                        v[k][r] = s * vkp + c * vkr;
                    }
                }
            }
        }
        int best = 0;
        for (int p = 1; p < 4; p++) if (a[p][p] > a[best][best]) best = p;
        double[] q = {v[0][best], v[1][best], v[2][best], v[3][best]};
        double norm = Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
        for (int k = 0; k < 4; k++) q[k] /= norm;
        return q;
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
