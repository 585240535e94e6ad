package org.flowmatch4j.modules;

import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A fully connected message-passing network over the atoms of a periodic cell (CSPNet of DiffCSP, used by FlowMM).
 * Its inputs are invariant by construction: per-atom features (element embedding), per-pair features that the caller
 * computes from fractional differences (Fourier features sin/cos 2πk(f_j − f_i), periodic and translation
 * invariant; radial features of periodic distances) and per-crystal features (time embedding, lattice parameters).
 * Layer ℓ, for atoms i, j of one crystal with mask m and n = Σ m atoms:
 * <pre>
 *   ĥ = LayerNorm(h)
 *   m_ij = SiLU(W₂ SiLU(W_a ĥ_i + W_b ĥ_j + W_e e_ij + W_g g + b₁) + b₂)
 *   a_i  = Σ_j m_i m_j m_ij / n
 *   h_i ← m_i (h_i + W₄ SiLU(W₃ [ĥ_i, a_i] + b₃) + b₄)
 * </pre>
 * Outputs: per-atom W_out LayerNorm(h_i) and per-crystal W_glob (mean over atoms of LayerNorm(h)).
 *
 * <p><b>Layout.</b> Every tensor is a matrix, atom-major, so that the whole network is rank-2 products and row or column
 * broadcasts (ND4J's rank-4 broadcasts and middle-axis reductions cost ~10× more per element): for B crystals padded
 * to N atoms, node rows are ordered (i, b) → i·B + b and pair rows (i, j, b) → (i·N + j)·B + b. Pair terms W_a ĥ_i
 * and W_b ĥ_j are gathered by constant 0/1 selection matrices S_i, S_j [N², N] acting on the node matrix viewed as
 * [N, B·H]; the aggregation is S_iᵀ applied to the weighted messages. Masks and weights come already repeated to the
 * hidden width H: ND4J's backward pass of a multiply that broadcasts a column is ~20× slower than an elementwise one.
 */
public final class PeriodicGraphNet {
    private PeriodicGraphNet() {}

    /** Sizes: atoms per (padded) cell, input widths, hidden width, layers, output widths. */
    public record Config(int atoms, int nodeIn, int edgeIn, int globalIn, int hidden, int layers, int nodeOut, int globalOut) {
        public Config {
            if (atoms < 1 || nodeIn < 1 || edgeIn < 1 || globalIn < 1 || hidden < 1 || layers < 1 || nodeOut < 1 || globalOut < 1)
                throw new IllegalArgumentException("all PeriodicGraphNet sizes must be positive: " + this);
        }
    }

    /** Per-atom [N·B, nodeOut] (atom-major) and per-crystal [B, globalOut] outputs. */
    public record Outputs(SDVariable nodes, SDVariable global) {}

    /**
     * @param nodes      per-atom features [N·B, nodeIn], row i·B + b
     * @param edges      per-pair features [N²·B, edgeIn], row (i·N + j)·B + b
     * @param global     per-crystal features [B, globalIn]
     * @param nodeMask   m_i [N·B, H], repeated along the row
     * @param nodeWeight m_i / n_b [N·B, H] (for means over atoms), repeated along the row
     * @param pairWeight m_i m_j / n_b [N²·B, H], repeated along the row
     */
    public static Outputs apply(SameDiff sd, String prefix, SDVariable nodes, SDVariable edges, SDVariable global,
                                SDVariable nodeMask, SDVariable nodeWeight, SDVariable pairWeight, Config c, SplittableRandom rnd) {
        int n = c.atoms(), h = c.hidden();
        DataType type = nodes.dataType();
        PairSelection select = PairSelection.ordered(sd, prefix, n, type);
        SDVariable x = Linear.apply(sd, prefix + "/embed", nodes, c.nodeIn(), h, rnd).mul(nodeMask);
        for (int l = 0; l < c.layers(); l++) {
            String p = prefix + "/layer" + l;
            SDVariable xn = LayerNorm.apply(sd, p + "/norm", x, h);
            int fanIn = 2 * h + c.edgeIn() + c.globalIn();
            SDVariable wa = sd.var(p + "/msg_i/W", Init.uniform(rnd, type, fanIn, h, h));
            SDVariable wb = sd.var(p + "/msg_j/W", Init.uniform(rnd, type, fanIn, h, h));
            SDVariable we = sd.var(p + "/msg_e/W", Init.uniform(rnd, type, fanIn, c.edgeIn(), h));
            SDVariable wg = sd.var(p + "/msg_g/W", Init.uniform(rnd, type, fanIn, c.globalIn(), h));
            SDVariable bias = sd.var(p + "/msg/b", Init.uniform(rnd, type, fanIn, 1, h));
            SDVariable a = select.first().mmul(xn.mmul(wa).reshape(n, -1));          // [N², B·H]
            SDVariable b = select.second().mmul(xn.mmul(wb).reshape(n, -1));
            SDVariable g = global.mmul(wg).add(bias).reshape(1, -1);                 // [1, B·H]
            SDVariable pre = a.add(b).add(g).reshape(-1, h).add(edges.mmul(we));    // [N²·B, H]
            SDVariable msg = Mlp.silu(sd, Linear.apply(sd, p + "/msg2", Mlp.silu(sd, pre), h, h, rnd)).mul(pairWeight);
            SDVariable agg = select.sum(msg, h);                                     // [N·B, H]
            SDVariable upd = Linear.apply(sd, p + "/upd2",
                    Mlp.silu(sd, Linear.apply(sd, p + "/upd1", sd.concat(1, xn, agg), 2 * h, h, rnd)), h, h, rnd);
            x = x.add(upd).mul(nodeMask);
        }
        SDVariable xn = LayerNorm.apply(sd, prefix + "/final_norm", x, h);
        SDVariable nodeOut = Linear.apply(sd, prefix + "/node_out", xn, h, c.nodeOut(), rnd);
        SDVariable pooled = xn.mul(nodeWeight).reshape(n, -1).sum(0).reshape(-1, h);   // [B, H]
        SDVariable globalOut = Linear.apply(sd, prefix + "/global_out", pooled, h, c.globalOut(), rnd);
        return new Outputs(nodeOut, globalOut);
    }
}
