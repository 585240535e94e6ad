package org.flowmatch4j.modules;

import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv1DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;

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
            SDVariable w = sd.var(p + "/conv/W", Init.uniform(rnd, x.dataType(), kernel * d, kernel, d, d));
            SDVariable bias = sd.var(p + "/conv/b", Init.uniform(rnd, x.dataType(), kernel * d, d));
            Conv1DConfig cfg = new Conv1DConfig(kernel, 1, 0, DILATIONS[b % DILATIONS.length], Conv1DConfig.NWC, PaddingMode.SAME);
            SDVariable c = sd.cnn().conv1d(n, w, bias, cfg);
            c = c.add(Linear.apply(sd, p + "/cond", cond, condWidth, d, rnd).reshape(-1, 1, d));
            h = h.add(Mlp.silu(sd, c));
        }
        SDVariable n = LayerNorm.apply(sd, prefix + "/ln", h, d).reshape(-1, d);
        return Linear.apply(sd, prefix + "/head", n, d, out, rnd).reshape(-1, length, out);
    }

    /** Positions one output sees on each side: (k − 1)/2 · Σ_b δ_b. */
    public static int reach(int blocks, int kernel) {
        int sum = 0;
        for (int b = 0; b < blocks; b++) sum += DILATIONS[b % DILATIONS.length];
        return (kernel - 1) / 2 * sum;
    }
}
