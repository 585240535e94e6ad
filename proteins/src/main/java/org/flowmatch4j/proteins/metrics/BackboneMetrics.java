package org.flowmatch4j.proteins.metrics;

import org.flowmatch4j.proteins.geometry.Vec3;
import org.flowmatch4j.proteins.io.Backbone;

/**
 * Geometry checks of one backbone, as FrameFlow and its successors report them: consecutive Cα–Cα distances
 * against the ideal 3.8 Å (mean absolute deviation, the fraction within 3.8 ± 0.1 Å, and FrameFlow's one-sided
 * {@code ca_ca_valid_percent}, the fraction shorter than 3.9 Å), clashes as FrameFlow
 * counts them (Cα pairs closer than 1.0 Å), a strict clash count (Cα pairs with |i - j| ≥ 3 closer than 3.0 Å),
 * and the radius of gyration of the Cα atoms, Rg = sqrt(mean |x_i - x̄|²).
 *
 * @param caCaDeviation mean |d(Cα_i, Cα_i+1) - 3.8| over bonded neighbours, Å
 * @param caCaValid     fraction of those within 0.1 Å of 3.8 Å
 * @param caCaValidFrameFlow fraction of those shorter than 3.9 Å (how FrameFlow's evaluation counts them)
 * @param clashes       Cα pairs (i &lt; j) closer than 1.0 Å
 * @param strictClashes Cα pairs with j - i ≥ 3 closer than 3.0 Å
 * @param radiusOfGyration Rg of the Cα atoms, Å
 */
public record BackboneMetrics(int length, double caCaDeviation, double caCaValid, double caCaValidFrameFlow, int clashes, int strictClashes,
                              double radiusOfGyration) {
    public static final double IDEAL_CA_CA = 3.8;

    public static BackboneMetrics of(Backbone b) {
        double[][] ca = b.ca();
        int n = ca.length, pairs = 0, valid = 0, shortEnough = 0, clashes = 0, strict = 0;
        double dev = 0;
        for (int i = 0; i + 1 < n; i++) {
            if (!b.bonded(i)) continue;
            double bond = Vec3.dist(ca[i], ca[i + 1]), d = Math.abs(bond - IDEAL_CA_CA);
            dev += d;
            pairs++;
            if (d <= 0.1) valid++;
            if (bond < IDEAL_CA_CA + 0.1) shortEnough++;
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double d = Vec3.dist(ca[i], ca[j]);
                if (d < 1.0) clashes++;
                if (j - i >= 3 && d < 3.0) strict++;
            }
        }
        double[] mean = new double[3];
        for (double[] p : ca) for (int k = 0; k < 3; k++) mean[k] += p[k] / n;
        double rg = 0;
        for (double[] p : ca) rg += Vec3.dot(Vec3.sub(p, mean), Vec3.sub(p, mean)) / n;
        return new BackboneMetrics(n, pairs == 0 ? Double.NaN : dev / pairs, pairs == 0 ? Double.NaN : (double) valid / pairs,
                pairs == 0 ? Double.NaN : (double) shortEnough / pairs, clashes, strict, Math.sqrt(rg));
    }
}
