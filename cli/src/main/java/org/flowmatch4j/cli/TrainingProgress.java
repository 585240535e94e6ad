package org.flowmatch4j.cli;

import java.util.Locale;

/**
 * Progress of a training loop: the loss of every step as CSV ("step,loss") and, twenty times per run, a line on
 * stderr with the mean loss since the previous line and the elapsed seconds.
 */
public final class TrainingProgress {
    private final int steps, every;
    private final double[] window;
    private final long start = System.nanoTime();
    private final StringBuilder csv = new StringBuilder("step,loss\n");

    public TrainingProgress(int steps) {
        this.steps = steps;
        this.every = Math.max(1, steps / 20);
        this.window = new double[every];
    }

    public void step(int step, double loss) {
        csv.append(step).append(',').append((float) loss).append('\n');
        window[(step - 1) % every] = loss;
        if (step % every == 0)
            System.err.printf(Locale.ROOT, "step %d/%d  loss %.4f  %.0f s%n", step, steps, java.util.Arrays.stream(window).average().orElse(0), seconds());
    }

    public double seconds() { return (System.nanoTime() - start) / 1e9; }

    public String csv() { return csv.toString(); }
}
