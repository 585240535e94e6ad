package org.flowmatch4j.sequences.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flowmatch4j.core.util.Checks;

/**
 * k-mer spectra and their Jensen–Shannon divergence: the frequencies of all overlapping k-mers in a set of sequences,
 * and JS(P ‖ Q) = ½ KL(P ‖ M) + ½ KL(Q ‖ M), M = (P + Q)/2, in nats (0 for equal spectra, at most ln 2). The
 * sequence-design papers compare generated and held-out sets this way for k = 1 … 6.
 */
public final class KmerSpectrum {
    private KmerSpectrum() {}

    /** Relative frequencies of the k-mers of all sequences. */
    public static Map<String, Double> of(List<String> sequences, int k) {
        Checks.require(k >= 1, "k must be >= 1, got %d", k);
        Map<String, Double> counts = new HashMap<>();
        long total = 0;
        for (String s : sequences) {
            for (int i = 0; i + k <= s.length(); i++) {
                counts.merge(s.substring(i, i + k), 1.0, Double::sum);
                total++;
            }
        }
        Checks.require(total > 0, "no sequence is at least %d long", k);
        final double n = total;
        counts.replaceAll((key, c) -> c / n);
        return counts;
    }

    /** Jensen–Shannon divergence (nats) of two frequency maps. */
    public static double jensenShannon(Map<String, Double> p, Map<String, Double> q) {
        double js = 0;
        java.util.Set<String> keys = new java.util.HashSet<>(p.keySet());
        keys.addAll(q.keySet());
        for (String key : keys) {
            double a = p.getOrDefault(key, 0.0), b = q.getOrDefault(key, 0.0), m = (a + b) / 2;
            if (a > 0) js += 0.5 * a * Math.log(a / m);
            if (b > 0) js += 0.5 * b * Math.log(b / m);
        }
        return js;
    }

    /** JS divergence of the k-mer spectra of two sets. */
    public static double jensenShannon(List<String> a, List<String> b, int k) {
        return jensenShannon(of(a, k), of(b, k));
    }
}
