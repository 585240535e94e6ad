package org.flowmatch4j.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.flowmatch4j.core.testing.AffineNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * v = s · f: outputs scale by s, and the parameter gradient of L = Σ c ⊙ v and the vector-Jacobian product in x
 * agree with central finite differences of the scaled network itself.
 */
class ScaledVelocityNetworkTest {
    private static final double S = 0.037, H = 1e-6;

    private static double loss(VelocityNetwork net, INDArray x, INDArray t, INDArray c) {
        return net.forward(x, t, null).mul(c).sumNumber().doubleValue();
    }

    @Test
    void outputsGradientsAndVjpAreThoseOfTheScaledFunction() {
        AffineNetwork inner = new AffineNetwork(3, 0, 4, DataType.DOUBLE);
        ScaledVelocityNetwork net = new ScaledVelocityNetwork(inner, S);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 3), t = Nd4j.rand(DataType.DOUBLE, 5), c = Nd4j.randn(DataType.DOUBLE, 5, 3);
        INDArray f = inner.forward(x, t, null).dup();
        assertEquals(0, net.forward(x, t, null).sub(f.mul(S)).amaxNumber().doubleValue(), 1e-15);
        assertEquals(0, net.predict(x, t, null).sub(f.mul(S)).amaxNumber().doubleValue(), 1e-15);

        net.forward(x, t, null);
        net.backward(c);
        INDArray grad = net.gradients().dup(), p = net.parameters();
        for (int k = 0; k < p.length(); k += 3) {
            double v = p.getDouble(k);
            p.putScalar(k, v + H);
            double up = loss(net, x, t, c);
            p.putScalar(k, v - H);
            double down = loss(net, x, t, c);
            p.putScalar(k, v);
            assertEquals((up - down) / (2 * H), grad.getDouble(k), 1e-8, "parameter " + k);
        }

        INDArray w = Nd4j.randn(DataType.DOUBLE, 5, 3), vjp = net.vjp(x, t, null, w);
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 3; j++) {
                INDArray xp = x.dup(), xm = x.dup();
                xp.putScalar(i, j, x.getDouble(i, j) + H);
                xm.putScalar(i, j, x.getDouble(i, j) - H);
                double fd = net.forward(xp, t, null).getRow(i).mul(w.getRow(i)).sumNumber().doubleValue()
                        - net.forward(xm, t, null).getRow(i).mul(w.getRow(i)).sumNumber().doubleValue();
                assertEquals(fd / (2 * H), vjp.getDouble(i, j), 1e-8, "row " + i + " coordinate " + j);
            }
        }
        assertEquals(inner.spec(), net.spec());
    }

    @Test
    void refusesNonPositiveScales() {
        AffineNetwork inner = new AffineNetwork(2, 0, 1, DataType.DOUBLE);
        assertThrows(IllegalArgumentException.class, () -> new ScaledVelocityNetwork(inner, 0));
        assertThrows(IllegalArgumentException.class, () -> new ScaledVelocityNetwork(inner, Double.NaN));
    }
}
