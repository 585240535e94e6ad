package org.flowmatch4j.cli.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.flowmatch4j.core.util.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MlpVelocityNetworkTest {
    /** ψ(t) = [sin(π 2^j t) …, cos(π 2^j t) …] against the closed form at t = 0, 1/4, 1/3, 1. */
    @Test
    void timeHarmonicsAreSinesThenCosinesOfDoublingFrequencies() {
        double[] t = {0, 0.25, 1.0 / 3, 1};
        int h = 3;
        INDArray psi = MlpVelocityNetwork.timeHarmonics(t, h);
        assertEquals(t.length, psi.size(0));
        assertEquals(2 * h, psi.size(1));
        for (int i = 0; i < t.length; i++) {
            for (int j = 0; j < h; j++) {
                double a = Math.PI * Math.pow(2, j) * t[i];
                assertEquals(Math.sin(a), psi.getDouble(i, j), 1e-6, "sin t=" + t[i] + " j=" + j);
                assertEquals(Math.cos(a), psi.getDouble(i, h + j), 1e-6, "cos t=" + t[i] + " j=" + j);
            }
        }
        assertEquals(1, psi.getDouble(2, h + 1) * 2 + 2, 1e-6); // cos(2π/3) = −1/2
    }

    /** The network's input is [φ(x), t, ψ(t), onehot(y)]: its prediction equals the MLP on that row built by hand. */
    @Test
    void inputLayoutIsFeaturesTimeHarmonicsThenLabels() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        int n = 5, d = 3, k = 2, h = 2;
        InputFeatures phi = InputFeatures.parse("rff4s1.0");
        MlpVelocityNetwork net = new MlpVelocityNetwork(d, 16, 2, k, phi, h, 7);
        Rng rng = new Rng(8);
        INDArray w = net.parameters(); // the output layer starts at zero: give every weight a value
        w.assign(rng.normal(1, (int) w.length()).castTo(w.dataType()).reshape(w.shape()).muli(0.3));
        INDArray x = rng.normal(n, d).castTo(DataType.FLOAT);
        double[] t = {0.1, 0.3, 0.5, 0.7, 0.9};
        int[] labels = {0, 1, 2, 1, 0};
        INDArray onehot = Nd4j.zeros(DataType.FLOAT, n, k + 1);
        for (int i = 0; i < n; i++) onehot.putScalar(i, labels[i], 1);
        INDArray byHand = Nd4j.hstack(phi.apply(x), Nd4j.createFromArray(t).castTo(DataType.FLOAT).reshape(n, 1),
                MlpVelocityNetwork.timeHarmonics(t, h), onehot);
        INDArray expected = net.mlp().predict(byHand).dup();
        INDArray actual = net.predict(x, Nd4j.createFromArray(t).castTo(DataType.FLOAT), labels).dup();
        assertTrue(expected.amaxNumber().doubleValue() > 0.1);
        assertEquals(0, actual.sub(expected).amaxNumber().doubleValue(), 1e-5);
        // the harmonics reach the output: the same weights with t shifted by 2 (ψ unchanged, t not) differ
        INDArray shifted = net.predict(x, Nd4j.createFromArray(t).castTo(DataType.FLOAT).add(2), labels);
        assertTrue(shifted.sub(actual).amaxNumber().doubleValue() > 1e-4);
    }

    @Test
    void specsWithTimeHarmonicsRoundTripAndBadOnesAreRefused() {
        MlpVelocityNetwork a = new MlpVelocityNetwork(3, 16, 2, 0, new InputFeatures.Identity(), 4, 1);
        assertEquals("mlp:d=3:h=16:l=2:k=0:t=4", a.spec());
        MlpVelocityNetwork b = new MlpVelocityNetwork(3, 16, 2, 2, InputFeatures.parse("rff8s2.5"), 3, 1);
        assertEquals("mlp:d=3:h=16:l=2:k=2:x=rff8s2.5:t=3", b.spec());
        for (MlpVelocityNetwork net : new MlpVelocityNetwork[] {a, b}) {
            MlpVelocityNetwork back = MlpVelocityNetwork.fromSpec(net.spec(), 1);
            assertEquals(net.spec(), back.spec());
            assertEquals(net.parameters().length(), back.parameters().length());
        }
        assertEquals("mlp:d=3:h=16:l=2:k=0", new MlpVelocityNetwork(3, 16, 2, 0, 1).spec());
        assertThrows(IllegalArgumentException.class, () -> MlpVelocityNetwork.fromSpec("mlp:d=3:h=16:l=2:k=0:t=3:x=id", 0));
        assertThrows(IllegalArgumentException.class, () -> MlpVelocityNetwork.fromSpec("mlp:d=3:h=16:l=2:k=0:t=x", 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MlpVelocityNetwork.fromSpec("mlp:d=3:h=16:l=2:k=0:t=17", 0));
        assertTrue(e.getMessage().contains("[0, 16]"), e.getMessage());
    }
}
