package org.flowmatch4j.cli.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.flowmatch4j.core.util.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

class InputFeaturesTest {
    /** gᵀ ∂φ/∂x by central differences of gᵀ φ(x ± h e_j), in double. */
    @ParameterizedTest
    @ValueSource(strings = {"id", "rff16s4.0", "per3"})
    void pullbackIsTheVectorJacobianProduct(String spec) {
        InputFeatures f = InputFeatures.parse(spec);
        Rng rng = new Rng(3);
        int n = 5, d = 3;
        INDArray x = rng.normal(n, d).castTo(DataType.DOUBLE), g = rng.normal(n, f.width(d)).castTo(DataType.DOUBLE);
        INDArray pb = f.pullback(x, g);
        double h = 1e-5;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                INDArray xp = x.dup(), xm = x.dup();
                xp.putScalar(i, j, x.getDouble(i, j) + h);
                xm.putScalar(i, j, x.getDouble(i, j) - h);
                double fd = (f.apply(xp).getRow(i).mul(g.getRow(i)).sumNumber().doubleValue()
                        - f.apply(xm).getRow(i).mul(g.getRow(i)).sumNumber().doubleValue()) / (2 * h);
                assertEquals(fd, pb.getDouble(i, j), 1e-6 * (1 + Math.abs(fd)), spec + " row " + i + " col " + j);
            }
        }
    }

    @Test
    void periodicFeaturesAreTwoPiPeriodicAndSpecsRoundTrip() {
        INDArray x = new Rng(4).normal(3, 2).castTo(DataType.DOUBLE);
        InputFeatures f = InputFeatures.parse("per4");
        assertEquals(0, f.apply(x).sub(f.apply(x.add(2 * Math.PI))).amaxNumber().doubleValue(), 1e-12);
        MlpVelocityNetwork net = new MlpVelocityNetwork(3, 16, 2, 0, InputFeatures.parse("rff8s2.5"), 1);
        assertEquals("mlp:d=3:h=16:l=2:k=0:x=rff8s2.5", net.spec());
        assertEquals(net.spec(), MlpVelocityNetwork.fromSpec(net.spec(), 0).spec());
        assertThrows(IllegalArgumentException.class, () -> InputFeatures.parse("fourier"));
    }

    /** φ(x) written into a column view of a wider array (as the network's input) equals apply, and nothing else moves. */
    @ParameterizedTest
    @ValueSource(strings = {"id", "rff16s4.0", "per3"})
    void applyIntoAViewEqualsApply(String spec) {
        InputFeatures f = InputFeatures.parse(spec);
        int n = 7, d = 3, w = f.width(d);
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray x = new Rng(5).normal(n, d).castTo(type);
            INDArray wide = org.nd4j.linalg.factory.Nd4j.zeros(type, n, w + 3).addi(-7);
            f.applyInto(x, wide.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 1 + w)));
            INDArray expected = f.apply(x);
            assertEquals(0, wide.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 1 + w)).sub(expected)
                    .amaxNumber().doubleValue(), 1e-6, spec + " " + type);
            assertEquals(-7, wide.getColumn(0).maxNumber().doubleValue(), 0);
            assertEquals(-7, wide.get(NDArrayIndex.all(), NDArrayIndex.interval(1 + w, w + 3)).minNumber().doubleValue(), 0);
            assertEquals(-7, wide.get(NDArrayIndex.all(), NDArrayIndex.interval(1 + w, w + 3)).maxNumber().doubleValue(), 0);
        }
    }

    /** Gaussian Fourier features: the first d columns are x, and each sin column pairs with its cos column. */
    @Test
    void fourierFeaturesAreXThenSinCosPairs() {
        int n = 6, d = 3, m = 8;
        INDArray x = new Rng(6).normal(n, d).castTo(DataType.DOUBLE);
        INDArray phi = InputFeatures.parse("rff" + m + "s2.0").apply(x);
        assertEquals(0, phi.get(NDArrayIndex.all(), NDArrayIndex.interval(0, d)).sub(x).amaxNumber().doubleValue(), 0);
        INDArray sin = phi.get(NDArrayIndex.all(), NDArrayIndex.interval(d, d + m));
        INDArray cos = phi.get(NDArrayIndex.all(), NDArrayIndex.interval(d + m, d + 2 * m));
        assertEquals(0, sin.mul(sin).addi(cos.mul(cos)).subi(1).amaxNumber().doubleValue(), 1e-12);
        assertEquals(0, phi.sub(InputFeatures.parse("rff" + m + "s2.0").apply(x)).amaxNumber().doubleValue(), 0);
    }
}
