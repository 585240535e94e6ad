package org.flowmatch4j.proteins.io;

import org.flowmatch4j.core.util.Checks;

/**
 * The backbone of one protein chain: per residue the N, Cα, C and O atom positions in Å (O may be null where the
 * file lacks it), the one-letter sequence ('X' for non-standard residues) and the author residue numbers.
 *
 * @param n  N positions [L][3] (do not mutate)
 * @param ca Cα positions [L][3]
 * @param c  C positions [L][3]
 * @param o  O positions [L][3], rows null where missing
 */
public record Backbone(String name, String chainId, String sequence, int[] residueNumbers, double[][] n, double[][] ca,
                       double[][] c, double[][] o) {
    /** Largest C(i)–N(i+1) distance of a peptide bond, Å; longer gaps are chain breaks. */
    public static final double MAX_PEPTIDE_BOND = 2.0;

    public Backbone {
        int len = sequence.length();
        Checks.require(len > 0, "%s chain %s has no residues with N, CA and C atoms", name, chainId);
        Checks.require(residueNumbers.length == len && n.length == len && ca.length == len && c.length == len && o.length == len,
                "backbone arrays must all have %d residues", len);
    }

    public int length() { return sequence.length(); }

    /** Residues {@code from} (inclusive) to {@code to} (exclusive) as a backbone of the same file and chain. */
    public Backbone slice(int from, int to) {
        Checks.require(0 <= from && from < to && to <= length(), "need 0 <= from < to <= %d, got %d, %d", length(), from, to);
        return new Backbone(name, chainId, sequence.substring(from, to), java.util.Arrays.copyOfRange(residueNumbers, from, to),
                java.util.Arrays.copyOfRange(n, from, to), java.util.Arrays.copyOfRange(ca, from, to),
                java.util.Arrays.copyOfRange(c, from, to), java.util.Arrays.copyOfRange(o, from, to));
    }

    /** Whether residues i and i+1 are joined by a peptide bond (C(i)–N(i+1) ≤ {@link #MAX_PEPTIDE_BOND}). */
    public boolean bonded(int i) {
        double dx = c[i][0] - n[i + 1][0], dy = c[i][1] - n[i + 1][1], dz = c[i][2] - n[i + 1][2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz) <= MAX_PEPTIDE_BOND;
    }
}
