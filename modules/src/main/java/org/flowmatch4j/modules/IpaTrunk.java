package org.flowmatch4j.modules;

import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The structure-module trunk FrameFlow uses. Each block:
 * <pre>
 *   s ← LN(s + IPA(s, z, T))
 *   s ← s + W_post · Transformer(s)        (optional: L sequence-transformer layers; W_post starts at zero)
 *   s ← LN(s + MLP(s))                     (node transition)
 *   T ← T ∘ BackboneUpdate(s)
 *   z ← EdgeTransition(s, z)               (optional, between blocks: not after the last)
 * </pre>
 * With invariant inputs s and z the predicted frames are SE(3)-equivariant: moving every input frame by a global
 * rigid motion G moves the output frames by G (tested), since only IPA and the backbone update see the frames.
 */
public final class IpaTrunk {
    private IpaTrunk() {}

    /**
     * FrameFlow's additions to the plain IPA block: {@code seqLayers} transformer layers over the residues
     * ({@code seqHeads} heads, feed-forward width c_S as in FrameFlow) and edge updates between blocks.
     */
    public record Options(int seqLayers, int seqHeads, boolean edgeUpdates) {
        /** IPA, node transition and backbone update only. */
        public static final Options PLAIN = new Options(0, 0, false);

        public Options {
            if (seqLayers < 0 || (seqLayers > 0 && seqHeads < 1)) {
                throw new IllegalArgumentException("need seqLayers >= 0 and seqHeads >= 1 with layers, got " + seqLayers + ", " + seqHeads);
            }
        }
    }

    /** The plain trunk ({@link Options#PLAIN}). */
    public static Result apply(SameDiff sd, String prefix, SDVariable s, SDVariable z, SDVariable rot, SDVariable trans,
                               SDVariable mask, int n, InvariantPointAttention.Config cfg, int blocks, SplittableRandom rnd) {
        return apply(sd, prefix, s, z, rot, trans, mask, n, cfg, blocks, Options.PLAIN, rnd);
    }

    /**
     * @param s     node features [B, N, cS] (invariant: time, position embeddings)
     * @param z     edge features [B, N, N, cZ] (invariant: relative positions, distances)
     * @param rot   noisy frames' rotations [B, N, 3, 3]
     * @param trans noisy frames' translations [B, N, 3]
     * @return the predicted frames and the final node features
     */
    public static Result apply(SameDiff sd, String prefix, SDVariable s, SDVariable z, SDVariable rot, SDVariable trans,
                               SDVariable mask, int n, InvariantPointAttention.Config cfg, int blocks, Options options,
                               SplittableRandom rnd) {
        int cS = cfg.cS();
        SDVariable r = rot, t = trans, h = s, e = z;
        for (int k = 0; k < blocks; k++) {
            String p = prefix + "/" + k;
            // LayerNorm returns [rows, F] when it cannot see a static rank-3 shape: restore [B, N, cS] explicitly
            h = LayerNorm.apply(sd, p + "/ln1", h.add(InvariantPointAttention.apply(sd, p + "/ipa", h, e, r, t, mask, n, cfg, rnd)), cS)
                    .reshape(-1, n, cS);
            if (options.seqLayers() > 0) h = h.add(sequenceTransformer(sd, p, h, mask, n, cS, options, rnd));
            SDVariable m = Mlp.apply(sd, p + "/mlp", h.reshape(-1, cS), new int[] {cS, 2 * cS, cS}, rnd).reshape(-1, n, cS);
            h = LayerNorm.apply(sd, p + "/ln2", h.add(m), cS).reshape(-1, n, cS);
            BackboneUpdate.Frames f = BackboneUpdate.apply(sd, p + "/bb", h, r, t, n, cS, rnd);
            r = f.rot();
            t = f.trans();
            if (options.edgeUpdates() && k < blocks - 1) e = EdgeTransition.apply(sd, p + "/edge", h, e, n, cS, cfg.cZ(), rnd);
        }
        return new Result(r, t, h);
    }

    /** W_post · (the transformer layers applied to h), [B, N, cS]; W_post and its bias start at zero. */
    private static SDVariable sequenceTransformer(SameDiff sd, String p, SDVariable h, SDVariable mask, int n, int cS,
                                                  Options options, SplittableRandom rnd) {
        SDVariable x = h;
        for (int l = 0; l < options.seqLayers(); l++) {
            x = TransformerBlock.apply(sd, p + "/tfmr/" + l, x, mask, n, cS, options.seqHeads(), 1, rnd).reshape(-1, n, cS);
        }
        SDVariable w = sd.var(p + "/post/W", Nd4j.zeros(h.dataType(), cS, cS)), b = sd.var(p + "/post/b", Nd4j.zeros(h.dataType(), 1, cS));
        return x.reshape(-1, cS).mmul(w).add(b).reshape(-1, n, cS);
    }

    /** Predicted rotations [B, N, 3, 3], translations [B, N, 3] and node features [B, N, cS]. */
    public record Result(SDVariable rot, SDVariable trans, SDVariable s) {}
}
