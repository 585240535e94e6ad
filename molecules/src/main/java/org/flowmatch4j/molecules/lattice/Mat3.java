package org.flowmatch4j.molecules.lattice;

/** 3×3 matrix and 3-vector arithmetic in double precision (row-vector convention: v·M). */
public final class Mat3 {
    private Mat3() {}

    public static double det(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }

    public static double[][] inverse(double[][] m) {
        double d = det(m);
        if (Math.abs(d) < 1e-300) throw new IllegalArgumentException("singular 3×3 matrix");
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) {
                int i1 = (j + 1) % 3, i2 = (j + 2) % 3, j1 = (i + 1) % 3, j2 = (i + 2) % 3;
                r[i][j] = (m[i1][j1] * m[i2][j2] - m[i1][j2] * m[i2][j1]) / d;
            }
        return r;
    }

    public static double[][] multiply(double[][] a, double[][] b) {
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++)
            r[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j] + a[i][2] * b[2][j];
        return r;
    }

    public static double[][] transpose(double[][] a) {
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) r[i][j] = a[j][i];
        return r;
    }

    /** v·M. */
    public static double[] rowTimes(double[] v, double[][] m) {
        return new double[] {
            v[0] * m[0][0] + v[1] * m[1][0] + v[2] * m[2][0],
            v[0] * m[0][1] + v[1] * m[1][1] + v[2] * m[2][1],
            v[0] * m[0][2] + v[1] * m[1][2] + v[2] * m[2][2]};
    }

    public static double dot(double[] u, double[] v) {
        return u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
    }

    /** x − round(x), componentwise: the representative of a fractional difference in [−½, ½]. */
    public static double[] wrapCentered(double[] f) {
        return new double[] {f[0] - Math.rint(f[0]), f[1] - Math.rint(f[1]), f[2] - Math.rint(f[2])};
    }

    /** x − floor(x), componentwise, in [0, 1). */
    public static double[] wrapUnit(double[] f) {
        double[] r = new double[3];
        for (int k = 0; k < 3; k++) {
            r[k] = f[k] - Math.floor(f[k]);
            if (r[k] >= 1) r[k] = 0;
        }
        return r;
    }

    public static double[][] copy(double[][] m) {
        double[][] r = new double[m.length][];
        for (int i = 0; i < m.length; i++) r[i] = m[i].clone();
        return r;
    }
}
