package org.flowmatch4j.molecules.lattice;

/**
 * Lattice basis reductions. Both keep the lattice (the set of points k·M, k ∈ ℤ³) and change only its basis.
 *
 * <ul>
 *   <li>{@link #niggli}: the Niggli-reduced cell (Křivý &amp; Gruber 1976, in the ε-stable form of Grosse-Kunstleve,
 *       Sauter &amp; Adams 2004). With A = a·a, B = b·b, C = c·c, ξ = 2b·c, η = 2a·c, ζ = 2a·b, the cell is reduced
 *       when A ≤ B ≤ C, |ξ| ≤ B, |η| ≤ A, |ζ| ≤ A, ξ, η, ζ all &gt; 0 or all ≤ 0, plus the boundary conditions; the
 *       eight steps below apply basis changes until none fires. The result is unique: equal lattices give equal
 *       parameters.</li>
 *   <li>{@link #lll}: Lenstra–Lenstra–Lovász reduction with δ = 3/4, a short, nearly orthogonal basis in which the
 *       nearest periodic image of a difference vector lies among the 27 neighbouring cells.</li>
 * </ul>
 */
public final class Reduction {
    private Reduction() {}

    /** The Niggli cell; {@code tolerance} is relative, ε = tolerance · V^(1/3) (pymatgen uses 1e-5). */
    public static Lattice niggli(Lattice lattice, double tolerance) {
        double[] a = lattice.matrix()[0].clone(), b = lattice.matrix()[1].clone(), c = lattice.matrix()[2].clone();
        double e = tolerance * Math.cbrt(lattice.volume());
        for (int iter = 0; iter < 10_000; iter++) {
            double A = dot(a, a), B = dot(b, b), C = dot(c, c);
            double xi = 2 * dot(b, c), eta = 2 * dot(a, c), zeta = 2 * dot(a, b);
            // step 1
            if (A > B + e || (Math.abs(A - B) <= e && Math.abs(xi) > Math.abs(eta) + e)) {
                double[] t = a; a = b; b = t; c = neg(c);
                continue;
            }
            // step 2
            if (B > C + e || (Math.abs(B - C) <= e && Math.abs(eta) > Math.abs(zeta) + e)) {
                double[] t = b; b = c; c = t; a = neg(a);
                continue;
            }
            // steps 3 and 4: all three products positive, or all non-positive
            int sx = sign(xi, e), sy = sign(eta, e), sz = sign(zeta, e);
            boolean positive = sx * sy * sz > 0;
            int[][] flips = {{1, 1, 1}, {1, -1, -1}, {-1, 1, -1}, {-1, -1, 1}};
            for (int[] f : flips) {
                int nx = sx * f[1] * f[2], ny = sy * f[0] * f[2], nz = sz * f[0] * f[1];
                boolean ok = positive ? nx > 0 && ny > 0 && nz > 0 : nx <= 0 && ny <= 0 && nz <= 0;
                if (ok) {
                    a = scale(a, f[0]); b = scale(b, f[1]); c = scale(c, f[2]);
                    break;
                }
            }
            xi = 2 * dot(b, c); eta = 2 * dot(a, c); zeta = 2 * dot(a, b);
            // step 5
            if (Math.abs(xi) > B + e || (Math.abs(xi - B) <= e && 2 * eta < zeta - e) || (Math.abs(xi + B) <= e && zeta < -e)) {
                c = sub(c, scale(b, Math.signum(xi)));
                continue;
            }
            // step 6
            if (Math.abs(eta) > A + e || (Math.abs(eta - A) <= e && 2 * xi < zeta - e) || (Math.abs(eta + A) <= e && zeta < -e)) {
                c = sub(c, scale(a, Math.signum(eta)));
                continue;
            }
            // step 7
            if (Math.abs(zeta) > A + e || (Math.abs(zeta - A) <= e && 2 * xi < eta - e) || (Math.abs(zeta + A) <= e && eta < -e)) {
                b = sub(b, scale(a, Math.signum(zeta)));
                continue;
            }
            // step 8
            double s = xi + eta + zeta + A + B;
            if (s < -e || (Math.abs(s) <= e && 2 * (A + eta) + zeta > e)) {
                c = add(add(c, a), b);
                continue;
            }
            return new Lattice(new double[][] {a, b, c});
        }
        throw new IllegalStateException("Niggli reduction did not converge for " + lattice);
    }

    /** The LLL-reduced basis (δ = 3/4). */
    public static Lattice lll(Lattice lattice) {
        double[][] b = Mat3.copy(lattice.matrix());
        double delta = 0.75;
        int k = 1;
        int guard = 0;
        while (k < 3) {
            if (++guard > 100_000) throw new IllegalStateException("LLL reduction did not converge for " + lattice);
            double[][] bs = gramSchmidt(b);
            for (int j = k - 1; j >= 0; j--) {
                double mu = dot(b[k], bs[j]) / dot(bs[j], bs[j]);
                double q = Math.rint(mu);
                if (q != 0) {
                    b[k] = sub(b[k], scale(b[j], q));
                    bs = gramSchmidt(b);
                }
            }
            double mu = dot(b[k], bs[k - 1]) / dot(bs[k - 1], bs[k - 1]);
            if (dot(bs[k], bs[k]) >= (delta - mu * mu) * dot(bs[k - 1], bs[k - 1])) {
                k++;
            } else {
                double[] t = b[k]; b[k] = b[k - 1]; b[k - 1] = t;
                k = Math.max(k - 1, 1);
            }
        }
        return new Lattice(b);
    }

    private static double[][] gramSchmidt(double[][] b) {
        double[][] bs = new double[3][];
        for (int i = 0; i < 3; i++) {
            bs[i] = b[i].clone();
            for (int j = 0; j < i; j++) bs[i] = sub(bs[i], scale(bs[j], dot(b[i], bs[j]) / dot(bs[j], bs[j])));
        }
        return bs;
    }

    private static int sign(double v, double e) {
        return v > e ? 1 : v < -e ? -1 : 0;
    }

    static double dot(double[] u, double[] v) { return Mat3.dot(u, v); }

    static double[] neg(double[] v) { return scale(v, -1); }

    static double[] scale(double[] v, double s) { return new double[] {v[0] * s, v[1] * s, v[2] * s}; }

    static double[] sub(double[] u, double[] v) { return new double[] {u[0] - v[0], u[1] - v[1], u[2] - v[2]}; }

    static double[] add(double[] u, double[] v) { return new double[] {u[0] + v[0], u[1] + v[1], u[2] + v[2]}; }
}
