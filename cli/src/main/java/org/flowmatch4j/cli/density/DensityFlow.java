package org.flowmatch4j.cli.density;

import org.flowmatch4j.core.likelihood.DivergenceEstimator;
import org.flowmatch4j.core.model.NetworkField;
import org.flowmatch4j.core.model.VelocityNetwork;
import org.flowmatch4j.core.solver.ButcherTableau;
import org.flowmatch4j.core.solver.StepListener;
import org.flowmatch4j.core.solver.TimeGrid;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.manifolds.Manifold;
import org.flowmatch4j.manifolds.density.BaseDensity;
import org.flowmatch4j.manifolds.likelihood.RiemannianLogLikelihood;
import org.flowmatch4j.manifolds.solver.RiemannianOdeSolver;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A trained flow on a manifold: log-likelihoods by the exact Riemannian divergence along the reversed flow
 * (projected RK4, the base density at t = 0), and samples by integrating from base draws.
 */
public final class DensityFlow {
    private static final int CHUNK = 4096;

    private DensityFlow() {}

    /** log p(x) per row, in nats with respect to the manifold's Riemannian volume. */
    public static double[] logLikelihood(Manifold m, BaseDensity base, VelocityNetwork net, INDArray x, int odeSteps) {
        RiemannianLogLikelihood ll = new RiemannianLogLikelihood(m, ButcherTableau.RK4, odeSteps, DivergenceEstimator.EXACT);
        int n = (int) x.size(0);
        double[] out = new double[n];
        for (int from = 0; from < n; from += CHUNK) {
            int to = Math.min(n, from + CHUNK);
            INDArray part = x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).castTo(DataType.FLOAT);
            double[] lp = ll.logProbability(NetworkField.of(net), part, new Rng(0), base);
            System.arraycopy(lp, 0, out, from, lp.length);
        }
        return out;
    }

    /** Mean negative log-likelihood over the rows of x. */
    public static double nll(Manifold m, BaseDensity base, VelocityNetwork net, INDArray x, int odeSteps) {
        double s = 0;
        for (double v : logLikelihood(m, base, net, x, odeSteps)) s -= v;
        return s / x.size(0);
    }

    /** n samples, shape [n, D]. */
    public static INDArray sample(Manifold m, BaseDensity base, VelocityNetwork net, int n, int odeSteps, Rng rng) {
        INDArray x0 = base.sample(n, rng).castTo(DataType.FLOAT);
        return new RiemannianOdeSolver(m, ButcherTableau.RK4).solve(NetworkField.of(net), x0,
                TimeGrid.uniform(0, 1, odeSteps), StepListener.NONE).x();
    }
}
