package org.flowmatch4j.cli.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.flowmatch4j.core.util.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

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
}
