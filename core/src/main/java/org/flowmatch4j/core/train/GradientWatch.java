package org.flowmatch4j.core.train;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * Gradient-explosion detection: a step whose global gradient norm exceeds {@code factor} × the median norm of the
 * previous {@code window} steps (once at least {@code window / 4} are known) is a spike. Spikes are reported with
 * step, norm, ratio and median — at most one report per {@code window} steps, so a diverging run says so without
 * flooding the log. Clipping hides explosions from the loss; this makes them visible. NaN/Inf is
 * {@link NonFiniteException}'s business, not this.
 */
public final class GradientWatch implements TrainingListener {
    /** Defaults: the last 200 steps, spikes at 20× their median. */
    public static final int WINDOW = 200;
    public static final double FACTOR = 20;

    private final double[] history;
    private final double factor;
    private final PrintStream out;
    private int seen, spikes, lastReport = Integer.MIN_VALUE / 2;

    public GradientWatch(PrintStream out) { this(out, WINDOW, FACTOR); }

    public GradientWatch(PrintStream out, int window, double factor) {
        if (window < 4 || factor <= 1) throw new IllegalArgumentException("need window >= 4 and factor > 1, got " + window + ", " + factor);
        this.history = new double[window];
        this.factor = factor;
        this.out = out;
    }

    /** Spikes seen so far. */
    public int spikes() { return spikes; }

    /** Records the norm of {@code step}; returns the report when it is a spike (printed if due), else null. */
    public String observe(int step, double norm) {
        String report = null;
        int known = Math.min(seen, history.length);
        if (Double.isFinite(norm) && known >= history.length / 4) {
            double[] h = Arrays.copyOf(history, known);
            Arrays.sort(h);
            double median = known % 2 == 1 ? h[known / 2] : 0.5 * (h[known / 2 - 1] + h[known / 2]);
            if (median > 0 && norm > factor * median) {
                spikes++;
                report = String.format(Locale.ROOT, "warning: gradient norm %.3g at step %d is %.0fx the median of the last %d steps (%.3g): "
                        + "training may be diverging; lower the learning rate or clip gradients", norm, step, norm / median, known, median);
                if (step - lastReport >= history.length) {
                    out.println(report);
                    lastReport = step;
                }
            }
        }
        if (Double.isFinite(norm)) history[seen++ % history.length] = norm;
        return report;
    }

    @Override public void onStep(StepInfo info) { observe(info.step(), info.gradNorm()); }
}
