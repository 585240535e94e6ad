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

    @Nested class So3Contract extends ManifoldContractTest {
        @Override Manifold manifold() { return new So3(); }

        @Test
        void distanceIsTheRotationAngle() {
            double th = 2.5;
            INDArray id = Nd4j.createFromArray(new double[][] {So3.fromQuaternion(1, 0, 0, 0)});
            INDArray rz = Nd4j.createFromArray(new double[][] {So3.fromQuaternion(Math.cos(th / 2), 0, 0, Math.sin(th / 2))});
            assertEquals(th, manifold().dist(id, rz).getDouble(0), 1e-12);
            double[] r = rz.toDoubleVector();
            assertEquals(Math.cos(th), r[0], 1e-12);
            assertEquals(-Math.sin(th), r[1], 1e-12);
            INDArray nearPi = Nd4j.createFromArray(new double[][] {So3.fromQuaternion(Math.cos(1.5705), Math.sin(1.5705), 0, 0)});
            assertEquals(3.141, manifold().dist(id, nearPi).getDouble(0), 1e-12);
            assertEquals(-Math.log(8 * Math.PI * Math.PI), manifold().baseLogDensity(id)[0], 1e-12);
        }
    }

    @Nested class Se3Contract extends ManifoldContractTest {
        @Override Manifold manifold() { return Se3.of(1, 0.25); }

        @Test
        void distanceCombinesRotationAndTranslation() {
            double[] rot = So3.fromQuaternion(Math.cos(0.3), 0, Math.sin(0.3), 0);      // angle 0.6
            INDArray a = Nd4j.hstack(Nd4j.createFromArray(new double[][] {So3.fromQuaternion(1, 0, 0, 0)}),
                    Nd4j.createFromArray(new double[][] {{0, 0, 0}}));
            INDArray b = Nd4j.hstack(Nd4j.createFromArray(new double[][] {rot}), Nd4j.createFromArray(new double[][] {{3, 0, 4}}));
            assertEquals(Math.sqrt(0.36 + 0.25 * 25), manifold().dist(a, b).getDouble(0), 1e-12);
            assertEquals(6, manifold().dim());
        }
    }

    /** A weighted product of curved, flat and Euclidean factors (Se3ⁿ × Tᵐ-style state spaces). */
    @Nested class ProductContract extends ManifoldContractTest {
        @Override Manifold manifold() {
            return new ProductManifold(java.util.List.of(new Sphere(2), new FlatTorus(2), new Euclidean(2), new So3()),
                    new double[] {1, 0.5, 2, 1});
        }

        @Test
        void dimensionsAndSquaredDistancesAdd() {
            ProductManifold p = (ProductManifold) manifold();
            assertEquals(2 + 2 + 2 + 3, p.dim());
            assertEquals(3 + 2 + 2 + 9, p.ambientDim());
            INDArray x = points(8), y = points(8);
            INDArray expected = p.factors().get(0).dist(p.part(x, 0), p.part(y, 0)).mul(0);
            for (int i = 0; i < 4; i++) {
                INDArray d = p.factors().get(i).dist(p.part(x, i), p.part(y, i));
                expected.addi(d.mul(d).muli(p.weight(i)));
            }
            INDArray got = p.dist(x, y);
            assertClose(got.mul(got), expected, 1e-10);
        }
    }

    @Nested class PoincareContract extends ManifoldContractTest {
        @Override Manifold manifold() { return new PoincareBall(3); }

        @Override boolean metricInducedByEmbedding() { return false; }

        @Test
        void distanceFromTheOriginIsTwiceArtanhOfTheRadius() {
            INDArray o = Nd4j.zeros(DataType.DOUBLE, 1, 3), x = Nd4j.createFromArray(new double[][] {{0.6, 0, 0}});
            assertEquals(2 * 0.5 * Math.log(1.6 / 0.4), manifold().dist(o, x).getDouble(0), 1e-12);
        }
    }

    @Nested class SimplexContract extends ManifoldContractTest {
        @Override Manifold manifold() { return new Simplex(4); }

        @Override boolean metricInducedByEmbedding() { return false; }

        /** Points kept away from the faces so the test moves stay in the open simplex. */
        @Override INDArray points(int n) { return super.points(n).muli(0.5).addi(0.125); }

        @Override double tangentLength() { return 0.2; }

        @Test
        void fisherRaoDistanceInClosedForm() {
            INDArray p = Nd4j.createFromArray(new double[][] {{0.1, 0.2, 0.3, 0.4}});
            INDArray q = Nd4j.createFromArray(new double[][] {{0.25, 0.25, 0.25, 0.25}});
            double bc = 0;
            for (int i = 0; i < 4; i++) bc += Math.sqrt(p.getDouble(0, i) * 0.25);
            assertEquals(2 * Math.acos(bc), manifold().dist(p, q).getDouble(0), 1e-12);
            assertEquals(0, manifold().logMap(p, q).sumNumber().doubleValue(), 1e-12);
        }
    }

    @Test
    void euclideanLogDensityIsStandardNormal() {
        INDArray x = Nd4j.createFromArray(new double[][] {{1, 2}}).castTo(DataType.DOUBLE);
        assertEquals(-0.5 * 5 - Math.log(2 * Math.PI), new Euclidean(2).baseLogDensity(x)[0], 1e-12);
    }
}
