package org.flowmatch4j.molecules.lattice;

import java.util.Arrays;

/**
 * A crystal lattice: three basis vectors a, b, c as the rows of a 3×3 matrix M (Å), so that a point with fractional
 * coordinates f has Cartesian position r = f·M (row vector times matrix).
 *
 * <p>Parameters: a = |a|, b = |b|, c = |c|, α = ∠(b, c), β = ∠(a, c), γ = ∠(a, b) in degrees; volume V = |det M|.
 * {@link #fromParameters} puts a along x and b in the xy plane:
 * a = (a, 0, 0), b = (b cos γ, b sin γ, 0), c = (c cos β, c (cos α − cos β cos γ)/sin γ, V/(a b sin γ)).
 *
 * @param matrix the rows a, b, c; do not mutate
 */
public record Lattice(double[][] matrix) {

    public Lattice {
        if (matrix.length != 3 || Arrays.stream(matrix).anyMatch(r -> r.length != 3))
            throw new IllegalArgumentException("lattice matrix must be 3×3, got " + Arrays.deepToString(matrix));
        for (double[] r : matrix) for (double v : r)
            if (!Double.isFinite(v)) throw new IllegalArgumentException("lattice matrix has a non-finite entry: " + Arrays.deepToString(matrix));
    }

    /** The lattice with lengths in Å and angles in degrees, in the orientation given in the class comment. */
    public static Lattice fromParameters(double a, double b, double c, double alpha, double beta, double gamma) {
        if (!(a > 0 && b > 0 && c > 0))
            throw new IllegalArgumentException("lattice lengths must be positive, got a=%s b=%s c=%s".formatted(a, b, c));
        double ca = Math.cos(Math.toRadians(alpha)), cb = Math.cos(Math.toRadians(beta));
        double cg = Math.cos(Math.toRadians(gamma)), sg = Math.sin(Math.toRadians(gamma));
        double cy = (ca - cb * cg) / sg;
        double cz2 = 1 - cb * cb - cy * cy;
        if (!(cz2 > 1e-12) || !(sg > 1e-12))
            throw new IllegalArgumentException("lattice angles α=%s β=%s γ=%s do not span a cell".formatted(alpha, beta, gamma));
        return new Lattice(new double[][] {{a, 0, 0}, {b * cg, b * sg, 0}, {c * cb, c * cy, c * Math.sqrt(cz2)}});
    }

    /** Lengths (a, b, c) in Å. */
    public double[] lengths() {
        return new double[] {norm(matrix[0]), norm(matrix[1]), norm(matrix[2])};
    }

    /** Angles (α, β, γ) in degrees. */
    public double[] angles() {
        return new double[] {angle(matrix[1], matrix[2]), angle(matrix[0], matrix[2]), angle(matrix[0], matrix[1])};
    }

    /** (a, b, c, α, β, γ). */
    public double[] parameters() {
        double[] l = lengths(), g = angles();
        return new double[] {l[0], l[1], l[2], g[0], g[1], g[2]};
    }

    /** V = |det M| in Å³. */
    public double volume() {
        return Math.abs(det(matrix));
    }

    /** r = f·M. */
    public double[] toCartesian(double[] f) {
        return Mat3.rowTimes(f, matrix);
    }

    /** f = r·M⁻¹. */
    public double[] toFractional(double[] r) {
        return Mat3.rowTimes(r, Mat3.inverse(matrix));
    }

    /** The metric tensor G = M Mᵀ (Gᵢⱼ = aᵢ·aⱼ). */
    public double[][] metric() {
        return Mat3.multiply(matrix, Mat3.transpose(matrix));
    }

    /** The reciprocal lattice without 2π: rows b* with aᵢ·b*ⱼ = δᵢⱼ, i.e. (M⁻¹)ᵀ. */
    public Lattice reciprocal() {
        return new Lattice(Mat3.transpose(Mat3.inverse(matrix)));
    }

    /**
     * The shortest Cartesian vector (d + k)·M over the 27 neighbouring images k ∈ {−1, 0, 1}³ of a fractional
     * difference d (pass it centred, x − round(x)); with {@code skipZero} the image k = 0 is left out (an atom and its
     * own images). Exact for reduced (LLL or Niggli) bases.
     */
    public double[] shortestImage(double[] d, boolean skipZero) {
        double best = Double.MAX_VALUE;
        double[] bestV = null;
        for (int a = -1; a <= 1; a++) for (int b = -1; b <= 1; b++) for (int c = -1; c <= 1; c++) {
            if (skipZero && a == 0 && b == 0 && c == 0) continue;
            double[] v = toCartesian(new double[] {d[0] + a, d[1] + b, d[2] + c});
            double d2 = Mat3.dot(v, v);
            if (d2 < best) { best = d2; bestV = v; }
        }
        return bestV;
    }

    /** This lattice scaled uniformly by s (volume × s³). */
    public Lattice scaled(double s) {
        double[][] m = new double[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) m[i][j] = matrix[i][j] * s;
        return new Lattice(m);
    }

    /** This lattice with the volume set to v. */
    public Lattice withVolume(double v) {
        return scaled(Math.cbrt(v / volume()));
    }

    static double det(double[][] m) {
        return Mat3.det(m);
    }

    static double norm(double[] v) {
        return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    }

    static double angle(double[] u, double[] v) {
        double c = (u[0] * v[0] + u[1] * v[1] + u[2] * v[2]) / (norm(u) * norm(v));
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, c))));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Lattice l && Arrays.deepEquals(matrix, l.matrix);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(matrix);
    }

    @Override
    public String toString() {
        double[] p = parameters();
        return "Lattice[a=%.4f b=%.4f c=%.4f α=%.3f β=%.3f γ=%.3f]".formatted(p[0], p[1], p[2], p[3], p[4], p[5]);
    }
}
