package org.flowmatch4j.molecules.crystal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flowmatch4j.molecules.lattice.Lattice;
import org.flowmatch4j.molecules.lattice.Mat3;
import org.flowmatch4j.molecules.lattice.Reduction;

/**
 * Reduced forms of a crystal: the Niggli cell, and the primitive cell — the smallest cell that still repeats the
 * structure, found (as in pymatgen) from the translations that map every site onto a site of the same element within a
 * Cartesian tolerance. Candidate sub-lattices are the Hermite normal forms H of determinant d dividing the gcd of the
 * element counts; a candidate is kept when the rows of H⁻¹ (new basis vectors in old fractional coordinates) are such
 * translations and every group of d images collapses consistently. Collapsed sites are averaged. The search repeats
 * on the result until no smaller cell exists, then the cell is Niggli-reduced.
 */
public final class PrimitiveCell {
    private PrimitiveCell() {}

    /** The same structure in its Niggli cell, coordinates wrapped into [0, 1). */
    public static Crystal niggli(Crystal c) {
        Lattice reduced = Reduction.niggli(c.lattice(), 1e-5);
        return reexpress(c, reduced);
    }

    /** The same sites (Cartesian positions) expressed in another basis of the same lattice. */
    public static Crystal reexpress(Crystal c, Lattice basis) {
        double[][] inv = Mat3.inverse(basis.matrix());
        double[][] f = new double[c.size()][];
        for (int i = 0; i < c.size(); i++) f[i] = Mat3.wrapUnit(Mat3.rowTimes(c.lattice().toCartesian(c.frac()[i]), inv));
        return new Crystal(c.name(), basis, f, c.numbers());
    }

    /** Niggli cell, then the primitive cell with the given tolerance in Å (pymatgen's default 0.25). */
    public static Crystal reduced(Crystal c, double tolerance) {
        Crystal n = niggli(c);
        Crystal p = primitive(n, tolerance);
        return p == null ? n : p;
    }

    /** The primitive cell, Niggli-reduced, or null when the cell is already primitive. */
    static Crystal primitive(Crystal c, double tolerance) {
        Map<Integer, List<double[]>> groups = new TreeMap<>();
        for (int i = 0; i < c.size(); i++) groups.computeIfAbsent(c.numbers()[i], k -> new ArrayList<>()).add(c.frac()[i]);
        int fu = 0;
        List<double[]> smallest = null;
        for (List<double[]> g : groups.values()) {
            fu = Crystal.gcd(fu, g.size());
            if (smallest == null || g.size() < smallest.size()) smallest = g;
        }
        if (fu < 2) return null;
        double[] abc = c.lattice().lengths();
        double[] ftol = {tolerance / abc[0], tolerance / abc[1], tolerance / abc[2]};
        double[] ftol2 = {2 * ftol[0], 2 * ftol[1], 2 * ftol[2]};
        List<double[]> translations = new ArrayList<>();
        for (double[] f : smallest) translations.add(sub(f, smallest.get(0)));
        for (List<double[]> g : groups.values())
            for (double[] f : g) {
                List<double[]> kept = new ArrayList<>();
                for (double[] t : translations)
                    for (double[] h : g) if (close(t, sub(h, f), ftol2)) { kept.add(t); break; }
                translations = kept;
            }
        for (int det = 2; det <= fu; det++) {
            if (fu % det != 0) continue;
            for (int[][] m : hermiteForms(det)) {
                double[][] md = toDouble(m);
                double[][] inv = Mat3.inverse(md);
                boolean allTranslations = true;
                for (double[] row : inv) {
                    boolean found = false;
                    for (double[] t : translations) if (close(row, t, ftol)) { found = true; break; }
                    if (!found) { allTranslations = false; break; }
                }
                if (!allTranslations) continue;
                Crystal p = collapse(c, groups, md, inv, det, tolerance, ftol2);
                if (p != null) {
                    Crystal smaller = primitive(p, tolerance);
                    return niggli(smaller == null ? p : smaller);
                }
            }
        }
        return null;
    }

    private static Crystal collapse(Crystal c, Map<Integer, List<double[]>> groups, double[][] m, double[][] inv,
                                    int size, double tolerance, double[] superTol2) {
        Lattice lattice = new Lattice(Mat3.multiply(inv, c.lattice().matrix()));
        double[] abc = lattice.lengths();
        double[] ftol = {tolerance / abc[0], tolerance / abc[1], tolerance / abc[2]};
        List<double[]> frac = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        for (Map.Entry<Integer, List<double[]>> e : groups.entrySet()) {
            List<double[]> g = e.getValue();
            int n = g.size();
            double[][] nf = new double[n][];
            for (int i = 0; i < n; i++) nf[i] = Mat3.rowTimes(g.get(i), m);
            boolean[][] same = new boolean[n][n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    same[i][j] = close(nf[i], nf[j], ftol) && (i == j || !close(g.get(i), g.get(j), superTol2));
            for (int j = 0; j < n; j++) {
                int count = 0;
                for (int i = 0; i < n; i++) if (same[i][j]) count++;
                if (count != size) return null;
            }
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    if (same[i][j]) for (int k = 0; k < n; k++) if (same[i][k] && !same[j][k]) return null;
            boolean[] added = new boolean[n];
            for (int i = 0; i < n; i++) {
                if (added[i]) continue;
                double[] mean = Mat3.wrapUnit(nf[i]);
                int count = 1;
                for (int j = 0; j < n; j++) {
                    if (!same[i][j]) continue;
                    added[j] = true;
                    if (j == i) continue;
                    double[] off = Mat3.wrapCentered(sub(Mat3.wrapUnit(nf[j]), mean));
                    count++;
                    for (int k = 0; k < 3; k++) mean[k] += off[k] / count;
                }
                frac.add(Mat3.wrapUnit(mean));
                numbers.add(e.getKey());
            }
        }
        return new Crystal(c.name(), lattice, frac.toArray(double[][]::new), numbers.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Upper-triangular Hermite normal forms [[a,b,c],[0,e,f],[0,0,g]] with a·e·g = det, 0 ≤ b, c &lt; a... as pymatgen enumerates them. */
    static List<int[][]> hermiteForms(int det) {
        List<int[][]> out = new ArrayList<>();
        for (int a = 1; a <= det; a++) {
            if (det % a != 0) continue;
            for (int e = 1; e <= det / a; e++) {
                if ((det / a) % e != 0) continue;
                int g = det / a / e;
                for (int b = 0; b < a; b++)
                    for (int cc = 0; cc < a; cc++)
                        for (int f = 0; f < e; f++) out.add(new int[][] {{a, b, cc}, {0, e, f}, {0, 0, g}});
            }
        }
        return out;
    }

    private static double[][] toDouble(int[][] m) {
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) r[i][j] = m[i][j];
        return r;
    }

    private static boolean close(double[] u, double[] v, double[] tol) {
        for (int k = 0; k < 3; k++) {
            double d = u[k] - v[k];
            if (Math.abs(d - Math.rint(d)) >= tol[k]) return false;
        }
        return true;
    }

    private static double[] sub(double[] u, double[] v) {
        return new double[] {u[0] - v[0], u[1] - v[1], u[2] - v[2]};
    }
}
