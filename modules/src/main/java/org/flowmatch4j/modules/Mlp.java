package org.flowmatch4j.modules;

import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * A multilayer perceptron in SameDiff: h_l = SiLU(h_{l-1} W_l + b_l) for hidden layers, linear output. The SameDiff
 * twin of {@link DenseMlp}, for graphs that combine it with other blocks (autodiff does the gradients).
 *
 * <pre>{@code
 * SameDiff sd = SameDiff.create();
 * SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 3);
 * SDVariable v = Mlp.apply(sd, "mlp", x, new int[] {3, 256, 256, 256, 2}, new SplittableRandom(0));
 * }</pre>
 */
public final class Mlp {
    private Mlp() {}

    public static SDVariable apply(SameDiff sd, String prefix, SDVariable x, int[] widths, SplittableRandom rnd) {
        SDVariable h = x;
        for (int l = 0; l + 1 < widths.length; l++) {
            h = Linear.apply(sd, prefix + "/" + l, h, widths[l], widths[l + 1], rnd);
            if (l + 2 < widths.length) h = silu(sd, h);
        }
        return h;
    }

    /**
     * SiLU(x) = x σ(x), built from the sigmoid: ND4J 1.0.0-M2.1's fused swish op has a backward pass that returns NaN
     * for inputs above about 44 (its derivative overflows exp), which stopped long trainings; σ's is stable.
     */
    public static SDVariable silu(SameDiff sd, SDVariable x) {
        return x.mul(sd.nn().sigmoid(x));
    }
}
