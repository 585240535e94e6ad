package org.flowmatch4j.manifolds.path;

import org.flowmatch4j.core.path.PathSample;
import org.flowmatch4j.core.path.ProbPath;
import org.flowmatch4j.core.path.scheduler.Scheduler;
import org.flowmatch4j.core.path.scheduler.SchedulerOutput;
import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.core.util.Columns;
import org.flowmatch4j.manifolds.Manifold;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The geodesic conditional path of Riemannian flow matching (Chen &amp; Lipman 2024):
 * x_t = exp_{x0}(κ_t log_{x0}(x1)) with κ_t = alpha_t of the scheduler (κ_0 = 0, κ_1 = 1), which moves along the
 * minimising geodesic at fraction κ_t of the distance. Its conditional velocity, in closed form, points at x1:
 * u_t = κ'_t / (1 - κ_t) · log_{x_t}(x1) (for κ_t &lt; 1; at κ_t = 1 the limit κ'_t · log_{x0}(x1) transported to x1
 * is not needed since t is drawn from [0, 1)).
 */
public final class GeodesicProbPath implements ProbPath {
    private final Scheduler scheduler;
    private final Manifold manifold;

    public GeodesicProbPath(Scheduler scheduler, Manifold manifold) {
        this.scheduler = scheduler;
        this.manifold = manifold;
    }

    public Manifold manifold() { return manifold; }

    @Override public PathSample sample(INDArray x0, INDArray x1, INDArray t) {
        Checks.sameShape("x0", x0, "x1", x1);
        int b = (int) x0.size(0);
        Checks.require(t.length() == b, "t must have shape [batch=%d], got length %d", b, t.length());
        double[] times = t.toDoubleVector(), kappa = new double[b], rate = new double[b];
        for (int i = 0; i < b; i++) {
            Checks.require(times[i] >= 0 && times[i] < 1, "t[%d] must be in [0, 1), got %s", i, times[i]);
            SchedulerOutput o = scheduler.at(times[i]);
            kappa[i] = o.alpha();
            rate[i] = o.dAlpha() / (1 - o.alpha());
        }
        INDArray log = manifold.logMap(x0, x1);
        INDArray xt = manifold.expMap(x0, log.mulColumnVector(Columns.of(kappa, x0)));
        INDArray ut = manifold.logMap(xt, x1).muliColumnVector(Columns.of(rate, x0));
        return new PathSample(x0, x1, t, xt, ut);
    }
}
