package org.flowmatch4j.core.path.scheduler;

/**
 * An affine probability-path scheduler (alpha_t, sigma_t) with alpha_0 = 0, sigma_0 = 1 (noise) and
 * alpha_1 = 1, sigma_1 = 0 (data), as in Lipman et al., "Flow Matching Guide and Code" (2024), section 4.8.
 *
 * <pre>{@code
 * Scheduler s = new CondOtScheduler();
 * SchedulerOutput o = s.at(0.3);   // alpha 0.3, sigma 0.7, dAlpha 1, dSigma -1
 * }</pre>
 */
public interface Scheduler {
    /** alpha_t, sigma_t and their derivatives at t in [0, 1]. */
    SchedulerOutput at(double t);
}
