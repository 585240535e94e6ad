package org.flowmatch4j.core.path.scheduler;

/**
 * Values of an affine scheduler at one time: x_t = alpha·x1 + sigma·x0 and its time derivative
 * dx_t/dt = dAlpha·x1 + dSigma·x0.
 */
public record SchedulerOutput(double alpha, double sigma, double dAlpha, double dSigma) {
    /** Signal-to-noise ratio alpha/sigma. */
    public double snr() { return alpha / sigma; }
}
