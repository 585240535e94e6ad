package org.flowmatch4j.molecules.model;

import org.flowmatch4j.modules.DenseGraphNet;

/**
 * Network inputs for B noisy molecular graphs padded to N atoms, rows atom-major (atom i of graph b at i·B + b, the
 * unordered pair {i, j} at p·B + b with p = {@link DenseGraphNet#pairIndex}, P = N(N − 1)/2 pairs):
 * <ul>
 *   <li>nodes [N·B, K + {@value #VALENCE_BINS}]: one-hot atom token, one-hot of the atom's bond-order sum in the noisy
 *       graph (capped at {@value #VALENCE_BINS} − 1) — a count the network would otherwise have to learn to add up;</li>
 *   <li>edges [P·B, 4]: one-hot bond type (0 = none) for pairs of two real atoms, zero elsewhere;</li>
 *   <li>global [B, T + 1]: sinusoidal time features and n/N;</li>
 *   <li>node mask m_i [N·B], pair mask m_i m_j [P·B].</li>
 * </ul>
 */
public record GraphFeatures(int batch, int atoms, int tokens, float[] nodes, float[] edges, float[] global, float[] mask, float[] pairMask) {
    public static final int VALENCE_BINS = 8;
    public static final int TIME = 32;
    public static final int BOND_TYPES = 4;

    public static int nodeWidth(int tokens) { return tokens + VALENCE_BINS; }

    public static int globalWidth() { return TIME + 1; }

    /** P = N(N − 1)/2 pair rows per graph. */
    public static int pairs(int atoms) { return atoms * (atoms - 1) / 2; }

    /**
     * @param types per graph, token index per atom (length n ≤ atoms)
     * @param bonds per graph, n×n row-major bond types 0…3 (symmetric)
     * @param t     time per graph
     */
    public static GraphFeatures of(int atoms, int tokens, int[][] types, byte[][] bonds, double[] t) {
        int b = types.length, nw = nodeWidth(tokens), gw = globalWidth();
        float[] nodes = new float[atoms * b * nw], edges = new float[pairs(atoms) * b * BOND_TYPES], global = new float[b * gw];
        float[] mask = new float[atoms * b], pairMask = new float[pairs(atoms) * b];
        for (int s = 0; s < b; s++) {
            int n = types[s].length;
            if (n > atoms) throw new IllegalArgumentException("graph %d has %d atoms; the model takes at most %d".formatted(s, n, atoms));
            for (int i = 0; i < n; i++) {
                int row = i * b + s, sum = 0;
                nodes[row * nw + types[s][i]] = 1;
                mask[row] = 1;
                for (int j = 0; j < n; j++) {
                    sum += bonds[s][i * n + j];
                    if (j <= i) continue;
                    int pair = DenseGraphNet.pairIndex(i, j, atoms) * b + s;
                    edges[pair * BOND_TYPES + bonds[s][i * n + j]] = 1;
                    pairMask[pair] = 1;
                }
                nodes[row * nw + tokens + Math.min(sum, VALENCE_BINS - 1)] = 1;
            }
            TimeFeatures.write(global, s * gw, TIME, t[s]);
            global[s * gw + TIME] = (float) n / atoms;
        }
        return new GraphFeatures(b, atoms, tokens, nodes, edges, global, mask, pairMask);
    }
}
