package org.flowmatch4j.core.coupling;

import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.core.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Entropic optimal transport (Sinkhorn–Knopp): the plan π = diag(a) K diag(b) with K = exp(-C/ε) whose marginals are
 * uniform, minimising ⟨π, C⟩ - ε H(π). To be scale-free, ε is given relative to the mean cost:
 * ε = epsilon · mean(C). Each source row then draws its target from its row of the plan, π_ij / Σ_j π_ij, so every
 * x0 is used once and its label (if any) follows the chosen x1.
 *
 * @param epsilon  entropic regularisation relative to the mean squared distance (small: close to exact OT)
 * @param maxIters iteration cap
 * @param tol      stop when the column-marginal L1 error is below tol
 */
public record SinkhornCoupling(double epsilon, int maxIters, double tol) implements Coupling {
    public SinkhornCoupling {
        Checks.positive("epsilon", epsilon);
        Checks.positive("maxIters", maxIters);
        Checks.positive("tol", tol);
    }

    public SinkhornCoupling(double epsilon) { this(epsilon, 2000, 1e-6); }

    @Override public Pairing pair(INDArray x0, INDArray x1, Rng rng) {
        int n = (int) x0.size(0), m = (int) x1.size(0);
        double[] plan = plan(SquaredEuclideanCost.of(x0, x1), n, m);
        int[] src = new int[n], dst = new int[n];
        for (int i = 0; i < n; i++) {
            src[i] = i;
            double rowSum = 0;
            for (int j = 0; j < m; j++) rowSum += plan[i * m + j];
            double r = rng.uniform() * rowSum, acc = 0;
            int pick = m - 1;
            for (int j = 0; j < m; j++) {
                acc += plan[i * m + j];
                if (acc > r) { pick = j; break; }
            }
            dst[i] = pick;
        }
        return new Pairing(src, dst);
    }

    /** The Sinkhorn plan for uniform marginals 1/n, 1/m, row-major [n, m]. */
    public double[] plan(double[] cost, int n, int m) {
        double mean = 0;
        for (double c : cost) mean += c;
        mean /= cost.length;
        double eps = epsilon * (mean > 0 ? mean : 1);
        double[] k = new double[cost.length];
        for (int i = 0; i < cost.length; i++) k[i] = Math.exp(-cost[i] / eps);
        double[] a = new double[n], b = new double[m];
        java.util.Arrays.fill(b, 1.0);
        double[] kb = new double[n], kta = new double[m];
        for (int it = 0; it < maxIters; it++) {
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < m; j++) s += k[i * m + j] * b[j];
                if (!(s > 0)) {
                    throw new ArithmeticException(String.format(
                            "Sinkhorn kernel underflow for row %d: epsilon=%s is too small for these costs; use a larger epsilon",
                            i, epsilon));
                }
                a[i] = (1.0 / n) / s;
            }
            java.util.Arrays.fill(kta, 0);
            for (int i = 0; i < n; i++) {
                double ai = a[i];
                for (int j = 0; j < m; j++) kta[j] += k[i * m + j] * ai;
            }
            double err = 0;
            for (int j = 0; j < m; j++) {
                err += Math.abs(kta[j] * b[j] - 1.0 / m);
                b[j] = (1.0 / m) / kta[j];
            }
            if (err < tol) break;
        }
        for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) k[i * m + j] *= a[i] * b[j];
        return k;
    }
}
