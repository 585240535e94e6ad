package org.flowmatch4j.sequences.io;

import java.util.Locale;

/**
 * A canonical sequence alphabet: token k is the k-th letter. DNA = ACGT, RNA = ACGU, protein = the 20 standard amino
 * acids in one-letter order. {@code ambiguity} lists the IUPAC codes that are valid in the molecule type but not
 * canonical (N, R, Y, … for nucleotides; B, Z, X, J, U, O for proteins): readers reject them unless asked otherwise.
 */
public record Alphabet(String name, String letters, String ambiguity) {
    public static final Alphabet DNA = new Alphabet("dna", "ACGT", "NRYKMSWBDHV");
    public static final Alphabet RNA = new Alphabet("rna", "ACGU", "NRYKMSWBDHV");
    public static final Alphabet PROTEIN = new Alphabet("protein", "ACDEFGHIKLMNPQRSTVWY", "BZXJUO");

    /** dna, rna or protein (any case). */
    public static Alphabet named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "dna" -> DNA;
            case "rna" -> RNA;
            case "protein" -> PROTEIN;
            default -> throw new IllegalArgumentException("unknown alphabet '" + name + "': expected dna, rna or protein");
        };
    }

    /** Number of canonical tokens K. */
    public int size() { return letters.length(); }

    /** Token of an upper-case canonical letter, or -1. */
    public int index(char c) { return letters.indexOf(c); }

    public char letter(int token) { return letters.charAt(token); }

    /** Tokens of a canonical sequence (upper case). */
    public int[] encode(String sequence) {
        int[] out = new int[sequence.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = index(sequence.charAt(i));
            if (out[i] < 0) throw new IllegalArgumentException("'" + sequence.charAt(i) + "' at position " + (i + 1) + " is not in " + this);
        }
        return out;
    }

    public String decode(int[] tokens) {
        StringBuilder sb = new StringBuilder(tokens.length);
        for (int t : tokens) sb.append(letters.charAt(t));
        return sb.toString();
    }

    @Override public String toString() { return "the " + name.toUpperCase(Locale.ROOT) + " alphabet " + letters; }
}
