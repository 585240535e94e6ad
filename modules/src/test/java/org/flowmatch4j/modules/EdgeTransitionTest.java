package org.flowmatch4j.modules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The edge update against the concatenation it avoids building, computed entry by entry; gradients (double). */
class EdgeTransitionTest {
    private SameDiff sd;

    @BeforeEach
    void setUp() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        Nd4j.getRandom().setSeed(4);
        sd = SameDiff.create();
    }

    @Test
    void matchesTheConcatenatedPairMlpAndHasCorrectGradients() {
        int b = 2, n = 3, cS = 4, cZ = 3, width = cZ + cS;
        SDVariable s = sd.placeHolder("s", DataType.DOUBLE, -1, n, cS), z = sd.placeHolder("z", DataType.DOUBLE, -1, n, n, cZ);
        SDVariable out = EdgeTransition.apply(sd, "e", s, z, n, cS, cZ, new SplittableRandom(2));
        sd.getVariable("e/ln/gamma").setArray(Nd4j.randn(DataType.DOUBLE, 1, cZ));           // away from γ = 1, β = 0
        sd.getVariable("e/ln/beta").setArray(Nd4j.randn(DataType.DOUBLE, 1, cZ));
        INDArray sIn = Nd4j.randn(DataType.DOUBLE, b, n, cS), zIn = Nd4j.randn(DataType.DOUBLE, b, n, n, cZ);
        Map<String, INDArray> ph = Map.of("s", sIn, "z", zIn);
        INDArray got = out.eval(ph);
        assertArrayEquals(new long[] {b, n, n, cZ}, got.shape());

        INDArray a = sIn.reshape(b * n, cS).mmul(arr("e/node/W")).addRowVector(arr("e/node/b").reshape(cS / 2));
        double[] gamma = arr("e/ln/gamma").toDoubleVector(), beta = arr("e/ln/beta").toDoubleVector();
        for (int p = 0; p < b; p++) for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) {
            double[] x = new double[width];
            for (int k = 0; k < cZ; k++) x[k] = zIn.getDouble(p, i, j, k);
            for (int k = 0; k < cS / 2; k++) {
                x[cZ + k] = a.getDouble(p * n + i, k);
                x[cZ + cS / 2 + k] = a.getDouble(p * n + j, k);
            }
            double[] h = relu(affine(relu(affine(x, "e/l1")), "e/l2"));
            for (int k = 0; k < width; k++) h[k] += x[k];
            double[] y = affine(h, "e/final");
            double mean = 0, var = 0;
            for (double v : y) mean += v / cZ;
            for (double v : y) var += (v - mean) * (v - mean) / cZ;
            for (int k = 0; k < cZ; k++) {
                double expected = gamma[k] * (y[k] - mean) / Math.sqrt(var + 1e-5) + beta[k];
                assertTrue(Math.abs(expected - got.getDouble(p, i, j, k)) < 1e-10, "(" + p + "," + i + "," + j + "," + k + ")");
            }
        }
        assertTrue(FiniteDifferences.gradientsOk(sd, out, ph));
    }

    @Test
    void refusesAnOddNodeWidth() {
        SDVariable s = sd.placeHolder("s", DataType.DOUBLE, -1, 2, 3), z = sd.placeHolder("z", DataType.DOUBLE, -1, 2, 2, 2);
        assertThrows(IllegalArgumentException.class, () -> EdgeTransition.apply(sd, "e", s, z, 2, 3, 2, new SplittableRandom(1)));
    }

    private INDArray arr(String name) { return sd.getVariable(name).getArr(); }

    private double[] affine(double[] x, String layer) {
        INDArray w = arr(layer + "/W"), bias = arr(layer + "/b");
        double[] y = new double[(int) w.size(1)];
        for (int o = 0; o < y.length; o++) {
            y[o] = bias.getDouble(0, o);
            for (int k = 0; k < x.length; k++) y[o] += x[k] * w.getDouble(k, o);
        }
        return y;
    }

    private static double[] relu(double[] x) {
        double[] y = x.clone();
        for (int k = 0; k < y.length; k++) y[k] = Math.max(0, y[k]);
        return y;
    }
}
