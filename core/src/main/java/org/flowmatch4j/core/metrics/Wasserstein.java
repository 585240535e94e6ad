package org.flowmatch4j.core.metrics;

import org.flowmatch4j.core.coupling.LinearAssignment;
import org.flowmatch4j.core.coupling.SquaredEuclideanCost;
import org.flowmatch4j.core.util.Checks;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Exact 2-Wasserstein distance between two empirical measures of n points each with uniform weights:
 * W2 = sqrt( min_π (1/n) Σ_i ||x_i - y_π(i)||² ), the minimum taken over permutations (solved exactly). This is
 * the quantity TorchCFM reports (POT's emd2 on squared Euclidean costs, square-rooted).
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
}
