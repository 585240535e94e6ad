package org.flowmatch4j.modules;

import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A transformer denoiser for fixed-length sequences (the x1-predictor of categorical flows): per-position input
 * embedding E x_i, plus sinusoidal position codes, plus a conditioning vector (time and class embeddings) projected to
 * d and added to every position; then pre-norm {@link TransformerBlock}s and a final LayerNorm and linear head to
 * per-position logits. Without attention masks: padding, where used, is an ordinary token.
 */
public final class SequenceTransformer {
    private SequenceTransformer() {}

    /**
     * @param x    [B, L, channels]
     * @param cond [B, condWidth]
     * @return logits [B, L, out]
     */
    public static SDVariable apply(SameDiff sd, String prefix, SDVariable x, SDVariable cond, int length, int channels, int condWidth,
                                   int d, int blocks, int heads, int out, SplittableRandom rnd) {
        SDVariable h = Linear.applyTokens(sd, prefix + "/embed", x, length, channels, d, rnd);
        h = h.add(sd.constant(prefix + "/positions", positions(length, d).castTo(x.dataType())));
        h = h.add(Linear.apply(sd, prefix + "/cond", cond, condWidth, d, rnd).reshape(-1, 1, d));
        for (int b = 0; b < blocks; b++) h = TransformerBlock.apply(sd, prefix + "/block" + b, h, null, length, d, heads, 2, rnd);
        SDVariable n = LayerNorm.apply(sd, prefix + "/ln", h, d).reshape(-1, d);
        return Linear.apply(sd, prefix + "/head", n, d, out, rnd).reshape(-1, length, out);
    }

    /** sin/cos of the position at geometric frequencies 10000^(−2k/d), shape [1, L, d]. */
    static org.nd4j.linalg.api.ndarray.INDArray positions(int length, int d) {
        float[] p = new float[length * d];
        for (int i = 0; i < length; i++) {
            for (int k = 0; k < d / 2; k++) {
                double w = Math.pow(10000, -2.0 * k / d);
                p[i * d + 2 * k] = (float) Math.sin(i * w);
                p[i * d + 2 * k + 1] = (float) Math.cos(i * w);
            }
        }
        return Nd4j.createFromArray(p).reshape(1, length, d);
    }
}
