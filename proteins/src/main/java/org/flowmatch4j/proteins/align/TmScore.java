package org.flowmatch4j.proteins.align;

/**
 * TM-score of a fixed residue correspondence (Zhang &amp; Skolnick 2004): TM = max over superpositions of
 * (1/L) Σ_k 1/(1 + d_k²/d0²), d0(L) = 1.24 (L - 15)^(1/3) - 1.8 (0.5 for L ≤ 21), searched as the TM-score program
 * does: superpose fragments of the aligned pairs (lengths n, n/2, …, 4), then repeatedly re-superpose on the pairs
 * closer than d0_search ± 1 Å (d0_search = d0 clamped to [4.5, 8]) until the set stops changing.
 */
public final class TmScore {
    /** Best score and its superposition. */
    public record Result(double score, Superposition superposition) {}

    private TmScore() {}

    public static double d0(int length) {
        return length > 21 ? Math.max(0.5, 1.24 * Math.cbrt(length - 15.0) - 1.8) : 0.5;
    }

    static double d0Search(double d0) { return Math.min(8.0, Math.max(4.5, d0)); }

    /**
     * @param x      aligned points of the first structure [n][3]
     * @param y      their partners in the second [n][3]
     * @param norm   the length L the score is normalised by (and d0 computed from)
     * @param cutoff pairs farther than this after superposition score 0 (TM-align's d8 during its search; use
     *               infinity for the plain TM-score)
     * @param step   stride of fragment start positions (1: exhaustive; TM-align uses coarser strides while aligning)
     */
    public static Result search(double[][] x, double[][] y, int norm, double cutoff, int step) {
        int n = x.length;
        double d0 = d0(norm), dSearch = d0Search(d0);
        int[] all = new int[n], sel = new int[n], next = new int[n];
        for (int k = 0; k < n; k++) all[k] = k;
        Result best = new Result(-1, null);
        if (n < 3) {
            if (n == 0) return new Result(0, null);
            Superposition s = Superposition.fit(x, y, all, n);
            return new Result(score(s, x, y, d0, cutoff) / norm, s);
        }
        int minLen = Math.min(4, n);
        java.util.List<Integer> lengths = new java.util.ArrayList<>();
        for (int len = n; len > minLen; len /= 2) lengths.add(len);
        lengths.add(minLen);
        for (int len : lengths) {
            int jump = Math.max(1, Math.min(step, len));
            for (int start = 0; start <= n - len; start = nextStart(start, jump, n - len)) {
                for (int k = 0; k < len; k++) sel[k] = start + k;
                Superposition s = Superposition.fit(x, y, sel, len);
                int count = select(s, x, y, dSearch - 1, sel);
                for (int iter = 0; iter < 20; iter++) {
                    double sc = score(s, x, y, d0, cutoff);
                    if (sc > best.score()) best = new Result(sc, s);
                    if (count < 3) break;
                    s = Superposition.fit(x, y, sel, count);
                    int c2 = select(s, x, y, dSearch + 1, next);
                    boolean same = c2 == count && java.util.Arrays.equals(sel, 0, count, next, 0, c2);
                    if (same) {
                        double last = score(s, x, y, d0, cutoff);
                        if (last > best.score()) best = new Result(last, s);
                        break;
                    }
                    System.arraycopy(next, 0, sel, 0, c2);
                    count = c2;
                }
                if (start == n - len) break;
            }
        }
        return new Result(best.score() / norm, best.superposition());
    }

    private static int nextStart(int start, int jump, int last) {
        return start + jump > last && start < last ? last : start + jump;
    }

    /** Indices of pairs closer than d (growing d by 0.5 Å until at least 3 qualify). */
    private static int select(Superposition s, double[][] x, double[][] y, double d, int[] out) {
        int n = x.length;
        double[] d2 = new double[n];
        for (int k = 0; k < n; k++) d2[k] = s.squaredDistance(x[k], y[k]);
        while (true) {
            int c = 0;
            for (int k = 0; k < n; k++) if (d2[k] < d * d) out[c++] = k;
            if (c >= 3 || c == n) return c;
            d += 0.5;
        }
    }

    /** Σ_k 1/(1 + d_k²/d0²) over pairs within the cutoff (not normalised). */
    static double score(Superposition s, double[][] x, double[][] y, double d0, double cutoff) {
        double sum = 0, c2 = cutoff * cutoff, inv = 1 / (d0 * d0);
        for (int k = 0; k < x.length; k++) {
            double d2 = s.squaredDistance(x[k], y[k]);
            if (d2 <= c2) sum += 1 / (1 + d2 * inv);
        }
        return sum;
    }
}
