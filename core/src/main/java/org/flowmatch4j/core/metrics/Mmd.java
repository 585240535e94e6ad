package org.flowmatch4j.core.metrics;

import org.flowmatch4j.core.coupling.SquaredEuclideanCost;
import org.flowmatch4j.core.util.Checks;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Unbiased squared maximum mean discrepancy with a sum of Gaussian kernels k(x, y) = Σ_σ exp(-||x - y||² / (2σ²)):
 * MMD² = mean_{i≠j} k(x_i, x_j) + mean_{i≠j} k(y_i, y_j) - 2 mean_{i,j} k(x_i, y_j).
 */
public final class Mmd {
    private Mmd() {}

    /** MMD² with bandwidths σ ∈ {0.1, 0.5, 1, 2, 5} (a common multi-scale choice for unit-scale data). */
    public static double mmd2(INDArray x, INDArray y) { return mmd2(x, y, new double[] {0.1, 0.5, 1, 2, 5}); }

    public static double mmd2(INDArray x, INDArray y, double[] bandwidths) {
        Checks.require(x.size(0) >= 2 && y.size(0) >= 2, "MMD needs at least 2 points per set");
        return mean(SquaredEuclideanCost.of(x, x), (int) x.size(0), true, bandwidths)
                + mean(SquaredEuclideanCost.of(y, y), (int) y.size(0), true, bandwidths)
                - 2 * mean(SquaredEuclideanCost.of(x, y), (int) y.size(0), false, bandwidths);
    }

    private static double mean(double[] d2, int cols, boolean dropDiagonal, double[] bw) {
        double s = 0;
        long count = 0;
        for (int k = 0; k < d2.length; k++) {
            if (dropDiagonal && k / cols == k % cols) continue;
            for (double b : bw) s += Math.exp(-d2[k] / (2 * b * b));
            count++;
        }
        return s / count;
    }
}
