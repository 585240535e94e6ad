package org.flowmatch4j.manifolds.density;

import java.util.function.DoubleFunction;
import org.flowmatch4j.core.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A kernel density on a manifold with one concentration κ (angular bandwidth about 1/√κ) around N centres, usable as
 * a flow's base with a data-dependent coupling: {@link #perturb} draws x_0 from the kernel around each given
 * centre, and the flow is trained to carry x_0 back to that centre.
 */
public interface KernelDensity extends BaseDensity {
    /** The concentration κ. */
    double kappa();

    /** The number of centres N. */
    int centres();

    /** One kernel draw around each row of {@code around} (points on the manifold); float result. */
    INDArray perturb(INDArray around, Rng rng);

    /**
     * log((1 − ε) e^logKernel + ε e^logUniform): a kernel log-density mixed with a uniform share ε of log-density
     * logUniform (ε = 0 returns logKernel).
     */
    static double withUniformShare(double logKernel, double share, double logUniform) {
        if (share == 0) return logKernel;
        double a = Math.log1p(-share) + logKernel, b = Math.log(share) + logUniform, hi = Math.max(a, b);
        return hi + Math.log(Math.exp(a - hi) + Math.exp(b - hi));
    }

    /**
     * The concentration on the grid κ = 10^(k/8), k = 0 … 56 (bandwidths from 1 rad to about 0.02°) that maximises
     * the summed log-density of {@code val} under {@code make.apply(κ)}.
     */
    static double fitKappa(DoubleFunction<? extends BaseDensity> make, INDArray val) {
        double best = Double.NaN, bestLl = Double.NEGATIVE_INFINITY;
        for (int k = 0; k <= 56; k++) {
            double kappa = Math.pow(10, k / 8.0), ll = 0;
            for (double v : make.apply(kappa).logDensity(val)) ll += v;
            if (ll > bestLl) {
                bestLl = ll;
                best = kappa;
            }
        }
        return best;
    }
}
