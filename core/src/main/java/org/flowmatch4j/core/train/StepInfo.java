package org.flowmatch4j.core.train;

/**
 * What happened in one optimisation step.
 *
 * @param step         1-based step just completed
 * @param totalSteps   planned steps
 * @param loss         minibatch loss before the update
 * @param gradNorm     global gradient norm before clipping
 * @param learningRate learning rate used
 * @param elapsedSeconds wall time since this training call started
 * @param phases       wall time of this step's phases, for profiling
 */
public record StepInfo(int step, int totalSteps, double loss, double gradNorm, double learningRate,
                       double elapsedSeconds, Phases phases) {
    /** Nanoseconds spent in each phase of one step. */
    public record Phases(long data, long coupling, long path, long forward, long loss, long backward, long optimizer) {
        /** Phase names in the order of {@link #nanos()}. */
        public static final String[] NAMES = {"data", "coupling", "path", "forward", "loss", "backward", "optimizer"};

        public long[] nanos() { return new long[] {data, coupling, path, forward, loss, backward, optimizer}; }
    }
}
