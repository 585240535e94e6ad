package org.flowmatch4j.core.path.scheduler;

/** Conditional optimal transport: alpha_t = t, sigma_t = 1 - t (straight lines from noise to data). */
public record CondOtScheduler() implements Scheduler {
    @Override public SchedulerOutput at(double t) { return new SchedulerOutput(t, 1 - t, 1, -1); }
}
