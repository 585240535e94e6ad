package org.flowmatch4j.cli.sphere;

import org.flowmatch4j.core.likelihood.DivergenceEstimator;
import org.flowmatch4j.core.model.NetworkField;
import org.flowmatch4j.core.model.VelocityNetwork;
import org.flowmatch4j.core.solver.ButcherTableau;
import org.flowmatch4j.core.solver.StepListener;
import org.flowmatch4j.core.solver.TimeGrid;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.manifolds.Sphere;
import org.flowmatch4j.manifolds.likelihood.RiemannianLogLikelihood;
import org.flowmatch4j.manifolds.solver.RiemannianOdeSolver;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained flow on S²: log-likelihoods by the exact Riemannian divergence along the reversed flow (projected RK4,
 * uniform base density 1/(4π)), and samples by integrating from uniform noise.
 */
public final class SphereFlow {
    public static final Sphere S2 = new Sphere(2);
    private static final int CHUNK = 4096;

    private SphereFlow() {}

    /** log p(x) per row, in nats with respect to the area measure on the unit sphere. */
    public static double[] logLikelihood(VelocityNetwork net, INDArray x, int odeSteps) {
        RiemannianLogLikelihood ll = new RiemannianLogLikelihood(S2, ButcherTableau.RK4, odeSteps, DivergenceEstimator.EXACT);
        int n = (int) x.size(0);
        double[] out = new double[n];
        for (int from = 0; from < n; from += CHUNK) {
            int to = Math.min(n, from + CHUNK);
            INDArray part = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to)).castTo(DataType.FLOAT);
            double[] lp = ll.logProbability(NetworkField.of(net), part, new Rng(0));
            System.arraycopy(lp, 0, out, from, lp.length);
        }
        return out;
    }

    /** Mean negative log-likelihood over the rows of x. */
    public static double nll(VelocityNetwork net, INDArray x, int odeSteps) {
        double s = 0;
        for (double v : logLikelihood(net, x, odeSteps)) s -= v;
        return s / x.size(0);
    }

    /** n samples on S², shape [n, 3]. */
    public static INDArray sample(VelocityNetwork net, int n, int odeSteps, Rng rng) {
        INDArray x0 = S2.sampleBase(n, rng).castTo(DataType.FLOAT);
        return new RiemannianOdeSolver(S2, ButcherTableau.RK4).solve(NetworkField.of(net), x0,
                TimeGrid.uniform(0, 1, odeSteps), StepListener.NONE).x();
    }

}
