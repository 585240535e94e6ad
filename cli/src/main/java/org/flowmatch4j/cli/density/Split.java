package org.flowmatch4j.cli.density;

import org.flowmatch4j.core.util.Rng;

/**
 * A seeded random 80/10/10 split of row indices into train, validation and test (validation and test get
 * round(n/10) rows each), as in the Riemannian score-based and flow-matching papers' earth experiments.
 */
public record Split(int[] train, int[] val, int[] test) {
    public static Split of(int n, long seed) {
        int[] perm = new Rng(seed).permutation(n);
        int tenth = Math.max(1, Math.round(n / 10f));
        return new Split(java.util.Arrays.copyOfRange(perm, 2 * tenth, n), java.util.Arrays.copyOfRange(perm, tenth, 2 * tenth),
                java.util.Arrays.copyOfRange(perm, 0, tenth));
    }
}
