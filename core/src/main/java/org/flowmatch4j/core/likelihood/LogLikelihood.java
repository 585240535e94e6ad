package org.flowmatch4j.core.likelihood;

import java.util.function.UnaryOperator;
import org.flowmatch4j.core.solver.OdeResult;
import org.flowmatch4j.core.solver.OdeSolver;
import org.flowmatch4j.core.solver.StepListener;
import org.flowmatch4j.core.solver.TimeGrid;
import org.flowmatch4j.core.solver.VelocityField;
import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.core.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Exact log-likelihood of a continuous normalising flow by the instantaneous change of variables
 * (Chen et al. 2018): d/dt log p_t(x_t) = -div u_t(x_t). Integrating the augmented state (x, l) from t = 1 back to
 * t = 0 with dl/dt = div u_t(x_t), l(1) = 0, gives
 * <pre>   log p_1(x) = log p_0(x(0)) + l(0).</pre>
 * Hutchinson probes are drawn once per sample and held fixed along the trajectory (FFJORD).
 *
 * <pre>{@code
 * double[] logp = new LogLikelihood(OdeSolver.dopri5(1e-5, 1e-5), DivergenceEstimator.EXACT)
 *         .logProbability(field, x1, LogLikelihood::standardNormal, rng);
 * }</pre>
 */
public final class LogLikelihood {
    /** Log-density of the source distribution, per row of x. */
    @FunctionalInterface
    public interface SourceDensity {
        double[] logDensity(INDArray x);
    }

    private final OdeSolver solver;
    private final DivergenceEstimator estimator;
    private final TimeGrid grid;

    public LogLikelihood(OdeSolver solver, DivergenceEstimator estimator, TimeGrid grid) {
        this.solver = solver;
        this.estimator = estimator;
        Checks.require(grid.start() == 1 && grid.end() == 0, "likelihood grid must run from 1 to 0, got %s to %s",
                grid.start(), grid.end());
        this.grid = grid;
    }

    /** Integrates over the grid [1, 0] (adaptive solvers choose their own steps). */
    public LogLikelihood(OdeSolver solver, DivergenceEstimator estimator) {
        this(solver, estimator, new TimeGrid(new double[] {1, 0}));
    }

    /**
     * @param x1 points, shape [batch, dim]
     * @return log p_1 per row
     */
    public double[] logProbability(DivergenceField field, INDArray x1, SourceDensity source, Rng rng) {
        Checks.matrix("x1", x1, -1, -1);
        int n = (int) x1.size(0), d = (int) x1.size(1);
        INDArray probe = Divergence.probes(estimator, n, d, x1.dataType(), rng);
        VelocityField augmented = (state, t) -> {
            INDArray x = state.get(NDArrayIndex.all(), NDArrayIndex.interval(0, d)).dup();
            INDArray u = field.velocity(x, t);
            INDArray div = Divergence.of(field, x, t, probe, UnaryOperator.identity());
            return Nd4j.hstack(u, div.reshape(n, 1).castTo(u.dataType()));
        };
        INDArray start = Nd4j.hstack(x1, Nd4j.zeros(x1.dataType(), n, 1));
        OdeResult r = solver.solve(augmented, start, grid, StepListener.NONE);
        INDArray x0 = r.x().get(NDArrayIndex.all(), NDArrayIndex.interval(0, d)).dup();
        double[] lp0 = source.logDensity(x0);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = lp0[i] + r.x().getDouble(i, d);
        return out;
    }

    /** tr(∂u/∂x) from d vector-Jacobian products with the unit vectors, shape [batch]. */
    public static INDArray exactDivergence(DivergenceField field, INDArray x, double t) {
        return Divergence.of(field, x, t, null, UnaryOperator.identity());
    }

    /** log N(x; 0, I) per row. */
    public static double[] standardNormal(INDArray x) {
        int n = (int) x.size(0);
        double d = x.size(1);
        INDArray sq = x.mul(x).sum(1);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = -0.5 * sq.getDouble(i) - 0.5 * d * Math.log(2 * Math.PI);
        return out;
    }
}
