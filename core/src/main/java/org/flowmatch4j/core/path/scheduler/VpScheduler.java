package org.flowmatch4j.core.path.scheduler;

import org.flowmatch4j.core.util.Checks;

/**
 * Variance-preserving scheduler of score-based diffusion (Song et al. 2021) in flow-matching time
 * (t = 1 is data). With s = 1 - t and T(s) = ½ s² (βmax - βmin) + s βmin:
 * alpha_t = exp(-½ T), sigma_t = sqrt(1 - exp(-T)).
 * Defaults βmin = 0.1, βmax = 20.
 */
public record VpScheduler(double betaMin, double betaMax) implements Scheduler {
    public VpScheduler {
        Checks.require(betaMin >= 0 && betaMax > betaMin, "need 0 <= betaMin < betaMax, got %s, %s", betaMin, betaMax);
    }

    public VpScheduler() { this(0.1, 20.0); }

    @Override public SchedulerOutput at(double t) {
        double s = 1 - t;
        double bigT = 0.5 * s * s * (betaMax - betaMin) + s * betaMin;
        double dT = -s * (betaMax - betaMin) - betaMin;           // dT/dt
        double alpha = Math.exp(-0.5 * bigT);
        double e = Math.exp(-bigT);
        double sigma = Math.sqrt(1 - e);
        double dAlpha = -0.5 * dT * alpha;
        double dSigma = sigma == 0 ? Double.NEGATIVE_INFINITY : 0.5 * dT * e / sigma;
        return new SchedulerOutput(alpha, sigma, dAlpha, dSigma);
    }
}
