package org.flowmatch4j.manifolds;

/**
 * Unit quaternions q = (w, x, y, z) for rotations, as ReQFlow uses them: the Hamilton product, conjugate, exponential
 * and logarithm (exp(v) = (cos|v|, sin|v| v/|v|) for a pure quaternion v), and SLERP in exponential form
 * q_t = q0 ⊗ exp(t · log(q0* ⊗ q1)) on the shorter arc (q1 is negated when q0·q1 &lt; 0, since q and -q are one rotation).
 * The rotation of q turns by 2|log q|, so SLERP moves along the SO(3) geodesic at constant speed.
 */
public final class Quaternions {
    private Quaternions() {}

    public static double[] multiply(double[] a, double[] b) {
        return new double[] {
            a[0] * b[0] - a[1] * b[1] - a[2] * b[2] - a[3] * b[3],
            a[0] * b[1] + a[1] * b[0] + a[2] * b[3] - a[3] * b[2],
            a[0] * b[2] - a[1] * b[3] + a[2] * b[0] + a[3] * b[1],
            a[0] * b[3] + a[1] * b[2] - a[2] * b[1] + a[3] * b[0]};
    }

    public static double[] conjugate(double[] q) { return new double[] {q[0], -q[1], -q[2], -q[3]}; }

    /** exp of the pure quaternion (0, v). */
    public static double[] exp(double[] v) {
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        double s = n < 1e-12 ? 1 - n * n / 6 : Math.sin(n) / n;
        return new double[] {Math.cos(n), s * v[0], s * v[1], s * v[2]};
    }

    /** The vector part v of log q for a unit quaternion (|v| in [0, π]). */
    public static double[] log(double[] q) {
        double n = Math.sqrt(q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
        double angle = Math.atan2(n, q[0]);
        double f = n < 1e-12 ? 1 / Math.max(q[0], 1e-300) : angle / n;
        return new double[] {f * q[1], f * q[2], f * q[3]};
    }

    /** Spherical linear interpolation along the shorter arc, in exponential form. */
    public static double[] slerp(double[] q0, double[] q1, double t) {
        double dot = q0[0] * q1[0] + q0[1] * q1[1] + q0[2] * q1[2] + q0[3] * q1[3];
        double[] target = dot < 0 ? new double[] {-q1[0], -q1[1], -q1[2], -q1[3]} : q1;
        double[] v = log(multiply(conjugate(q0), target));
        return multiply(q0, exp(new double[] {t * v[0], t * v[1], t * v[2]}));
    }

    /** Unit quaternion (w ≥ 0) of a row-major rotation matrix (Shepperd's method). */
    public static double[] fromMatrix(double[] m) {
        double tr = m[0] + m[4] + m[8];
        double[] q;
        if (tr > 0) {
            double s = Math.sqrt(tr + 1) * 2;
            q = new double[] {0.25 * s, (m[7] - m[5]) / s, (m[2] - m[6]) / s, (m[3] - m[1]) / s};
        } else if (m[0] > m[4] && m[0] > m[8]) {
            double s = Math.sqrt(1 + m[0] - m[4] - m[8]) * 2;
            q = new double[] {(m[7] - m[5]) / s, 0.25 * s, (m[1] + m[3]) / s, (m[2] + m[6]) / s};
        } else if (m[4] > m[8]) {
            double s = Math.sqrt(1 + m[4] - m[0] - m[8]) * 2;
            q = new double[] {(m[2] - m[6]) / s, (m[1] + m[3]) / s, 0.25 * s, (m[5] + m[7]) / s};
        } else {
            double s = Math.sqrt(1 + m[8] - m[0] - m[4]) * 2;
            q = new double[] {(m[3] - m[1]) / s, (m[2] + m[6]) / s, (m[5] + m[7]) / s, 0.25 * s};
        }
        double n = Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
        double sign = q[0] < 0 ? -1 : 1;
        for (int k = 0; k < 4; k++) q[k] *= sign / n;
        return q;
    }

    /** Row-major rotation matrix of a unit quaternion. */
    public static double[] toMatrix(double[] q) { return So3.fromQuaternion(q[0], q[1], q[2], q[3]); }
}
