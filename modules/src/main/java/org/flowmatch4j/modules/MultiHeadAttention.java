package org.flowmatch4j.modules;

import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Multi-head self-attention (Vaswani et al. 2017) over [batch, tokens, dModel]:
 * Q = X W_Q, K = X W_K, V = X W_V split into h heads of size d_h = dModel / h;
 * A = softmax(Q Kᵀ / √d_h + M) per head, O = concat_heads(A V) W_O. The optional additive mask M is
 * [batch, 1, 1, tokens] with 0 for keys to attend and a large negative number for padding.
 */
public final class MultiHeadAttention {
    private MultiHeadAttention() {}

    /**
     * @param x    shape [batch, tokens, dModel]
     * @param mask additive key mask, shape [batch, 1, 1, tokens], or null
     */
    public static SDVariable apply(SameDiff sd, String prefix, SDVariable x, SDVariable mask, int tokens, int dModel,
                                   int heads, SplittableRandom rnd) {
        if (heads <= 0 || dModel % heads != 0) {
            throw new IllegalArgumentException("dModel=" + dModel + " must be a positive multiple of heads=" + heads);
        }
        int dh = dModel / heads;
        SDVariable q = split(Linear.applyTokens(sd, prefix + "/q", x, tokens, dModel, dModel, rnd), tokens, heads, dh);
        SDVariable k = split(Linear.applyTokens(sd, prefix + "/k", x, tokens, dModel, dModel, rnd), tokens, heads, dh);
        SDVariable v = split(Linear.applyTokens(sd, prefix + "/v", x, tokens, dModel, dModel, rnd), tokens, heads, dh);
        SDVariable logits = sd.mmul(q, k, false, true, false).mul(1.0 / Math.sqrt(dh));   // [B, H, N, N]
        if (mask != null) logits = logits.add(mask);
        SDVariable att = sd.nn().softmax(logits, -1);
        SDVariable o = sd.mmul(att, v).permute(0, 2, 1, 3).reshape(-1, tokens, dModel);  // [B, N, D]
        return Linear.applyTokens(sd, prefix + "/o", o, tokens, dModel, dModel, rnd);
    }

    /** [B, N, D] → [B, H, N, d_h]. */
    private static SDVariable split(SDVariable y, int tokens, int heads, int dh) {
        return y.reshape(-1, tokens, heads, dh).permute(0, 2, 1, 3);
    }
}
