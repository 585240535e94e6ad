package org.flowmatch4j.core.path.scheduler;

/** Cosine scheduler: alpha_t = sin(pi t / 2), sigma_t = cos(pi t / 2) (variance preserving, alpha² + sigma² = 1). */
public record CosineScheduler() implements Scheduler {
    @Override public SchedulerOutput at(double t) {
        double h = Math.PI / 2;
        return new SchedulerOutput(Math.sin(h * t), Math.cos(h * t), h * Math.cos(h * t), -h * Math.sin(h * t));
    }
}
