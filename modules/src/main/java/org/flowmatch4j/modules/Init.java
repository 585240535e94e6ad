package org.flowmatch4j.modules;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Seeded weight initialisation shared by the SameDiff blocks. */
final class Init {
    private Init() {}

    /** U(-1/√fanIn, 1/√fanIn) — PyTorch's default for linear layers — of the given shape. */
    static INDArray uniform(SplittableRandom rnd, DataType type, int fanIn, long... shape) {
        long n = 1;
        for (long s : shape) n *= s;
        double bound = 1 / Math.sqrt(fanIn);
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) v[i] = (rnd.nextDouble() * 2 - 1) * bound;
        return Nd4j.createFromArray(v).castTo(type).reshape(shape);
    }
}
