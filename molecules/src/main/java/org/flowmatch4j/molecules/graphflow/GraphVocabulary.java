package org.flowmatch4j.molecules.graphflow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.flowmatch4j.molecules.graph.AtomToken;
import org.flowmatch4j.molecules.graph.MolecularGraph;

/**
 * What a graph flow is fitted to: the atom tokens (K categories), the largest graph N, and the training marginals that
 * serve as the source distribution (DiGress and DeFoG found the marginal source better than uniform or masked ones):
 * node-type frequencies p_X, bond-type frequencies p_E over all atom pairs (index 0 = no bond) and the histogram of
 * graph sizes, from which generated graphs take their number of atoms.
 */
public record GraphVocabulary(List<AtomToken> tokens, int maxAtoms, double[] nodeMarginal, double[] edgeMarginal, double[] sizes) {
    public static final int BOND_TYPES = MolecularGraph.MAX_BOND_ORDER + 1;

    public GraphVocabulary {
        tokens = List.copyOf(tokens);
        if (tokens.isEmpty() || maxAtoms < 1 || nodeMarginal.length != tokens.size() || edgeMarginal.length != BOND_TYPES
                || sizes.length != maxAtoms + 1)
            throw new IllegalArgumentException("inconsistent graph vocabulary");
    }

    public static GraphVocabulary fit(List<MolecularGraph> graphs) {
        if (graphs.isEmpty()) throw new IllegalArgumentException("no training graphs");
        TreeMap<String, long[]> counts = new TreeMap<>();
        long[] bonds = new long[BOND_TYPES];
        int max = 0;
        for (MolecularGraph g : graphs) {
            max = Math.max(max, g.size());
            for (AtomToken t : g.atoms()) counts.computeIfAbsent(t.toString(), k -> new long[1])[0]++;
            for (int i = 0; i < g.size(); i++) for (int j = i + 1; j < g.size(); j++) bonds[g.bond(i, j)]++;
        }
        List<AtomToken> tokens = new ArrayList<>();
        double total = counts.values().stream().mapToLong(c -> c[0]).sum();
        double[] node = new double[counts.size()];
        int k = 0;
        for (var e : counts.entrySet()) {
            tokens.add(AtomToken.parse(e.getKey()));
            node[k++] = e.getValue()[0] / total;
        }
        double pairs = Arrays.stream(bonds).sum();
        double[] edge = Arrays.stream(bonds).mapToDouble(b -> pairs == 0 ? 0.25 : b / pairs).toArray();
        double[] sizes = new double[max + 1];
        for (MolecularGraph g : graphs) sizes[g.size()] += 1.0 / graphs.size();
        return new GraphVocabulary(tokens, max, node, edge, sizes);
    }

    public int categories() { return tokens.size(); }

    /** The index of a token, −1 when it is not in the vocabulary. */
    public int indexOf(AtomToken t) { return tokens.indexOf(t); }

    /** As metadata entries: tokens, max_atoms and the three distributions ("v1,v2,…"). */
    public java.util.Map<String, String> toMap() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("tokens", String.join(",", tokens.stream().map(AtomToken::toString).toList()));
        m.put("max_atoms", Integer.toString(maxAtoms));
        m.put("node_marginal", join(nodeMarginal));
        m.put("edge_marginal", join(edgeMarginal));
        m.put("sizes", join(sizes));
        return m;
    }

    public static GraphVocabulary fromMap(java.util.Map<String, String> m) {
        try {
            return new GraphVocabulary(Arrays.stream(m.get("tokens").split(",")).map(AtomToken::parse).toList(),
                    Integer.parseInt(m.get("max_atoms")), parse(m.get("node_marginal")), parse(m.get("edge_marginal")), parse(m.get("sizes")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad graph vocabulary: " + e, e);
        }
    }

    private static String join(double[] v) {
        return String.join(",", Arrays.stream(v).mapToObj(x -> String.format(Locale.ROOT, "%.17g", x)).toList());
    }

    private static double[] parse(String s) { return Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray(); }
}
