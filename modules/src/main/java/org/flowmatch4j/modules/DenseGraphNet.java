package org.flowmatch4j.modules;

import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * A message-passing network over dense undirected graphs that keeps a state on every unordered node pair as well as
 * every node (the shape of DiGress's and DeFoG's graph transformers, with summed messages instead of attention), for
 * predicting node and edge categories. Node states x [N·B, H]; pair states e [P·B, E] for the P = N(N − 1)/2 pairs
 * i &lt; j (row p·B + b, p = {@link #pairIndex}). Per layer, with LayerNorm ^ and global features g (pair states are
 * normalised only before the output: a LayerNorm per layer on the P·B pair rows cost a third of the step):
 * <pre>
 *   s_ij = W_a x̂_i + W_a x̂_j + (W_m x̂_i) ⊙ (W_m x̂_j) + W_e e_ij + W_g g + b      (E wide; symmetric in i, j)
 *   p_ij = SiLU(s_ij)
 *   e_ij ← m_ij (e_ij + W_u p_ij + c)
 *   a_i  = Σ_{j≠i} w_ij p_ij                                                  (w: caller's aggregation weights)
 *   x_i  ← m_i (x_i + W₂ SiLU(W₁ [x̂_i, a_i] + W_h g + b₁) + b₂)
 * </pre>
 * Outputs: per-node W_n x̂_i and per-pair W_p ê_ij logits. Every term is symmetric in the two ends of a pair and
 * nothing depends on node order, so the network is permutation-equivariant and its pair outputs are undirected by
 * construction (storing only i &lt; j halves the pair rows, which dominate the cost, against ordered pairs).
 */
public final class DenseGraphNet {
    private DenseGraphNet() {}

    /** Sizes: nodes per (padded) graph, input widths, node and pair hidden widths, layers, output widths. */
    public record Config(int nodes, int nodeIn, int edgeIn, int globalIn, int hidden, int edgeHidden, int layers, int nodeOut, int edgeOut) {
        public Config {
            if (nodes < 2 || nodeIn < 1 || edgeIn < 1 || globalIn < 1 || hidden < 1 || edgeHidden < 1 || layers < 1 || nodeOut < 1 || edgeOut < 1)
                throw new IllegalArgumentException("all DenseGraphNet sizes must be positive (and ≥ 2 nodes): " + this);
        }

        /** P = N(N − 1)/2. */
        public int pairs() { return nodes * (nodes - 1) / 2; }
    }

    /** Row block of the unordered pair {i, j}, i ≠ j, of an N-node graph: pairs i &lt; j in row-major order. */
    public static int pairIndex(int i, int j, int n) { return PairSelection.unorderedIndex(i, j, n); }

    /** Per-node [N·B, nodeOut] and per-pair [P·B, edgeOut] outputs. */
    public record Outputs(SDVariable nodes, SDVariable edges) {}

    /**
     * @param nodes      node features [N·B, nodeIn]
     * @param edges      pair features [P·B, edgeIn]
     * @param global     per-graph features [B, globalIn]
     * @param nodeMask   m_i repeated to [N·B, H]
     * @param pairMask   m_ij (1 for two real nodes) repeated to [P·B, E]
     * @param pairWeight aggregation weights w_ij repeated to [P·B, E]
     */
    public static Outputs apply(SameDiff sd, String prefix, SDVariable nodes, SDVariable edges, SDVariable global,
                                SDVariable nodeMask, SDVariable pairMask, SDVariable pairWeight, Config c, SplittableRandom rnd) {
        int h = c.hidden(), eh = c.edgeHidden(), p = c.pairs();
        PairSelection select = PairSelection.unordered(sd, prefix, c.nodes(), nodes.dataType());
        SDVariable x = Linear.apply(sd, prefix + "/embed_nodes", nodes, c.nodeIn(), h, rnd).mul(nodeMask);
        SDVariable e = Linear.apply(sd, prefix + "/embed_pairs", edges, c.edgeIn(), eh, rnd).mul(pairMask);
        for (int l = 0; l < c.layers(); l++) {
            String q = prefix + "/layer" + l;
            SDVariable xn = LayerNorm.apply(sd, q + "/norm_nodes", x, h);
            SDVariable a = Linear.apply(sd, q + "/pair_sum", xn, h, eh, rnd);
            SDVariable m = xn.mmul(sd.var(q + "/pair_prod/W", Init.uniform(rnd, xn.dataType(), h, h, eh)));
            SDVariable g = Linear.apply(sd, q + "/pair_g", global, c.globalIn(), eh, rnd).reshape(1, -1);       // [1, B·E]
            SDVariable ends = select.toFirst(a, eh).add(select.toSecond(a, eh)).add(select.toFirst(m, eh).mul(select.toSecond(m, eh)));
            SDVariable pre = ends.reshape(p, -1).add(g).reshape(-1, eh).add(e.mmul(sd.var(q + "/pair_e/W", Init.uniform(rnd, e.dataType(), eh, eh, eh))));
            SDVariable act = Mlp.silu(sd, pre);
            e = e.add(Linear.apply(sd, q + "/pair_update", act, eh, eh, rnd)).mul(pairMask);
            SDVariable agg = select.sum(act.mul(pairWeight), eh);                                               // [N·B, E]
            SDVariable gn = Linear.apply(sd, q + "/node_g", global, c.globalIn(), h, rnd).reshape(1, -1);        // [1, B·H]
            SDVariable hidden = Linear.apply(sd, q + "/node1", sd.concat(1, xn, agg), h + eh, h, rnd).reshape(c.nodes(), -1).add(gn).reshape(-1, h);
            x = x.add(Linear.apply(sd, q + "/node2", Mlp.silu(sd, hidden), h, h, rnd)).mul(nodeMask);
        }
        SDVariable nodeOut = Linear.apply(sd, prefix + "/node_out", LayerNorm.apply(sd, prefix + "/final_nodes", x, h), h, c.nodeOut(), rnd);
        SDVariable edgeOut = Linear.apply(sd, prefix + "/pair_out", LayerNorm.apply(sd, prefix + "/final_pairs", e, eh), eh, c.edgeOut(), rnd);
        return new Outputs(nodeOut, edgeOut);
    }
}
