package org.flowmatch4j.manifolds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ManifoldsTest {
    @Nested class EuclideanContract extends ManifoldContractTest {
        @Override Manifold manifold() { return new Euclidean(3); }
    }

    @Nested class Sphere2Contract extends ManifoldContractTest {
        @Override Manifold manifold() { return new Sphere(2); }

        @Test
        void greatCirclesInClosedForm() {
            INDArray e1 = Nd4j.createFromArray(new double[][] {{1, 0, 0}}), e2 = Nd4j.createFromArray(new double[][] {{0, 1, 0}});
            assertEquals(Math.PI / 2, manifold().dist(e1, e2).getDouble(0), 1e-12);
            double th = 0.7;
            INDArray p = manifold().expMap(e1, e2.mul(th));
            assertClose(p, Nd4j.createFromArray(new double[][] {{Math.cos(th), Math.sin(th), 0}}), 1e-12);
            assertClose(manifold().logMap(e1, p), e2.mul(th), 1e-12);
            // uniform density on S²: 1 / (4π)
            assertEquals(-Math.log(4 * Math.PI), manifold().baseLogDensity(e1)[0], 1e-12);
        }
    }

    @Nested class Sphere5Contract extends ManifoldContractTest {
        @Override Manifold manifold() { return new Sphere(5); }
    }

    @Nested class TorusContract extends ManifoldContractTest {
        @Override Manifold manifold() { return new FlatTorus(3); }

        @Test
        void anglesWrapAndDistancesTakeTheShortWayRound() {
            INDArray a = Nd4j.createFromArray(new double[][] {{0.1, 3.0, 6.0}});
            INDArray b = Nd4j.createFromArray(new double[][] {{2 * Math.PI - 0.1, 3.5, 0.2}});
            INDArray log = manifold().logMap(a, b);
            assertClose(log, Nd4j.createFromArray(new double[][] {{-0.2, 0.5, 0.2 + 2 * Math.PI - 6.0}}), 1e-12);
            assertClose(manifold().expMap(a, Nd4j.createFromArray(new double[][] {{-0.2, 0, 1}})),
                    Nd4j.createFromArray(new double[][] {{2 * Math.PI - 0.1, 3.0, 7.0 - 2 * Math.PI}}), 1e-12);
            assertEquals(-3 * Math.log(2 * Math.PI), manifold().baseLogDensity(a)[0], 1e-12);
        }
    }

    @Test
    void euclideanLogDensityIsStandardNormal() {
        INDArray x = Nd4j.createFromArray(new double[][] {{1, 2}}).castTo(DataType.DOUBLE);
        assertEquals(-0.5 * 5 - Math.log(2 * Math.PI), new Euclidean(2).baseLogDensity(x)[0], 1e-12);
    }
}
