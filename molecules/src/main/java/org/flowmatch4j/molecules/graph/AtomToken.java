package org.flowmatch4j.molecules.graph;

import java.util.List;
import java.util.Map;
import org.flowmatch4j.molecules.crystal.ElementTable;

/**
 * A heavy-atom type of a molecular graph: element and formal charge, written "C", "N+", "O-". Hydrogens are implicit:
 * an atom carries as many as it needs to reach the smallest allowed valence that is at least the sum of its bond
 * orders (the rule RDKit and the SMILES specification use), with the allowed valences of {@link #allowedValences}.
 */
public record AtomToken(String symbol, int charge) {
    private static final Map<String, List<Integer>> VALENCES = Map.ofEntries(
            Map.entry("B", List.of(3)), Map.entry("C", List.of(4)), Map.entry("C+", List.of(3)), Map.entry("C-", List.of(3)),
            Map.entry("N", List.of(3)), Map.entry("N+", List.of(4)), Map.entry("N-", List.of(2)),
            Map.entry("O", List.of(2)), Map.entry("O+", List.of(3)), Map.entry("O-", List.of(1)),
            Map.entry("F", List.of(1)), Map.entry("Si", List.of(4)), Map.entry("P", List.of(3, 5)), Map.entry("P+", List.of(4)),
            Map.entry("S", List.of(2, 4, 6)), Map.entry("S+", List.of(3, 5)), Map.entry("S-", List.of(1, 3, 5)),
            Map.entry("Cl", List.of(1)), Map.entry("Se", List.of(2, 4, 6)), Map.entry("Br", List.of(1)), Map.entry("I", List.of(1, 3, 5)));

    public AtomToken {
        if (ElementTable.number(symbol) < 1) throw new IllegalArgumentException("not an element symbol: '" + symbol + "'");
        if (Math.abs(charge) > 3) throw new IllegalArgumentException("formal charge out of range: " + charge);
    }

    /** Parses "C", "Cl", "N+", "O-", "Fe+2". */
    public static AtomToken parse(String s) {
        int k = 0;
        while (k < s.length() && Character.isLetter(s.charAt(k))) k++;
        String symbol = s.substring(0, k), rest = s.substring(k);
        if (rest.isEmpty()) return new AtomToken(symbol, 0);
        if (!rest.matches("[+-][0-9]?")) throw new IllegalArgumentException("not an atom token: '" + s + "' (expected e.g. C, N+, O-)");
        int magnitude = rest.length() == 1 ? 1 : rest.charAt(1) - '0';
        return new AtomToken(symbol, rest.charAt(0) == '+' ? magnitude : -magnitude);
    }

    public int atomicNumber() { return ElementTable.number(symbol); }

    /** The valences this token may have; empty for tokens outside the table (their atoms are never valid). */
    public List<Integer> allowedValences() { return VALENCES.getOrDefault(toString(), List.of()); }

    /** The largest allowed valence, 0 when none is known. */
    public int maxValence() {
        List<Integer> v = allowedValences();
        return v.isEmpty() ? 0 : v.get(v.size() - 1);
    }

    /** Implicit hydrogens for a bond-order sum, or −1 when the sum exceeds every allowed valence. */
    public int implicitHydrogens(int bondOrderSum) {
        for (int v : allowedValences()) if (v >= bondOrderSum) return v - bondOrderSum;
        return -1;
    }

    @Override public String toString() {
        if (charge == 0) return symbol;
        String sign = charge > 0 ? "+" : "-";
        return Math.abs(charge) == 1 ? symbol + sign : symbol + sign + Math.abs(charge);
    }
}
