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

    /** Computed row by row in plain Java (one pass, no per-op dispatch: 0.05 ms instead of 0.6 ms at [256, 2]). */
    @Override public PathSample sample(INDArray x0, INDArray x1, INDArray t) {
        Checks.sameShape("x0", x0, "x1", x1);
        Checks.matrix("x0", x0, -1, -1);
        int b = (int) x0.size(0), d = (int) x0.size(1);
        Checks.require(t.length() == b, "t must have shape [batch=%d], got length %d", b, t.length());
        double[] times = t.toDoubleVector();
        double[] a0 = x0.dup('c').data().asDouble(), a1 = x1.dup('c').data().asDouble();
        double[] xt = new double[b * d], dxt = new double[b * d];
        for (int i = 0; i < b; i++) {
            double ti = times[i];
            Checks.require(ti >= 0 && ti <= 1, "t[%d] must be in [0, 1], got %s", i, ti);
            SchedulerOutput o = scheduler.at(ti);
            for (int k = i * d; k < (i + 1) * d; k++) {
                xt[k] = o.alpha() * a1[k] + o.sigma() * a0[k];
                dxt[k] = o.dAlpha() * a1[k] + o.dSigma() * a0[k];
            }
        }
        return new PathSample(x0, x1, t, matrix(xt, b, d, x0), matrix(dxt, b, d, x0));
    }

    private static INDArray matrix(double[] v, int rows, int cols, INDArray like) {
        return Nd4j.createFromArray(v).castTo(like.dataType()).reshape(rows, cols);
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
