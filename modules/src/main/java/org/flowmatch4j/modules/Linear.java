package org.flowmatch4j.modules;

import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * A linear layer y = x W + b in a SameDiff graph; variables {@code prefix/W} [in, out] and {@code prefix/b} [out].
 * Inputs of rank 3 ([batch, tokens, in]) are flattened to rank 2 for the product and restored after.
 */
public final class Linear {
    private Linear() {}

    public static SDVariable apply(SameDiff sd, String prefix, SDVariable x, int in, int out, SplittableRandom rnd) {
        SDVariable w = sd.var(prefix + "/W", Init.uniform(rnd, x.dataType(), in, in, out));
        SDVariable b = sd.var(prefix + "/b", Init.uniform(rnd, x.dataType(), in, 1, out));
        return x.mmul(w).add(b);
    }

    /** For [batch, tokens, in]: reshapes to [batch·tokens, in], applies, and reshapes back to [batch, tokens, out]. */
    public static SDVariable applyTokens(SameDiff sd, String prefix, SDVariable x, int tokens, int in, int out,
                                        SplittableRandom rnd) {
        SDVariable flat = x.reshape(-1, in);
        return apply(sd, prefix, flat, in, out, rnd).reshape(-1, tokens, out);
    }
}
