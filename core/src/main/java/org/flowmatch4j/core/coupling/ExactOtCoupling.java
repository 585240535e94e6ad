package org.flowmatch4j.core.coupling;

import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.core.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Exact minibatch optimal transport with squared-Euclidean cost. For two minibatches of equal size with uniform
 * weights the optimal plan is a permutation (Birkhoff), found exactly by {@link LinearAssignment}; every source row is
 * used once and every target row once. From 400 points the assignment is searched among near neighbours of the
 * sources moved onto the targets' mean and spread, then certified optimal on the full cost matrix
 * ({@link SparseAssignment}); the dense solver is the fallback.
 */
public record ExactOtCoupling() implements Coupling {
    @Override public Pairing pair(INDArray x0, INDArray x1, Rng rng) {
        int n = (int) x0.size(0);
        Checks.require(x1.size(0) == n, "x0 and x1 must have the same number of rows, got %d and %d", n, x1.size(0));
        double[] cost = SquaredEuclideanCost.of(x0, x1);
        int[] col = null;
        if (n >= LinearAssignment.SPARSE_FROM) {
            double[][] a = x0.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
            double[][] b = x1.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
            col = SparseAssignment.solve(cost, n, SparseAssignment.cloudCandidates(a, b, LinearAssignment.SPARSE_NEIGHBOURS));
        }
        if (col == null) col = LinearAssignment.solve(cost, n, n);
        int[] src = new int[n];
        for (int i = 0; i < n; i++) src[i] = i;
        return new Pairing(src, col);
    }
}
