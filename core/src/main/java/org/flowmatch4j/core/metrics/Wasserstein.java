package org.flowmatch4j.core.metrics;

import org.flowmatch4j.core.coupling.LinearAssignment;
import org.flowmatch4j.core.coupling.SquaredEuclideanCost;
import org.flowmatch4j.core.util.Checks;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Exact 2-Wasserstein distance between two empirical measures of n points each with uniform weights:
 * W2 = sqrt( min_π (1/n) Σ_i ||x_i - y_π(i)||² ), the minimum taken over permutations (solved exactly). This is
 * the quantity TorchCFM reports (POT's emd2 on squared Euclidean costs, square-rooted). And the exact 1-Wasserstein
 * distance between two one-dimensional samples of any sizes, W1 = ∫ |F_a(x) − F_b(x)| dx over their empirical CDFs
 * (scipy's {@code wasserstein_distance}, which CDVAE and FlowMM use for density and number of elements).
 */
public final class Wasserstein {
    private Wasserstein() {}

    /** @param x shape [n, d]; @param y shape [n, d] */
    public static double w2(INDArray x, INDArray y) {
        Checks.require(x.size(0) == y.size(0), "W2 needs equally many points, got %d and %d", x.size(0), y.size(0));
        int n = (int) x.size(0);
        double[] c = SquaredEuclideanCost.of(x, y);
        int[] a = LinearAssignment.solve(c, n, n);
        return Math.sqrt(LinearAssignment.totalCost(c, n, a) / n);
    }

    /** W1 of two one-dimensional samples (equal weights within each), in O((m + n) log(m + n)). */
    public static double w1(double[] a, double[] b) {
        Checks.require(a.length > 0 && b.length > 0, "W1 needs two non-empty samples, got %d and %d values", a.length, b.length);
        for (double v : a) Checks.require(Double.isFinite(v), "W1 needs finite values, got %s", v);
        for (double v : b) Checks.require(Double.isFinite(v), "W1 needs finite values, got %s", v);
        double[] x = a.clone(), y = b.clone();
        java.util.Arrays.sort(x);
        java.util.Arrays.sort(y);
        int i = 0, j = 0;
        double total = 0, prev = Math.min(x[0], y[0]);
        while (i < x.length || j < y.length) {
            double next = j >= y.length || i < x.length && x[i] <= y[j] ? x[i] : y[j];
            total += Math.abs(i / (double) x.length - j / (double) y.length) * (next - prev);
            prev = next;
            while (i < x.length && x[i] == next) i++;
            while (j < y.length && y[j] == next) j++;
        }
        return total;
    }
}
