package org.flowmatch4j.core.util;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Argument checks that fail fast naming the parameter, the rule and the value. */
public final class Checks {
    private Checks() {}

    /** Throws {@link IllegalArgumentException} with {@code String.format(message, args)} unless {@code ok}. */
    public static void require(boolean ok, String message, Object... args) {
        if (!ok) throw new IllegalArgumentException(String.format(message, args));
    }

    /** Requires a finite value in [lo, hi]. */
    public static double inRange(String name, double value, double lo, double hi) {
        require(Double.isFinite(value) && value >= lo && value <= hi,
                "%s must be in [%s, %s], got %s", name, lo, hi, value);
        return value;
    }

    /** Requires {@code value > 0}. */
    public static int positive(String name, int value) {
        require(value > 0, "%s must be > 0, got %d", name, value);
        return value;
    }

    /** Requires a finite {@code value > 0}. */
    public static double positive(String name, double value) {
        require(Double.isFinite(value) && value > 0, "%s must be a finite number > 0, got %s", name, value);
        return value;
    }

    /** Requires a rank-2 array {@code [rows, cols]}; {@code cols < 0} accepts any column count. */
    public static INDArray matrix(String name, INDArray a, long rows, long cols) {
        require(a != null, "%s must not be null", name);
        boolean ok = a.rank() == 2 && (rows < 0 || a.size(0) == rows) && (cols < 0 || a.size(1) == cols);
        require(ok, "%s must have shape [%s, %s], got %s", name, rows < 0 ? "batch" : rows,
                cols < 0 ? "dim" : cols, Arrays.toString(a.shape()));
        return a;
    }

    /** Requires two arrays of equal shape. */
    public static void sameShape(String a, INDArray x, String b, INDArray y) {
        require(Arrays.equals(x.shape(), y.shape()), "%s and %s must have the same shape, got %s and %s",
                a, b, Arrays.toString(x.shape()), Arrays.toString(y.shape()));
    }
}
