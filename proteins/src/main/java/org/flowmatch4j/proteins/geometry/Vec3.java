package org.flowmatch4j.proteins.geometry;

/** Small 3-vector helpers on double[3] (no allocation beyond the result). */
public final class Vec3 {
    private Vec3() {}

    public static double[] sub(double[] a, double[] b) { return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]}; }

    public static double[] add(double[] a, double[] b) { return new double[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]}; }

    public static double[] scale(double[] a, double s) { return new double[] {a[0] * s, a[1] * s, a[2] * s}; }

    public static double dot(double[] a, double[] b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }

    public static double norm(double[] a) { return Math.sqrt(dot(a, a)); }

    public static double dist(double[] a, double[] b) { return norm(sub(a, b)); }

    public static double[] unit(double[] a) { return scale(a, 1 / norm(a)); }

    public static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    /**
     * Natural extension reference frame (NeRF): the point D with |CD| = bond, angle BCD = angle and dihedral
     * ABCD = torsion (radians, IUPAC sign as {@link Dihedrals#dihedral}).
     */
    public static double[] place(double[] a, double[] b, double[] c, double bond, double angle, double torsion) {
        double[] bc = unit(sub(c, b));
        double[] n = unit(cross(sub(b, a), bc));
        double[] m = cross(n, bc);
        double x = -bond * Math.cos(angle), y = bond * Math.sin(angle) * Math.cos(torsion), z = bond * Math.sin(angle) * Math.sin(torsion);
        return new double[] {c[0] + x * bc[0] + y * m[0] + z * n[0], c[1] + x * bc[1] + y * m[1] + z * n[1],
                c[2] + x * bc[2] + y * m[2] + z * n[2]};
    }
}
