package org.flowmatch4j.core.path;

import org.flowmatch4j.core.path.scheduler.Scheduler;
import org.flowmatch4j.core.path.scheduler.SchedulerOutput;
import org.flowmatch4j.core.util.Checks;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Affine conditional path x_t = alpha_t x1 + sigma_t x0 with velocity dx_t = dAlpha_t x1 + dSigma_t x0.
 *
 * <p>Besides sampling, it converts between the three usual parameterisations of a model output at (x_t, t):
 * velocity u, target prediction x1 and noise prediction x0 (= epsilon for a Gaussian source). With
 * D = sigma·dAlpha - alpha·dSigma:
 * <ul>
 *   <li>x1 = (x_t - sigma x0) / alpha,  x0 = (x_t - alpha x1) / sigma,</li>
 *   <li>u = dAlpha x1 + dSigma x0,</li>
 *   <li>x1 = (sigma u - dSigma x_t) / D,  x0 = (dAlpha x_t - alpha u) / D.</li>
 * </ul>
 */
public final class AffineProbPath implements ProbPath {
    private final Scheduler scheduler;

    public AffineProbPath(Scheduler scheduler) { this.scheduler = scheduler; }

    public Scheduler scheduler() { return scheduler; }

    @Override public PathSample sample(INDArray x0, INDArray x1, INDArray t) {
        Checks.sameShape("x0", x0, "x1", x1);
        Checks.matrix("x0", x0, -1, -1);
        long b = x0.size(0);
        Checks.require(t.length() == b, "t must have shape [batch=%d], got length %d", b, t.length());
        double[] a = new double[(int) b], s = new double[(int) b], da = new double[(int) b], ds = new double[(int) b];
        double[] times = t.toDoubleVector();
        for (int i = 0; i < b; i++) {
            double ti = times[i];
            Checks.require(ti >= 0 && ti <= 1, "t[%d] must be in [0, 1], got %s", i, ti);
            SchedulerOutput o = scheduler.at(ti);
            a[i] = o.alpha(); s[i] = o.sigma(); da[i] = o.dAlpha(); ds[i] = o.dSigma();
        }
        INDArray xt = x1.mulColumnVector(column(a, x1)).addi(x0.mulColumnVector(column(s, x1)));
        INDArray dxt = x1.mulColumnVector(column(da, x1)).addi(x0.mulColumnVector(column(ds, x1)));
        return new PathSample(x0, x1, t, xt, dxt);
    }

    private static INDArray column(double[] v, INDArray like) {
        return Nd4j.createFromArray(v).reshape(v.length, 1).castTo(like.dataType());
    }

    /** Target prediction from a velocity at (x_t, t). */
    public INDArray velocityToTarget(INDArray u, INDArray xt, double t) {
        SchedulerOutput o = scheduler.at(t);
        double d = o.sigma() * o.dAlpha() - o.alpha() * o.dSigma();
        return u.mul(o.sigma() / d).subi(xt.mul(o.dSigma() / d));
    }

    /** Velocity from a target prediction at (x_t, t); needs sigma_t > 0. */
    public INDArray targetToVelocity(INDArray x1, INDArray xt, double t) {
        SchedulerOutput o = scheduler.at(t);
        INDArray x0 = xt.sub(x1.mul(o.alpha())).divi(o.sigma());
        return x1.mul(o.dAlpha()).addi(x0.muli(o.dSigma()));
    }

    /** Noise (x0 / epsilon) prediction from a velocity at (x_t, t). */
    public INDArray velocityToEpsilon(INDArray u, INDArray xt, double t) {
        SchedulerOutput o = scheduler.at(t);
        double d = o.sigma() * o.dAlpha() - o.alpha() * o.dSigma();
        return xt.mul(o.dAlpha() / d).subi(u.mul(o.alpha() / d));
    }

    /** Velocity from a noise (x0 / epsilon) prediction at (x_t, t); needs alpha_t > 0. */
    public INDArray epsilonToVelocity(INDArray x0, INDArray xt, double t) {
        SchedulerOutput o = scheduler.at(t);
        INDArray x1 = xt.sub(x0.mul(o.sigma())).divi(o.alpha());
        return x1.muli(o.dAlpha()).addi(x0.mul(o.dSigma()));
    }
}
