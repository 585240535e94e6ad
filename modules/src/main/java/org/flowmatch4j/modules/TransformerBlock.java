package org.flowmatch4j.modules;

import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * A pre-norm transformer block: X ← X + MHA(LN(X)), X ← X + MLP(LN(X)) with a SiLU MLP of width
 * {@code mlpRatio · dModel}.
 */
public final class TransformerBlock {
    private TransformerBlock() {}

    /** @param x shape [batch, tokens, dModel]; @param mask additive key mask or null */
    public static SDVariable apply(SameDiff sd, String prefix, SDVariable x, SDVariable mask, int tokens, int dModel,
                                   int heads, int mlpRatio, SplittableRandom rnd) {
        SDVariable a = MultiHeadAttention.apply(sd, prefix + "/attn", LayerNorm.apply(sd, prefix + "/ln1", x, dModel),
                mask, tokens, dModel, heads, rnd);
        SDVariable h = x.add(a);
        SDVariable flat = LayerNorm.apply(sd, prefix + "/ln2", h, dModel).reshape(-1, dModel);
        SDVariable m = Mlp.apply(sd, prefix + "/mlp", flat, new int[] {dModel, mlpRatio * dModel, dModel}, rnd);
        return h.add(m.reshape(-1, tokens, dModel));
    }
}
