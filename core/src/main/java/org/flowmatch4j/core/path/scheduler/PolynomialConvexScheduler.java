package org.flowmatch4j.core.path.scheduler;

import org.flowmatch4j.core.util.Checks;

/** Polynomial convex scheduler: alpha_t = t^n, sigma_t = 1 - t^n, n > 0. */
public record PolynomialConvexScheduler(double n) implements Scheduler {
    public PolynomialConvexScheduler { Checks.positive("n", n); }

    @Override public SchedulerOutput at(double t) {
        double a = Math.pow(t, n);
        double d = t == 0 ? (n < 1 ? Double.POSITIVE_INFINITY : n == 1 ? 1 : 0) : n * Math.pow(t, n - 1);
        return new SchedulerOutput(a, 1 - a, d, -d);
    }
}
