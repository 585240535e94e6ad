package org.flowmatch4j.core.train;

import java.io.PrintStream;

/**
 * Training progress on a terminal: one updating line with step, loss, speed and ETA; when the stream is not a
 * terminal (logs, CI) a plain line every 10 %.
 */
public final class ProgressBar implements TrainingListener {
    private final PrintStream out;
    private final boolean terminal;
    private long lastDraw;
    private int lastDecile = -1;
    private double smoothLoss = Double.NaN;

    public ProgressBar(PrintStream out) { this(out, System.console() != null); }

    public ProgressBar(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override public void onStep(StepInfo s) {
        smoothLoss = Double.isNaN(smoothLoss) ? s.loss() : 0.98 * smoothLoss + 0.02 * s.loss();
        double rate = s.step() / Math.max(1e-9, s.elapsedSeconds());
        double eta = (s.totalSteps() - s.step()) / Math.max(1e-9, rate);
        if (terminal) {
            long now = System.nanoTime();
            if (now - lastDraw < 100_000_000L && s.step() != s.totalSteps()) return;
            lastDraw = now;
            int width = 30, filled = (int) ((long) width * s.step() / s.totalSteps());
            out.printf("\r[%s%s] %d/%d loss %.4f  %.0f it/s  eta %s ", "#".repeat(filled), ".".repeat(width - filled),
                    s.step(), s.totalSteps(), smoothLoss, rate, format(eta));
            if (s.step() == s.totalSteps()) out.println();
        } else {
            int decile = (int) (10L * s.step() / s.totalSteps());
            if (decile == lastDecile) return;
            lastDecile = decile;
            out.printf("step %d/%d  loss %.4f  %.0f it/s  eta %s%n", s.step(), s.totalSteps(), smoothLoss, rate,
                    format(eta));
        }
        out.flush();
    }

    private static String format(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60) : String.format("%dm%02ds", s / 60, s % 60);
    }
}
