package org.flowmatch4j.modules;

import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Invariant Point Attention (AlphaFold 2, Jumper et al. 2021, Alg. 22) over residues with rigid frames
 * T_i = (R_i, t_i). Per head h: scalar queries/keys/values from the single representation s, query/key points
 * q⃗_i^p, k⃗_j^p and value points v⃗_j^p predicted in the local frame and mapped to global coordinates by T, pair bias
 * b_ij from z. Attention a_ij = softmax_j(w_L (q_i·k_j/√c + b_ij − γ_h w_C/2 Σ_p |T_i q⃗_i^p − T_j k⃗_j^p|²)) with
 * w_L = √(1/3), w_C = √(2/(9 P_q)), γ_h = softplus(θ_h). Outputs: Σ_j a_ij v_j, the points T_i⁻¹ Σ_j a_ij T_j v⃗_j^p
 * with their norms, and Σ_j a_ij z_ij, concatenated and projected back to c_s. Invariant to any global rigid motion of
 * all frames (tested). Squared distances use |x|² + |y|² − 2x·y so that everything is batched mmul.
 */
public final class InvariantPointAttention {
    /** Sizes: single and pair channels, heads, scalar head size, query/key points and value points per head. */
    public record Config(int cS, int cZ, int heads, int c, int queryPoints, int valuePoints) {}

    private InvariantPointAttention() {}

    /**
     * @param s     single representation [B, N, cS]
     * @param z     pair representation [B, N, N, cZ]
     * @param rot   rotations [B, N, 3, 3]
     * @param trans translations [B, N, 3]
     * @param mask  additive key mask [B, 1, 1, N] (0 to attend, large negative for padding), or null
     * @return the update of s, [B, N, cS]
     */
    public static SDVariable apply(SameDiff sd, String prefix, SDVariable s, SDVariable z, SDVariable rot, SDVariable trans,
                                   SDVariable mask, int n, Config cfg, SplittableRandom rnd) {
        int h = cfg.heads(), c = cfg.c(), pq = cfg.queryPoints(), pv = cfg.valuePoints();
        DataType dt = s.dataType();
        SDVariable q = heads(Linear.applyTokens(sd, prefix + "/q", s, n, cfg.cS(), h * c, rnd), n, h, c);
        SDVariable k = heads(Linear.applyTokens(sd, prefix + "/k", s, n, cfg.cS(), h * c, rnd), n, h, c);
        SDVariable v = heads(Linear.applyTokens(sd, prefix + "/v", s, n, cfg.cS(), h * c, rnd), n, h, c);
        SDVariable qp = heads(toGlobal(points(sd, prefix + "/qp", s, n, cfg.cS(), h * pq, rnd), rot, trans, n, h * pq), n, h, pq * 3);
        SDVariable kp = heads(toGlobal(points(sd, prefix + "/kp", s, n, cfg.cS(), h * pq, rnd), rot, trans, n, h * pq), n, h, pq * 3);
        SDVariable vp = heads(toGlobal(points(sd, prefix + "/vp", s, n, cfg.cS(), h * pv, rnd), rot, trans, n, h * pv), n, h, pv * 3);
        // [B, H, N, N] terms
        SDVariable scalar = sd.mmul(q, k, false, true, false).mul(1.0 / Math.sqrt(c));
        SDVariable bias = Linear.apply(sd, prefix + "/b", z.reshape(-1, cfg.cZ()), cfg.cZ(), h, rnd).reshape(-1, n, n, h)
                .permute(0, 3, 1, 2);
        SDVariable qn = qp.mul(qp).sum(true, 3), kn = kp.mul(kp).sum(true, 3).permute(0, 1, 3, 2);
        SDVariable dist2 = qn.add(kn).sub(sd.mmul(qp, kp, false, true, false).mul(2));
        SDVariable gammaRaw = sd.var(prefix + "/gamma", Nd4j.valueArrayOf(new long[] {1, h, 1, 1}, Math.log(Math.E - 1)).castTo(dt));
        SDVariable gamma = sd.nn().softplus(gammaRaw);
        double wL = Math.sqrt(1.0 / 3), wC = Math.sqrt(2.0 / (9.0 * pq));
        SDVariable logits = scalar.add(bias).sub(dist2.mul(gamma).mul(wC / 2)).mul(wL);
        if (mask != null) logits = logits.add(mask);
        SDVariable a = sd.nn().softmax(logits, -1);                                        // [B, H, N, N]
        SDVariable o = sd.mmul(a, v).permute(0, 2, 1, 3).reshape(-1, n, h * c);          // [B, N, H·c]
        SDVariable opGlobal = sd.mmul(a, vp).permute(0, 2, 1, 3).reshape(-1, n, h * pv, 3);
        SDVariable opLocal = sd.mmul(opGlobal.sub(trans.reshape(-1, n, 1, 3)), rot);      // row·R = (Rᵀ x)ᵀ
        SDVariable opNorm = sd.math().sqrt(opLocal.mul(opLocal).sum(3).add(1e-8));       // [B, N, H·Pv]
        SDVariable oPair = sd.mmul(a.permute(0, 2, 1, 3), z).reshape(-1, n, h * cfg.cZ()); // [B, N, H·cZ]
        SDVariable cat = sd.concat(2, o, opLocal.reshape(-1, n, h * pv * 3), opNorm, oPair);
        int width = h * c + h * pv * 4 + h * cfg.cZ();
        return Linear.applyTokens(sd, prefix + "/out", cat, n, width, cfg.cS(), rnd);
    }

    /** A linear map of s to m local points per residue, [B, N, m, 3]. */
    private static SDVariable points(SameDiff sd, String name, SDVariable s, int n, int cS, int m, SplittableRandom rnd) {
        return Linear.applyTokens(sd, name, s, n, cS, m * 3, rnd).reshape(-1, n, m, 3);
    }

    /** T_i x = R_i x + t_i for points [B, N, m, 3], as x·R_iᵀ + t_i (batched over B, N). */
    private static SDVariable toGlobal(SDVariable x, SDVariable rot, SDVariable trans, int n, int m) {
        return x.getSameDiff().mmul(x, rot, false, true, false).add(trans.reshape(-1, n, 1, 3))
                .reshape(-1, n, m * 3);
    }

    /** [B, N, H·d] → [B, H, N, d]. */
    private static SDVariable heads(SDVariable y, int n, int h, int d) {
        return y.reshape(-1, n, h, d).permute(0, 2, 1, 3);
    }
}
