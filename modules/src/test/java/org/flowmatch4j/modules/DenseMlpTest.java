package org.flowmatch4j.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class DenseMlpTest {
    private static final int[] WIDTHS = {3, 7, 5, 2};

    @BeforeAll
    static void seed() { Nd4j.getRandom().setSeed(1); }

    private static INDArray naiveForward(DenseMlp m, INDArray x) {
        INDArray h = x;
        for (int l = 0; l < WIDTHS.length - 1; l++) {
            INDArray z = h.mmul(m.weight(l)).addRowVector(m.bias(l));
            h = l < WIDTHS.length - 2 ? z.mul(Transforms.sigmoid(z, true)) : z;
        }
        return h;
    }

    /** L = Σ out ⊙ R for a fixed random R, so ∂L/∂out = R. */
    private static double loss(DenseMlp m, INDArray x, INDArray r) {
        return naiveForward(m, x).mul(r).sumNumber().doubleValue();
    }

    @Test
    void forwardMatchesTheDefinition() {
        DenseMlp m = new DenseMlp(WIDTHS, 3, DataType.DOUBLE);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 6, 3);
        assertTrue(naiveForward(m, x).equalsWithEps(m.forward(x), 1e-12));
    }

    @Test
    void parameterGradientsMatchFiniteDifferences() {
        DenseMlp m = new DenseMlp(WIDTHS, 4, DataType.DOUBLE);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 5, 3), r = Nd4j.randn(DataType.DOUBLE, 5, 2);
        m.forward(x);
        m.backward(r, false);
        INDArray g = m.gradients().dup(), p = m.parameters();
        double h = 1e-6;
        for (int i = 0; i < p.length(); i++) {
            double old = p.getDouble(i);
            p.putScalar(i, old + h);
            double up = loss(m, x, r);
            p.putScalar(i, old - h);
            double down = loss(m, x, r);
            p.putScalar(i, old);
            assertEquals((up - down) / (2 * h), g.getDouble(i), 1e-6, "parameter " + i);
        }
    }

    @Test
    void inputGradientAndVectorJacobianMatchFiniteDifferences() {
        DenseMlp m = new DenseMlp(WIDTHS, 5, DataType.DOUBLE);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 4, 3), r = Nd4j.randn(DataType.DOUBLE, 4, 2);
        m.forward(x);
        INDArray gin = m.backward(r, true).dup();
        INDArray vj = m.vectorJacobian(x, r).dup();
        double h = 1e-6;
        for (int i = 0; i < 4; i++) for (int j = 0; j < 3; j++) {
            INDArray xp = x.dup(), xm = x.dup();
            xp.putScalar(i, j, x.getDouble(i, j) + h);
            xm.putScalar(i, j, x.getDouble(i, j) - h);
            double fd = (loss(m, xp, r) - loss(m, xm, r)) / (2 * h);
            assertEquals(fd, gin.getDouble(i, j), 1e-6);
            assertEquals(fd, vj.getDouble(i, j), 1e-6);
        }
    }

    @Test
    void weightsAreLiveViewsOfTheFlatVector() {
        DenseMlp m = new DenseMlp(WIDTHS, 6, DataType.DOUBLE);
        assertEquals(3 * 7 + 7 + 7 * 5 + 5 + 5 * 2 + 2, m.parameters().length());
        m.parameters().assign(0.5);
        assertEquals(0.5, m.weight(1).getDouble(2, 3));
        assertEquals(0.5, m.bias(2).getDouble(0, 1));
    }

    @Test
    void buffersFollowTheBatchSize() {
        DenseMlp m = new DenseMlp(WIDTHS, 7, DataType.DOUBLE);
        INDArray a = Nd4j.randn(DataType.DOUBLE, 3, 3), b = Nd4j.randn(DataType.DOUBLE, 8, 3);
        INDArray first = m.forward(a).dup();
        m.forward(b);
        assertTrue(first.equalsWithEps(m.forward(a), 0));
    }

    @Test
    void initialisationIsSeededAndBounded() {
        DenseMlp a = new DenseMlp(WIDTHS, 9), b = new DenseMlp(WIDTHS, 9);
        assertTrue(a.parameters().equals(b.parameters()));
        assertTrue(a.weight(0).amaxNumber().doubleValue() <= 1 / Math.sqrt(3));
        assertThrows(IllegalArgumentException.class, () -> a.forward(Nd4j.zeros(DataType.FLOAT, 2, 4)));
    }

    @Test
    void simdKernelsAndDirectBlasMatchTheNd4jOpPath() {
        assertTrue(SiluKernels.simd(), "tests run with --add-modules jdk.incubator.vector (parent pom argLine)");
        assertTrue(HostGemm.direct(), "the CPU backend's OpenBLAS binding is on the test class path");
        int[] widths = {3, 37, 21, 40, 2};            // widths off the 16-lane grid exercise the scalar tails
        DenseMlp simd = new DenseMlp(widths, 8), plain = new DenseMlp(widths, 8);
        plain.useSimd(false);
        INDArray x = Nd4j.randn(DataType.FLOAT, 9, 3).muli(3), r = Nd4j.randn(DataType.FLOAT, 9, 2);
        assertTrue(plain.forward(x).equalsWithEps(simd.forward(x), 1e-5));
        INDArray gin = simd.backward(r, true).dup();
        plain.forward(x);
        assertTrue(plain.backward(r, true).equalsWithEps(gin, 1e-5));
        assertTrue(plain.gradients().equalsWithEps(simd.gradients(), 1e-4));
    }

    @Test
    void blockedPredictMatchesForwardAcrossBlocksAndLeavesBackwardIntact() {
        assertTrue(BlockedInference.available(DataType.FLOAT));
        int[] widths = {3, 37, 21, 2};
        DenseMlp m = new DenseMlp(widths, 10);
        int n = 2 * BlockedInference.BLOCK + 19;        // two full blocks and a partial one
        INDArray x = Nd4j.randn(DataType.FLOAT, n, 3).muli(3), r = Nd4j.randn(DataType.FLOAT, n, 2);
        INDArray full = m.forward(x).dup();
        INDArray blocked = m.predictBlocked(x);
        assertTrue(full.equalsWithEps(blocked, 1e-5), "max difference " + full.sub(blocked).amaxNumber());
        INDArray small = Nd4j.randn(DataType.FLOAT, 5, 3);
        assertTrue(m.predictBlocked(small).equalsWithEps(naiveForward(m, small), 1e-5));
        m.backward(r, false);                           // still back-propagates the forward above
        INDArray g = m.gradients().dup();
        m.forward(x);
        m.backward(r, false);
        assertTrue(g.equalsWithEps(m.gradients(), 0));
    }

    @Test
    void blockedInferenceIsPreferredOnlyWithAvx512BlasKernels() {
        assertTrue(HostGemm.wideKernels("SKYLAKEX") && HostGemm.wideKernels("CooperLake"));
        assertFalse(HostGemm.wideKernels("Haswell") || HostGemm.wideKernels("ZEN") || HostGemm.wideKernels(null));
    }
}
