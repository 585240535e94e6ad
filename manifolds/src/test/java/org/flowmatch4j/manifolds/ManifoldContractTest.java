package org.flowmatch4j.manifolds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.flowmatch4j.core.util.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Geometry every {@link Manifold} must satisfy; subclasses add closed-form checks. */
abstract class ManifoldContractTest {
    static final double TOL = 1e-9;
    final Rng rng = new Rng(42);

    abstract Manifold manifold();

    /** Tangent vectors at x small enough to stay inside the injectivity radius (|u| &lt; π/2 per row). */
    INDArray smallTangent(INDArray x) {
        INDArray u = manifold().projectTangent(x, rng.normal((int) x.size(0), manifold().ambientDim()).castTo(DataType.DOUBLE));
        INDArray n = manifold().norm(x, u).reshape(x.size(0), 1).addi(1e-12);
        return u.divColumnVector(n).muli(tangentLength());
    }

    /** Length of the test tangent vectors (inside the injectivity radius of the test points). */
    double tangentLength() { return 1.2; }

    /** Base samples, re-projected in double precision. */
    INDArray points(int n) { return manifold().projectPoint(manifold().sampleBase(n, rng).castTo(DataType.DOUBLE)); }

    /** Whether the metric is (a constant multiple of) the one induced by the embedding. */
    boolean metricInducedByEmbedding() { return true; }

    static void assertClose(INDArray a, INDArray b, double tol) {
        double err = a.sub(b).amaxNumber().doubleValue();
        assertTrue(err < tol, "max abs difference " + err);
    }

    @Test
    void projectionsAreIdempotentAndBaseSamplesLieOnTheManifold() {
        INDArray x = points(64);
        assertClose(manifold().projectPoint(x), x, TOL);
        INDArray u = manifold().projectTangent(x, rng.normal(64, manifold().ambientDim()).castTo(DataType.DOUBLE));
        assertClose(manifold().projectTangent(x, u), u, TOL);
    }

    @Test
    void expOfLogIsIdentity() {
        INDArray x = points(64), y = points(64);
        INDArray back = manifold().expMap(x, manifold().logMap(x, y));
        assertTrue(manifold().dist(back, y).amaxNumber().doubleValue() < 1e-7);
    }

    @Test
    void logOfExpIsIdentityInsideTheInjectivityRadius() {
        INDArray x = points(64);
        INDArray u = smallTangent(x);
        assertClose(manifold().logMap(x, manifold().expMap(x, u)), u, 1e-8);
    }

    @Test
    void logMapsAreTangentAndVanishAtTheBasePoint() {
        INDArray x = points(32), y = points(32);
        INDArray v = manifold().logMap(x, y);
        assertClose(manifold().projectTangent(x, v), v, 1e-9);
        assertClose(manifold().logMap(x, x), Nd4j.zeros(DataType.DOUBLE, 32, manifold().ambientDim()), 1e-7);
    }

    @Test
    void geodesicsHitTheirEndpointsAndMoveAtConstantSpeed() {
        INDArray x = points(32);
        INDArray u = smallTangent(x);
        assertClose(manifold().expMap(x, u.mul(0)), x, TOL);
        INDArray speed = manifold().norm(x, u);
        for (double t : new double[] {0.25, 0.5, 1.0}) {
            assertClose(manifold().dist(x, manifold().expMap(x, u.mul(t))), speed.mul(t), 1e-8);
        }
    }

    @Test
    void distanceIsSymmetricAndEqualsTheNormOfTheLog() {
        INDArray x = points(64), y = points(64);
        INDArray dxy = manifold().dist(x, y), dyx = manifold().dist(y, x);
        assertClose(dxy, dyx, 1e-8);
        assertClose(dxy, manifold().norm(x, manifold().logMap(x, y)), TOL);
        assertEquals(0, dxy.minNumber().doubleValue() < 0 ? 1 : 0);
    }

    @Test
    void triangleInequality() {
        INDArray x = points(64), y = points(64), z = points(64);
        INDArray slack = manifold().dist(x, y).add(manifold().dist(y, z)).sub(manifold().dist(x, z));
        assertTrue(slack.minNumber().doubleValue() > -1e-9);
    }

    /** H(x) = Σ_i II(f_i, f_i), each II(f, f) the ambient acceleration of t ↦ exp_x(t f), by central differences. */
    @Test
    void meanCurvatureIsTheSumOfGeodesicAccelerations() {
        INDArray x = points(6);
        if (!metricInducedByEmbedding()) {
            assertThrows(UnsupportedOperationException.class, () -> manifold().meanCurvature(x));
            return;
        }
        INDArray h = manifold().meanCurvature(x);
        int d = manifold().ambientDim();
        double s = 1e-3;
        for (int r = 0; r < x.size(0); r++) {
            INDArray xr = x.getRow(r, true);
            java.util.List<INDArray> basis = new java.util.ArrayList<>();
            for (int k = 0; k < d; k++) {
                INDArray f = manifold().projectTangent(xr, Nd4j.zeros(DataType.DOUBLE, 1, d).putScalar(0, k, 1));
                for (INDArray b : basis) f.subi(b.mul(f.mul(b).sumNumber().doubleValue()));
                double n = f.norm2Number().doubleValue();
                if (n > 1e-6) basis.add(f.divi(n));
            }
            assertEquals(manifold().dim(), basis.size(), "tangent basis size");
            INDArray sum = Nd4j.zeros(DataType.DOUBLE, 1, d);
            for (INDArray f : basis) {
                sum.addi(manifold().expMap(xr, f.mul(s)).add(manifold().expMap(xr, f.mul(-s))).sub(xr.mul(2)).divi(s * s));
            }
            assertClose(h.getRow(r, true), sum, 1e-4);
        }
    }
}
