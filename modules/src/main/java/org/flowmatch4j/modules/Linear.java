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
        SDVariable[] wb = variables(sd, prefix, x.dataType(), in, out, rnd);
        return x.mmul(wb[0]).add(wb[1]);
    }

    /**
     * The layer's variables {W, b} alone, initialised as {@link #apply} does, for graphs that apply blocks of rows of
     * W to separate inputs (x W = Σ_k x_k W_k for x = [x_1 | x_2 | …]).
     */
    public static SDVariable[] variables(SameDiff sd, String prefix, org.nd4j.linalg.api.buffer.DataType type, int in, int out,
                                         SplittableRandom rnd) {
        SDVariable w = sd.var(prefix + "/W", Init.uniform(rnd, type, in, in, out));
        SDVariable b = sd.var(prefix + "/b", Init.uniform(rnd, type, in, 1, out));
        return new SDVariable[] {w, b};
    }

    /** For [batch, tokens, in]: reshapes to [batch·tokens, in], applies, and reshapes back to [batch, tokens, out]. */
    public static SDVariable applyTokens(SameDiff sd, String prefix, SDVariable x, int tokens, int in, int out,
                                        SplittableRandom rnd) {
        SDVariable flat = x.reshape(-1, in);
        return apply(sd, prefix, flat, in, out, rnd).reshape(-1, tokens, out);
    }
}
