package org.flowmatch4j.core.coupling;

import java.util.Arrays;
import org.flowmatch4j.core.util.Checks;

/**
 * Exact minimum-cost assignment by the Jonker–Volgenant algorithm (Jonker &amp; Volgenant 1987, "A shortest augmenting
 * path algorithm for dense and sparse linear assignment problems"): column reduction and reduction transfer, then a
 * Dijkstra shortest augmenting path for each remaining free row. O(n³) worst case. JV's augmenting row reduction is
 * left out on purpose: on minibatch-OT costs (two shifted point clouds) it cycled through tiny price changes and
 * was 20-40× slower than going straight to the shortest paths.
 *
 * <p>Optimality certificate: the final column prices v and row prices u_i = C_{i,x(i)} - v_{x(i)} satisfy
 * u_i + v_j ≤ C_ij for all i, j with equality on the assignment (LP duality).
 * Rectangular problems (rows &lt; cols) are padded with zero-cost dummy rows. Point-cloud couplings use the faster
 * sparse solver with a dense certificate first ({@link ExactOtCoupling}, {@link SparseAssignment}).
 */
public final class LinearAssignment {
    /** Size from which point-cloud couplings try the sparse solver with a dense optimality check ({@link SparseAssignment}). */
    static final int SPARSE_FROM = 400;
    static final int SPARSE_NEIGHBOURS = 16;

    private LinearAssignment() {}

    /** The dense Jonker–Volgenant solver alone (reference for tests and benchmarks). */
    public static int[] solveDense(double[] cost, int n) { return solveSquare(cost, n); }

    /** The sparse solver alone, or null when it gives up (reference for tests and benchmarks). */
    public static int[] solveSparse(double[] cost, int n, int k) { return SparseAssignment.solve(cost, n, k); }

    /**
     * @param cost row-major costs, length rows·cols, all finite
     * @return for each row its column
     */
    public static int[] solve(double[] cost, int rows, int cols) {
        Checks.require(rows >= 0 && cols >= rows, "need 0 <= rows <= cols, got rows=%d cols=%d", rows, cols);
        Checks.require(cost.length == (long) rows * cols, "cost must have rows*cols=%d entries, got %d",
                (long) rows * cols, cost.length);
        for (int k = 0; k < cost.length; k++) {
            if (!Double.isFinite(cost[k])) {
                throw new IllegalArgumentException(String.format("cost[%d][%d] must be finite, got %s",
                        k / cols, k % cols, cost[k]));
            }
        }
        if (rows == 0) return new int[0];
        double[] c = cost;
        if (rows < cols) {
            c = Arrays.copyOf(cost, cols * cols);          // dummy rows of cost 0
        }
        int[] x = solveSquare(c, cols);
        return Arrays.copyOf(x, rows);
    }

    /** Total cost of an assignment. */
    public static double totalCost(double[] cost, int cols, int[] assignment) {
        double s = 0;
        for (int i = 0; i < assignment.length; i++) s += cost[i * cols + assignment[i]];
        return s;
    }

    private static int[] solveSquare(double[] c, int n) {
        int[] x = new int[n], y = new int[n], free = new int[n], matches = new int[n];
        double[] v = new double[n];
        Arrays.fill(x, -1);
        Arrays.fill(y, -1);
        // Column reduction: v_j = min_i C_ij, assign each column to its minimum row when that row is still free.
        for (int j = n - 1; j >= 0; j--) {
            int imin = 0;
            double min = c[j];
            for (int i = 1; i < n; i++) {
                double h = c[i * n + j];
                if (h < min) { min = h; imin = i; }
            }
            v[j] = min;
            if (++matches[imin] == 1) {
                x[imin] = j; y[j] = imin;
            } else if (v[j] < v[x[imin]]) {
                int j1 = x[imin];
                x[imin] = j; y[j] = imin; y[j1] = -1;
            } else {
                y[j] = -1;
            }
        }
        // Reduction transfer from rows assigned once.
        int numFree = 0;
        for (int i = 0; i < n; i++) {
            if (matches[i] == 0) {
                free[numFree++] = i;
            } else if (matches[i] == 1) {
                int j1 = x[i];
                double min = Double.POSITIVE_INFINITY;
                for (int j = 0; j < n; j++) if (j != j1) min = Math.min(min, c[i * n + j] - v[j]);
                if (min < Double.POSITIVE_INFINITY) v[j1] -= min;
            }
        }
        augment(c, n, x, y, v, free, numFree);
        return x;
    }

    /** Dijkstra shortest augmenting paths over reduced costs for each free row. */
    private static void augment(double[] c, int n, int[] x, int[] y, double[] v, int[] free, int numFree) {
        double[] d = new double[n];
        int[] pred = new int[n], cols = new int[n];
        for (int f = 0; f < numFree; f++) {
            int freeRow = free[f], base = freeRow * n;
            for (int j = 0; j < n; j++) {
                d[j] = c[base + j] - v[j];
                pred[j] = freeRow;
                cols[j] = j;
            }
            int low = 0, up = 0, last = 0, end = -1;
            double min = 0;
            while (end < 0) {
                if (up == low) {
                    last = low - 1;
                    min = d[cols[up++]];
                    for (int k = up; k < n; k++) {
                        int j = cols[k];
                        double h = d[j];
                        if (h <= min) {
                            if (h < min) { up = low; min = h; }
                            cols[k] = cols[up];
                            cols[up++] = j;
                        }
                    }
                    for (int k = low; k < up; k++) {
                        if (y[cols[k]] < 0) { end = cols[k]; break; }
                    }
                }
                if (end < 0) {
                    int j1 = cols[low++], i = y[j1], rb = i * n;
                    double h = c[rb + j1] - v[j1] - min;
                    for (int k = up; k < n; k++) {
                        int j = cols[k];
                        double v2 = c[rb + j] - v[j] - h;
                        if (v2 < d[j]) {
                            pred[j] = i;
                            if (v2 == min) {
                                if (y[j] < 0) { end = j; break; }
                                cols[k] = cols[up];
                                cols[up++] = j;
                            }
                            d[j] = v2;
                        }
                    }
                }
            }
            for (int k = 0; k <= last; k++) {
                int j1 = cols[k];
                v[j1] += d[j1] - min;
            }
            int i;
            do {
                i = pred[end];
                y[end] = i;
                int j1 = end;
                end = x[i];
                x[i] = j1;
            } while (i != freeRow);
        }
    }
}
