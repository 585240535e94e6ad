package org.flowmatch4j.molecules.molmetrics;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.flowmatch4j.molecules.graph.CdkGraphs;
import org.flowmatch4j.molecules.graph.MolecularGraph;

/**
 * The standard sample-set metrics of molecular graph generation (MOSES, DiGress, DeFoG), over S samples:
 * <ul>
 *   <li>validity = |valid| / S ({@link MoleculeValidity}); connected validity = |valid and one fragment| / S;</li>
 *   <li>uniqueness = |distinct canonical SMILES among valid| / |valid|;</li>
 *   <li>novelty = |distinct valid not in the reference (training) set| / |distinct valid|.</li>
 * </ul>
 * Canonical SMILES come from {@link CdkGraphs#canonicalSmiles}, and the reference must be canonicalised the same way.
 */
public record MoleculeSetMetrics(int samples, int valid, int validConnected, int unique, int novel) {

    public double validity() { return samples == 0 ? 0 : valid / (double) samples; }

    public double connectedValidity() { return samples == 0 ? 0 : validConnected / (double) samples; }

    public double uniqueness() { return valid == 0 ? 0 : unique / (double) valid; }

    public double novelty() { return unique == 0 ? 0 : novel / (double) unique; }

    /** Canonical SMILES of each valid graph, null for invalid ones. */
    public static String[] canonical(List<MolecularGraph> graphs) {
        String[] out = new String[graphs.size()];
        for (int i = 0; i < out.length; i++) {
            if (!MoleculeValidity.valid(graphs.get(i))) continue;
            try {
                out[i] = CdkGraphs.canonicalSmiles(graphs.get(i));
            } catch (RuntimeException e) {
                out[i] = null;   // CDK cannot write it: counted as invalid
            }
        }
        return out;
    }

    public static MoleculeSetMetrics evaluate(List<MolecularGraph> graphs, Set<String> reference) {
        String[] smiles = canonical(graphs);
        int valid = 0, connected = 0;
        Set<String> distinct = new HashSet<>();
        for (int i = 0; i < smiles.length; i++) {
            if (smiles[i] == null) continue;
            valid++;
            if (graphs.get(i).connected()) connected++;
            distinct.add(smiles[i]);
        }
        int novel = (int) distinct.stream().filter(s -> !reference.contains(s)).count();
        return new MoleculeSetMetrics(graphs.size(), valid, connected, distinct.size(), novel);
    }
}
