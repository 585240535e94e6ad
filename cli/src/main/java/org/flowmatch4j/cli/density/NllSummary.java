package org.flowmatch4j.cli.density;

import java.util.List;

/** Mean and sample standard deviation (n - 1) of per-seed test NLLs. */
public record NllSummary(double mean, double std, int n) {
    public static NllSummary of(List<Double> values) {
        double m = 0, v = 0;
        for (double x : values) m += x / values.size();
        for (double x : values) v += (x - m) * (x - m);
        return new NllSummary(m, values.size() > 1 ? Math.sqrt(v / (values.size() - 1)) : 0, values.size());
    }

    @Override public String toString() { return String.format("%.3f ± %.3f (%d seeds)", mean, std, n); }
}
