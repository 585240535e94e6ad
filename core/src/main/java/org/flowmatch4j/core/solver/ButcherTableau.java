package org.flowmatch4j.core.solver;

import org.flowmatch4j.core.util.Checks;

/**
 * An explicit Runge–Kutta method as data: k_i = f(x + h Σ_{j<i} a_ij k_j, t + c_i h), x' = x + h Σ_i b_i k_i.
 *
 * @param name  display name
 * @param a     strictly lower-triangular stage matrix, a[i] has i entries
 * @param b     weights, Σ b = 1
 * @param c     nodes, c_i = Σ_j a_ij
 * @param order classical order of accuracy
 */
public record ButcherTableau(String name, double[][] a, double[] b, double[] c, int order) {
    public ButcherTableau {
        Checks.require(a.length == b.length && b.length == c.length, "tableau %s: a, b, c sizes differ", name);
        double sb = 0;
        for (double w : b) sb += w;
        Checks.require(Math.abs(sb - 1) < 1e-12, "tableau %s: weights must sum to 1, got %s", name, sb);
        for (int i = 0; i < a.length; i++) {
            Checks.require(a[i].length == i, "tableau %s: row %d of a must have %d entries", name, i, i);
            double s = 0;
            for (double v : a[i]) s += v;
            Checks.require(Math.abs(s - c[i]) < 1e-12, "tableau %s: c[%d] must equal the row sum of a", name, i);
        }
    }

    public int stages() { return b.length; }

    public static final ButcherTableau EULER =
            new ButcherTableau("euler", new double[][] {{}}, new double[] {1}, new double[] {0}, 1);
    public static final ButcherTableau MIDPOINT = new ButcherTableau("midpoint",
            new double[][] {{}, {0.5}}, new double[] {0, 1}, new double[] {0, 0.5}, 2);
    public static final ButcherTableau HEUN = new ButcherTableau("heun",
            new double[][] {{}, {1}}, new double[] {0.5, 0.5}, new double[] {0, 1}, 2);
    public static final ButcherTableau RK4 = new ButcherTableau("rk4",
            new double[][] {{}, {0.5}, {0, 0.5}, {0, 0, 1}},
            new double[] {1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6}, new double[] {0, 0.5, 0.5, 1}, 4);
}
