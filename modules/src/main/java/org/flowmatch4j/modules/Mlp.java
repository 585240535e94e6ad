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
            if (l + 2 < widths.length) h = sd.nn().swish(h);
        }
        return h;
    }
}
