package org.flowmatch4j.molecules.graph;

import java.util.Arrays;
import java.util.List;

/**
 * A hydrogen-suppressed molecular graph in Kekulé form: n heavy atoms and a symmetric n×n matrix of bond orders
 * (0 none, 1 single, 2 double, 3 triple), row-major. This is the state space of the graph flow: every atom and every
 * atom pair carries one categorical variable.
 */
public record MolecularGraph(List<AtomToken> atoms, byte[] bonds) {
    public static final int MAX_BOND_ORDER = 3;

    public MolecularGraph {
        atoms = List.copyOf(atoms);
        int n = atoms.size();
        if (bonds.length != n * n) throw new IllegalArgumentException("bond matrix has %d entries, expected %d×%d".formatted(bonds.length, n, n));
        bonds = bonds.clone();
        for (int i = 0; i < n; i++) {
            if (bonds[i * n + i] != 0) throw new IllegalArgumentException("atom " + i + " is bonded to itself");
            for (int j = 0; j < n; j++) {
                int b = bonds[i * n + j];
                if (b < 0 || b > MAX_BOND_ORDER) throw new IllegalArgumentException("bond order %d between atoms %d and %d is outside 0..3".formatted(b, i, j));
                if (b != bonds[j * n + i]) throw new IllegalArgumentException("bond matrix is not symmetric at (%d, %d)".formatted(i, j));
            }
        }
    }

    public int size() { return atoms.size(); }

    public int bond(int i, int j) { return bonds[i * size() + j]; }

    @Override public byte[] bonds() { return bonds.clone(); }

    /** Σ_j order(i, j). */
    public int bondOrderSum(int i) {
        int n = size(), s = 0;
        for (int j = 0; j < n; j++) s += bonds[i * n + j];
        return s;
    }

    /** Connected components, as a component label per atom (0, 1, …). */
    public int[] components() {
        int n = size();
        int[] label = new int[n];
        Arrays.fill(label, -1);
        int next = 0;
        int[] stack = new int[n];
        for (int s = 0; s < n; s++) {
            if (label[s] >= 0) continue;
            int top = 0;
            stack[top++] = s;
            label[s] = next;
            while (top > 0) {
                int i = stack[--top];
                for (int j = 0; j < n; j++)
                    if (bonds[i * n + j] != 0 && label[j] < 0) {
                        label[j] = next;
                        stack[top++] = j;
                    }
            }
            next++;
        }
        return label;
    }

    /** One component (or none: the empty graph counts as connected). */
    public boolean connected() {
        return Arrays.stream(components()).allMatch(c -> c == 0);
    }

    @Override public boolean equals(Object o) {
        return o instanceof MolecularGraph g && atoms.equals(g.atoms) && Arrays.equals(bonds, g.bonds);
    }

    @Override public int hashCode() { return 31 * atoms.hashCode() + Arrays.hashCode(bonds); }

    @Override public String toString() { return "MolecularGraph[" + size() + " atoms]"; }
}
