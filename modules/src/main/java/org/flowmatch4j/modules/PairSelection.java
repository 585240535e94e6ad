package org.flowmatch4j.modules;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Constant 0/1 matrices that move between node rows and pair rows of the atom-major layout (node i of graph b at row
 * i·B + b, pair p of graph b at row p·B + b): with the node matrix viewed as [N, B·C], S₁ X [P, B·C] gives every pair
 * its first node's row, S₂ X its second's, and A P [N, B·C] sums, for every node, the pair rows that aggregate into it.
 * Ordered pairs: p = i·N + j (P = N²), A = S₁ᵀ (node i sums over j). Unordered pairs: the P = N(N − 1)/2 pairs i &lt; j
 * in row-major order, A = (S₁ + S₂)ᵀ (node i sums over every pair that contains it). Rank-2 products are the fastest
 * gather and scatter ND4J offers for these shapes.
 */
record PairSelection(SDVariable first, SDVariable second, SDVariable aggregate, int nodes, int pairs) {
    static PairSelection ordered(SameDiff sd, String prefix, int n, DataType type) {
        float[] si = new float[n * n * n], sj = new float[n * n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                si[(i * n + j) * n + i] = 1;
                sj[(i * n + j) * n + j] = 1;
            }
        return of(sd, prefix, n, n * n, si, sj, false, type);
    }

    static PairSelection unordered(SameDiff sd, String prefix, int n, DataType type) {
        int p = n * (n - 1) / 2;
        float[] si = new float[p * n], sj = new float[p * n];
        int row = 0;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++, row++) {
                si[row * n + i] = 1;
                sj[row * n + j] = 1;
            }
        return of(sd, prefix, n, p, si, sj, true, type);
    }

    /** Row of the unordered pair {i, j} (i ≠ j) among the N(N − 1)/2 pairs. */
    static int unorderedIndex(int i, int j, int n) {
        int a = Math.min(i, j), b = Math.max(i, j);
        return a * n - a * (a + 1) / 2 + (b - a - 1);
    }

    private static PairSelection of(SameDiff sd, String prefix, int n, int p, float[] si, float[] sj, boolean both, DataType type) {
        var first = Nd4j.createFromArray(si).reshape(p, n).castTo(type);
        var second = Nd4j.createFromArray(sj).reshape(p, n).castTo(type);
        var agg = (both ? first.add(second) : first).transpose().dup();
        return new PairSelection(sd.constant(prefix + "/select_i", first), sd.constant(prefix + "/select_j", second),
                sd.constant(prefix + "/select_i_t", agg), n, p);
    }

    /** Node matrix [N·B, C] → pair matrix [P·B, C] holding the first node's row. */
    SDVariable toFirst(SDVariable nodes, int c) { return first.mmul(nodes.reshape(nodes(), -1)).reshape(-1, c); }

    /** Node matrix [N·B, C] → pair matrix [P·B, C] holding the second node's row. */
    SDVariable toSecond(SDVariable nodes, int c) { return second.mmul(nodes.reshape(nodes(), -1)).reshape(-1, c); }

    /** Pair matrix [P·B, C] → node matrix [N·B, C]: Σ over the pairs aggregating into each node. */
    SDVariable sum(SDVariable pairRows, int c) { return aggregate.mmul(pairRows.reshape(pairs(), -1)).reshape(-1, c); }
}
