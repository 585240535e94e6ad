package org.flowmatch4j.molecules.graphflow;

import org.flowmatch4j.molecules.graph.MolecularGraph;

/**
 * Post-hoc valence correction of a generated graph (MoFlow's "validity correction", Zang &amp; Wang 2020): while some
 * atom's bond orders sum above its largest allowed valence, lower by one the highest-order bond of the most
 * over-bonded atom (ties: the bond whose other atom is itself the most over-bonded, then the lowest index). Only
 * bonds are touched, never atom types; papers report validity with and without it, and so do we.
 */
public final class ValenceCorrection {
    private ValenceCorrection() {}

    public static MolecularGraph apply(MolecularGraph g) {
        int n = g.size();
        byte[] b = g.bonds();
        while (true) {
            int worst = -1, excess = 0;
            for (int i = 0; i < n; i++) {
                int e = over(g, b, i);
                if (e > excess) { excess = e; worst = i; }
            }
            if (worst < 0) return new MolecularGraph(g.atoms(), b);
            int best = -1;
            for (int j = 0; j < n; j++) {
                if (b[worst * n + j] == 0) continue;
                if (best < 0 || b[worst * n + j] > b[worst * n + best]
                        || b[worst * n + j] == b[worst * n + best] && over(g, b, j) > over(g, b, best)) best = j;
            }
            b[worst * n + best]--;
            b[best * n + worst]--;
        }
    }

    /** Bond-order sum above the largest allowed valence (0 when within it; tokens without valences count as 4). */
    private static int over(MolecularGraph g, byte[] b, int i) {
        int n = g.size(), sum = 0;
        for (int j = 0; j < n; j++) sum += b[i * n + j];
        int max = g.atoms().get(i).maxValence();
        return Math.max(0, sum - (max == 0 ? 4 : max));
    }
}
