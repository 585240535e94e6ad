package org.flowmatch4j.core.train;

import org.flowmatch4j.core.util.Checks;

/**
 * Learning-rate multiplier per step: linear warm-up over {@code warmupSteps} (step+1)/warmup, then either constant 1
 * or a cosine decay to {@code minFraction}: m + (1 - m)·½(1 + cos(π p)), p the fraction of post-warm-up steps done.
 */
public record LrSchedule(Kind kind, int warmupSteps, double minFraction) {
    /** Shape after warm-up. */
    public enum Kind { CONSTANT, COSINE }

    public LrSchedule {
        Checks.require(warmupSteps >= 0, "warmupSteps must be >= 0, got %d", warmupSteps);
        Checks.inRange("minFraction", minFraction, 0, 1);
    }

    public static LrSchedule constant() { return new LrSchedule(Kind.CONSTANT, 0, 1); }

    public static LrSchedule warmupCosine(int warmupSteps, double minFraction) {
        return new LrSchedule(Kind.COSINE, warmupSteps, minFraction);
    }

    /** Multiplier of the peak learning rate at 0-based {@code step} of {@code totalSteps}. */
    public double factor(int step, int totalSteps) {
        if (step < warmupSteps) return (step + 1.0) / warmupSteps;
        return switch (kind) {
            case CONSTANT -> 1.0;
            case COSINE -> {
                double span = Math.max(1, totalSteps - warmupSteps);
                double p = Math.min(1, (step - warmupSteps) / span);
                yield minFraction + (1 - minFraction) * 0.5 * (1 + Math.cos(Math.PI * p));
            }
        };
    }
}
