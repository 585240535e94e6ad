package org.flowmatch4j.core.solver;

import org.flowmatch4j.core.util.Checks;

/**
 * Strictly monotone time points t_0, ..., t_K (increasing for sampling, decreasing for likelihood). Fixed-step
 * solvers take one step per interval; adaptive solvers stop exactly at every point.
 */
public record TimeGrid(double[] points) {
    public TimeGrid {
        Checks.require(points.length >= 2, "a time grid needs at least 2 points, got %d", points.length);
        double dir = Math.signum(points[1] - points[0]);
        Checks.require(dir != 0, "time grid points must differ, got t0 = t1 = %s", points[0]);
        for (int i = 1; i < points.length; i++) {
            Checks.require(Double.isFinite(points[i]) && Math.signum(points[i] - points[i - 1]) == dir,
                    "time grid must be strictly monotone, broken at index %d (%s after %s)", i, points[i], points[i - 1]);
        }
        points = points.clone();
    }

    /** {@code steps} equal steps from t0 to t1. */
    public static TimeGrid uniform(double t0, double t1, int steps) {
        Checks.positive("steps", steps);
        double[] p = new double[steps + 1];
        for (int i = 0; i <= steps; i++) p[i] = t0 + (t1 - t0) * i / steps;
        p[steps] = t1;
        return new TimeGrid(p);
    }

    public double start() { return points[0]; }

    public double end() { return points[points.length - 1]; }

    public int intervals() { return points.length - 1; }

    @Override public double[] points() { return points.clone(); }

    double at(int i) { return points[i]; }
}
