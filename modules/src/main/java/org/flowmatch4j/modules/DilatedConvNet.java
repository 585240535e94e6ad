package org.flowmatch4j.modules;

import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv1DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A 1-D dilated-convolution denoiser for fixed-length sequences, the x1-predictor architecture of Dirichlet FM's DNA
 * experiments: per-position embedding h⁰ = E x_i + P c (c the conditioning vector: time and class embeddings), then
 * residual blocks
 * <pre>
 *   h^{b+1} = h^b + SiLU(conv_{k, δ_b}(LayerNorm(h^b)) + Q_b c)
 * </pre>
 * with kernel k, "same" padding and dilations δ_b cycling through {@link #DILATIONS} (receptive field
 * 1 + (k − 1) Σ δ_b positions), and a final LayerNorm and linear head to per-position logits. Convolutions see
 * neighbours at growing distances, so motifs anywhere in the sequence are recognised with shared weights, which the
 * flattened MLP cannot do.
 */
public final class DilatedConvNet {
    /** Dilations cycled over the blocks: 1, 1, 4, 16, 64, then again (as in the paper's promoter CNN). */
    public static final int[] DILATIONS = {1, 1, 4, 16, 64};

    private DilatedConvNet() {}

    /**
     * @param x      [B, L, channels]
     * @param cond   [B, condWidth]
     * @param kernel odd kernel width
     * @return logits [B, L, out]
     */
    public static SDVariable apply(SameDiff sd, String prefix, SDVariable x, SDVariable cond, int length, int channels,
                                   int condWidth, int d, int blocks, int kernel, int out, SplittableRandom rnd) {
        if (kernel < 1 || kernel % 2 == 0) throw new IllegalArgumentException("kernel width must be odd and positive, got " + kernel);
        SDVariable h = Linear.applyTokens(sd, prefix + "/embed", x, length, channels, d, rnd);
        h = h.add(Linear.apply(sd, prefix + "/cond", cond, condWidth, d, rnd).reshape(-1, 1, d));
        for (int b = 0; b < blocks; b++) {
            String p = prefix + "/block" + b;
            SDVariable n = LayerNorm.apply(sd, p + "/ln", h, d).reshape(-1, length, d);
            SDVariable c = dilatedConv(sd, p + "/conv", n, length, d, kernel, DILATIONS[b % DILATIONS.length], rnd);
            c = c.add(Linear.apply(sd, p + "/cond", cond, condWidth, d, rnd).reshape(-1, 1, d));
            h = h.add(Mlp.silu(sd, c));
        }
        SDVariable n = LayerNorm.apply(sd, prefix + "/ln", h, d).reshape(-1, d);
        return Linear.apply(sd, prefix + "/head", n, d, out, rnd).reshape(-1, length, out);
    }

    /**
     * "Same" 1-D convolution with dilation δ, as an undilated convolution of δ interleaved subsequences: the input
     * [B, L, d] is zero-padded at the end to L' = ⌈L/δ⌉·δ, position i = qδ + m goes to subsequence m at index q (its
     * neighbours i ± δ are then q ± 1), each subsequence is zero-padded by (k − 1)/2 and convolved (libnd4j conv1d,
     * VALID), and the result is put back in order and cut to L. Why: libnd4j's conv1d with a dilation fails in its
     * oneDNN builds ("could not create a descriptor for a dilated convolution"), and a gather of k shifted slices
     * cost ~40 s per batch-256 step at d = 128 (each slice's gradient is a scatter into the whole padded input).
     */
    static SDVariable dilatedConv(SameDiff sd, String prefix, SDVariable x, int length, int d, int kernel, int dilation,
                                  SplittableRandom rnd) {
        int q = (length + dilation - 1) / dilation, padded = q * dilation, r = (kernel - 1) / 2;
        SDVariable h = padded > length ? pad(sd, x, 0, padded - length) : x;
        if (dilation > 1) h = h.reshape(-1, q, dilation, d).permute(0, 2, 1, 3).reshape(-1, q, d);
        h = pad(sd, h, r, r);
        SDVariable w = sd.var(prefix + "/W", Init.uniform(rnd, x.dataType(), kernel * d, kernel, d, d));
        SDVariable b = sd.var(prefix + "/b", Init.uniform(rnd, x.dataType(), kernel * d, d));
        SDVariable y = sd.cnn().conv1d(h, w, b, new Conv1DConfig(kernel, 1, 0, 1, Conv1DConfig.NWC, PaddingMode.VALID));
        if (dilation > 1) y = y.reshape(-1, dilation, q, d).permute(0, 2, 1, 3).reshape(-1, padded, d);
        return padded > length ? y.get(SDIndex.all(), SDIndex.interval(0, length), SDIndex.all()) : y;
    }

    /** Zeros before and after the positions of [B, L, d]. */
    private static SDVariable pad(SameDiff sd, SDVariable x, int before, int after) {
        return sd.nn().pad(x, sd.constant(Nd4j.createFromArray(new int[][] {{0, 0}, {before, after}, {0, 0}})), 0.0);
    }

    /** Positions one output sees on each side: (k − 1)/2 · Σ_b δ_b. */
    public static int reach(int blocks, int kernel) {
        int sum = 0;
        for (int b = 0; b < blocks; b++) sum += DILATIONS[b % DILATIONS.length];
        return (kernel - 1) / 2 * sum;
    }
}
