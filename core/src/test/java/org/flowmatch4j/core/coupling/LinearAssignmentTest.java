package org.flowmatch4j.core.coupling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearAssignmentTest {
    @Test
    void matchesBruteForceOnSmallProblemsWithTies() {
        Random r = new Random(11);
        for (int trial = 0; trial < 600; trial++) {
            int n = 1 + r.nextInt(7);
            double[] c = new double[n * n];
            for (int i = 0; i < c.length; i++) c[i] = trial % 2 == 0 ? r.nextInt(4) : r.nextDouble();
            int[] x = LinearAssignment.solve(c, n, n);
            assertPermutation(x, n);
            assertEquals(bruteForce(c, n), LinearAssignment.totalCost(c, n, x), 1e-12, "trial " + trial);
        }
    }

    @Test
    void matchesAnIndependentHungarianOnLargerProblems() {
        Random r = new Random(3);
        for (int n : new int[] {50, 200}) {
            double[] c = new double[n * n];
            double[] px = new double[2 * n], py = new double[2 * n];
            for (int i = 0; i < 2 * n; i++) { px[i] = r.nextGaussian(); py[i] = r.nextGaussian() + 1.5; }
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) {
                double dx = px[2 * i] - py[2 * j], dy = px[2 * i + 1] - py[2 * j + 1];
                c[i * n + j] = dx * dx + dy * dy;
            }
            int[] x = LinearAssignment.solve(c, n, n);
            assertPermutation(x, n);
            assertEquals(hungarian(c, n), LinearAssignment.totalCost(c, n, x), 1e-9);
        }
    }

    /** The sparse solver with its dense certificate gives the dense optimum, on clouds, ties and adversarial costs. */
    @Test
    void sparseSolverMatchesTheDenseOptimum() {
        Random r = new Random(8);
        for (int trial = 0; trial < 12; trial++) {
            int n = 128 + r.nextInt(300);
            double[] c = new double[n * n];
            if (trial % 3 == 0) {
                for (int i = 0; i < c.length; i++) c[i] = r.nextInt(5);                  // many ties
            } else if (trial % 3 == 1) {
                for (int i = 0; i < c.length; i++) c[i] = r.nextDouble();                // no geometry
            } else {
                double[] p = new double[4 * n];
                for (int i = 0; i < p.length; i++) p[i] = r.nextGaussian() + (i >= 2 * n ? 1.5 : 0);
                for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) {
                    double dx = p[2 * i] - p[2 * n + 2 * j], dy = p[2 * i + 1] - p[2 * n + 2 * j + 1];
                    c[i * n + j] = dx * dx + dy * dy;
                }
            }
            int[] sparse = LinearAssignment.solveSparse(c, n, 4);
            org.junit.jupiter.api.Assertions.assertNotNull(sparse, "trial " + trial + ": the sparse solver gave up");
            assertPermutation(sparse, n);
            assertEquals(LinearAssignment.totalCost(c, n, LinearAssignment.solveDense(c, n)), LinearAssignment.totalCost(c, n, sparse),
                    1e-9, "trial " + trial + " n " + n);
        }
    }

    @Test
    void rectangularProblemsAssignEachRowADistinctColumn() {
        double[] c = {5, 1, 9, 9,
                      1, 5, 9, 9};
        int[] x = LinearAssignment.solve(c, 2, 4);
        assertEquals("[1, 0]", Arrays.toString(x));
    }

    @Test
    void rejectsNonFiniteCosts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinearAssignment.solve(new double[] {1, Double.NaN, 2, 3}, 2, 2));
        assertEquals("cost[0][1] must be finite, got NaN", e.getMessage());
    }

    static void assertPermutation(int[] x, int n) {
        boolean[] seen = new boolean[n];
        for (int v : x) {
            if (v < 0 || v >= n || seen[v]) throw new AssertionError("not a permutation: " + Arrays.toString(x));
            seen[v] = true;
        }
    }

    private static double bruteForce(double[] c, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        double best = Double.POSITIVE_INFINITY;
        do {
            double s = 0;
            for (int i = 0; i < n; i++) s += c[i * n + p[i]];
            best = Math.min(best, s);
        } while (nextPermutation(p));
        return best;
    }

    private static boolean nextPermutation(int[] p) {
        int i = p.length - 2;
        while (i >= 0 && p[i] >= p[i + 1]) i--;
        if (i < 0) return false;
        int j = p.length - 1;
        while (p[j] <= p[i]) j--;
        int t = p[i]; p[i] = p[j]; p[j] = t;
        for (int a = i + 1, b = p.length - 1; a < b; a++, b--) { t = p[a]; p[a] = p[b]; p[b] = t; }
        return true;
    }

    /** Textbook O(n³) Hungarian method with potentials, as an independent reference. */
    private static double hungarian(double[] a, int n) {
        double[] u = new double[n + 1], v = new double[n + 1];
        int[] p = new int[n + 1], way = new int[n + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            double[] minv = new double[n + 1];
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[n + 1];
            do {
                used[j0] = true;
                int i0 = p[j0], j1 = 0;
                double delta = Double.POSITIVE_INFINITY;
                for (int j = 1; j <= n; j++) {
                    if (used[j]) continue;
                    double cur = a[(i0 - 1) * n + j - 1] - u[i0] - v[j];
                    if (cur < minv[j]) { minv[j] = cur; way[j] = j0; }
                    if (minv[j] < delta) { delta = minv[j]; j1 = j; }
                }
                for (int j = 0; j <= n; j++) {
                    if (used[j]) { u[p[j]] += delta; v[j] -= delta; } else minv[j] -= delta;
                }
                j0 = j1;
            } while (p[j0] != 0);
            do { int j1 = way[j0]; p[j0] = p[j1]; j0 = j1; } while (j0 != 0);
        }
        double s = 0;
        for (int j = 1; j <= n; j++) s += a[(p[j] - 1) * n + j - 1];
        return s;
    }
}
