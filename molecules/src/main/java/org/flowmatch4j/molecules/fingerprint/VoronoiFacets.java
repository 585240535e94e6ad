package org.flowmatch4j.molecules.fingerprint;

import java.util.ArrayList;
import java.util.List;
import org.flowmatch4j.molecules.lattice.Mat3;

/**
 * The facets of the Voronoi cell of a centre at the origin among neighbours at displacements dⱼ: the cell is the
 * intersection of the half-spaces {x : dⱼ·x ≤ |dⱼ|²/2}, and neighbour j owns a facet when its bisector plane bounds it.
 * Each facet is found by clipping a large square in plane j against every other half-space (Sutherland–Hodgman on a
 * convex polygon), which is exact for the cell of the given points — the same cell qhull gives for the centre among
 * them, as in pymatgen's {@code VoronoiNN}.
 *
 * <p>For each facet: its area and the solid angle it subtends at the centre, Ω = Σ 2·atan2(|a·(b×c)|,
 * abc + (a·b)c + (a·c)b + (b·c)a) over a fan of triangles (a, b, c) (Van Oosterom and Strackee, 1983).
 */
public final class VoronoiFacets {
    private VoronoiFacets() {}

    /** Facets smaller than this times |d|² are edges or vertices shared by cospherical neighbours, not facets. */
    private static final double DEGENERATE = 1e-10;

    /** One facet: the index of its neighbour in the input, the solid angle (sr) and area (Å²). */
    public record Facet(int neighbour, double solidAngle, double area) {}

    /**
     * The facets of the centre's cell, or {@code null} when the cell is unbounded (the neighbours do not enclose the
     * centre: a vertex reaches the clipping square's far field).
     *
     * @param d       neighbour displacements from the centre, each non-zero
     * @param extent  an upper bound on the distances of interest (the search radius); the initial square spans
     *                10³·extent, and a cell reaching beyond 10²·extent counts as unbounded
     */
    public static List<Facet> of(double[][] d, double extent) {
        double half = 1e3 * extent, far = 1e2 * extent;
        List<Facet> out = new ArrayList<>();
        for (int j = 0; j < d.length; j++) {
            double[] n = d[j];
            double nn = Mat3.dot(n, n), offset = nn / 2;
            double[] c = scale(n, 0.5);
            double[] u = unit(perpendicular(n)), v = unit(cross(n, u));
            List<double[]> poly = new ArrayList<>(4);
            poly.add(add(c, half, u, half, v));
            poly.add(add(c, -half, u, half, v));
            poly.add(add(c, -half, u, -half, v));
            poly.add(add(c, half, u, -half, v));
            for (int k = 0; k < d.length && poly.size() >= 3; k++) {
                if (k == j) continue;
                poly = clip(poly, d[k], Mat3.dot(d[k], d[k]) / 2);
            }
            if (poly.size() < 3) continue;
            for (double[] p : poly) if (Mat3.dot(p, p) > far * far) return null;
            double area = area(poly);
            if (area <= DEGENERATE * nn) continue;   // the plane touches the cell in an edge or a vertex only
            out.add(new Facet(j, solidAngle(poly), area));
        }
        return out;
    }

    /** The part of a convex polygon with n·x ≤ h. */
    private static List<double[]> clip(List<double[]> poly, double[] n, double h) {
        List<double[]> out = new ArrayList<>(poly.size() + 1);
        int m = poly.size();
        for (int i = 0; i < m; i++) {
            double[] a = poly.get(i), b = poly.get((i + 1) % m);
            double fa = Mat3.dot(n, a) - h, fb = Mat3.dot(n, b) - h;
            if (fa <= 0) out.add(a);
            if ((fa < 0 && fb > 0) || (fa > 0 && fb < 0)) {
                double t = fa / (fa - fb);
                out.add(new double[] {a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]), a[2] + t * (b[2] - a[2])});
            }
        }
        return out;
    }

    static double solidAngle(List<double[]> poly) {
        double[] a = poly.get(0);
        double la = norm(a), total = 0;
        for (int i = 1; i + 1 < poly.size(); i++) {
            double[] b = poly.get(i), c = poly.get(i + 1);
            double lb = norm(b), lc = norm(c);
            double tp = Math.abs(Mat3.dot(a, cross(b, c)));
            double de = la * lb * lc + lc * Mat3.dot(a, b) + lb * Mat3.dot(a, c) + la * Mat3.dot(b, c);
            total += 2 * Math.atan2(tp, de);
        }
        return total;
    }

    static double area(List<double[]> poly) {
        double[] a = poly.get(0), s = new double[3];
        for (int i = 1; i + 1 < poly.size(); i++) {
            double[] x = cross(sub(poly.get(i), a), sub(poly.get(i + 1), a));
            s[0] += x[0];
            s[1] += x[1];
            s[2] += x[2];
        }
        return norm(s) / 2;
    }

    private static double[] perpendicular(double[] n) {
        double ax = Math.abs(n[0]), ay = Math.abs(n[1]), az = Math.abs(n[2]);
        double[] e = ax <= ay && ax <= az ? new double[] {1, 0, 0} : ay <= az ? new double[] {0, 1, 0} : new double[] {0, 0, 1};
        return cross(n, e);
    }

    private static double[] add(double[] c, double s, double[] u, double t, double[] v) {
        return new double[] {c[0] + s * u[0] + t * v[0], c[1] + s * u[1] + t * v[1], c[2] + s * u[2] + t * v[2]};
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    static double[] sub(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    static double[] scale(double[] a, double s) {
        return new double[] {a[0] * s, a[1] * s, a[2] * s};
    }

    static double norm(double[] a) {
        return Math.sqrt(Mat3.dot(a, a));
    }

    static double[] unit(double[] a) {
        return scale(a, 1 / norm(a));
    }
}
