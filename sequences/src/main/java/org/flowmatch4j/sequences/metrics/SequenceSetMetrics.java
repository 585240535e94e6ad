package org.flowmatch4j.sequences.metrics;

import java.util.HashSet;
import java.util.List;

/**
 * Diversity and novelty of generated sequences: uniqueness (distinct / all), and novelty as the mean over generated
 * sequences of the smallest edit (Levenshtein) distance to any training sequence, with the fraction that copy a
 * training sequence exactly; for equal lengths the edit distance is bounded by, and usually equals, Hamming's.
 */
public final class SequenceSetMetrics {
    private SequenceSetMetrics() {}

    public static double uniqueness(List<String> sequences) {
        return sequences.isEmpty() ? 0 : new HashSet<>(sequences).size() / (double) sequences.size();
    }

    /** Novelty summary: mean minimal edit distance to the training set, and the fraction at distance 0. */
    public record Novelty(double meanMinDistance, double copiedFraction) {}

    public static Novelty novelty(List<String> generated, List<String> training) {
        HashSet<String> exact = new HashSet<>(training);
        double sum = 0;
        int copied = 0;
        for (String g : generated) {
            if (exact.contains(g)) {
                copied++;
                continue;
            }
            int best = Integer.MAX_VALUE;
            for (String t : training) {
                if (Math.abs(t.length() - g.length()) >= best) continue;
                best = Math.min(best, editDistance(g, t, best));
            }
            sum += best;
        }
        return new Novelty(generated.isEmpty() ? 0 : sum / generated.size(), generated.isEmpty() ? 0 : copied / (double) generated.size());
    }

    /** Levenshtein distance, abandoning (returning ≥ bound) once every cell of a row reaches {@code bound}. */
    public static int editDistance(String a, String b, int bound) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin >= bound) return bound;
            int[] tmp = prev;
            prev = cur;
            cur = tmp;
        }
        return prev[b.length()];
    }

    /** Mean over positions of JS divergence (nats) between per-position letter frequencies of two equal-length sets. */
    public static double positionalJensenShannon(List<String> a, List<String> b) {
        int length = a.get(0).length();
        double total = 0;
        for (int i = 0; i < length; i++) {
            java.util.Map<String, Double> p = new java.util.HashMap<>(), q = new java.util.HashMap<>();
            for (String s : a) p.merge(String.valueOf(s.charAt(i)), 1.0 / a.size(), Double::sum);
            for (String s : b) q.merge(String.valueOf(s.charAt(i)), 1.0 / b.size(), Double::sum);
            total += KmerSpectrum.jensenShannon(p, q);
        }
        return total / length;
    }
}
