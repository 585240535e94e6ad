package org.flowmatch4j.core.coupling;

import org.flowmatch4j.core.util.Checks;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The cost matrix C_ij = ||x0_i - x1_j||², row-major double[n*m], computed directly in double precision. */
public final class SquaredEuclideanCost {
    private SquaredEuclideanCost() {}

    /** @param x0 shape [n, d]; @param x1 shape [m, d] */
    public static double[] of(INDArray x0, INDArray x1) {
        Checks.matrix("x0", x0, -1, -1);
        Checks.matrix("x1", x1, -1, x0.size(1));
        int n = (int) x0.size(0), m = (int) x1.size(0), d = (int) x0.size(1);
        double[] a = rowMajor(x0), b = rowMajor(x1);
        double[] c = new double[n * m];
        for (int i = 0; i < n; i++) {
            int ai = i * d, ci = i * m;
            for (int j = 0; j < m; j++) {
                int bj = j * d;
                double s = 0;
                for (int k = 0; k < d; k++) {
                    double diff = a[ai + k] - b[bj + k];
                    s += diff * diff;
                }
                c[ci + j] = s;
            }
        }
        return c;
    }

    static double[] rowMajor(INDArray x) {
        return x.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }
}
