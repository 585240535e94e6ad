package org.flowmatch4j.modules;

import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The structure-module trunk FrameFlow uses: for each block, s ← LN(s + IPA(s, z, T)), s ← LN(s + MLP(s)),
 * T ← T ∘ BackboneUpdate(s). With invariant inputs s and z the predicted frames are SE(3)-equivariant: moving every
 * input frame by a global rigid motion G moves the output frames by G (tested).
 */
public final class IpaTrunk {
    private IpaTrunk() {}

    /**
     * @param s     node features [B, N, cS] (invariant: time, position embeddings)
     * @param z     edge features [B, N, N, cZ] (invariant: relative positions, distances)
     * @param rot   noisy frames' rotations [B, N, 3, 3]
     * @param trans noisy frames' translations [B, N, 3]
     * @return the predicted frames and the final node features
     */
    public static Result apply(SameDiff sd, String prefix, SDVariable s, SDVariable z, SDVariable rot, SDVariable trans,
                               SDVariable mask, int n, InvariantPointAttention.Config cfg, int blocks, SplittableRandom rnd) {
        int cS = cfg.cS();
        SDVariable r = rot, t = trans, h = s;
        for (int k = 0; k < blocks; k++) {
            String p = prefix + "/" + k;
            // LayerNorm returns [rows, F] when it cannot see a static rank-3 shape: restore [B, N, cS] explicitly
            h = LayerNorm.apply(sd, p + "/ln1", h.add(InvariantPointAttention.apply(sd, p + "/ipa", h, z, r, t, mask, n, cfg, rnd)), cS)
                    .reshape(-1, n, cS);
            SDVariable m = Mlp.apply(sd, p + "/mlp", h.reshape(-1, cS), new int[] {cS, 2 * cS, cS}, rnd).reshape(-1, n, cS);
            h = LayerNorm.apply(sd, p + "/ln2", h.add(m), cS).reshape(-1, n, cS);
            BackboneUpdate.Frames f = BackboneUpdate.apply(sd, p + "/bb", h, r, t, n, cS, rnd);
            r = f.rot();
            t = f.trans();
        }
        return new Result(r, t, h);
    }

    /** Predicted rotations [B, N, 3, 3], translations [B, N, 3] and node features [B, N, cS]. */
    public record Result(SDVariable rot, SDVariable trans, SDVariable s) {}
}
