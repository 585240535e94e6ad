package org.flowmatch4j.manifolds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.flowmatch4j.core.path.PathSample;
import org.flowmatch4j.core.util.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class RiemannianCfmLossTest {
    private final Rng rng = new Rng(4);

    private void checkAgainstFiniteDifferences(Manifold m) {
        int b = 5, d = m.ambientDim();
        INDArray xt = m.projectPoint(m.sampleBase(b, rng).castTo(DataType.DOUBLE));
        INDArray target = m.projectTangent(xt, rng.normal(b, d).castTo(DataType.DOUBLE));
        INDArray v = rng.normal(b, d).castTo(DataType.DOUBLE);
        PathSample s = new PathSample(xt, xt, rng.uniform(b).castTo(DataType.DOUBLE), xt, target);
        RiemannianCfmLoss loss = new RiemannianCfmLoss(m);
        INDArray g = v.ulike();
        double l = loss.lossAndGradient(s, v, g);
        INDArray r = m.projectTangent(xt, v.sub(target));
        assertEquals(m.inner(xt, r, r).sumNumber().doubleValue() / (b * d), l, 1e-12);
        double h = 1e-6;
        for (int i = 0; i < b; i++) for (int j = 0; j < d; j++) {
            INDArray vp = v.dup(), vm = v.dup();
            vp.putScalar(i, j, v.getDouble(i, j) + h);
            vm.putScalar(i, j, v.getDouble(i, j) - h);
            double fd = (loss.lossAndGradient(s, vp, vp.ulike()) - loss.lossAndGradient(s, vm, vm.ulike())) / (2 * h);
            assertEquals(fd, g.getDouble(i, j), 1e-7, m + " at " + i + "," + j);
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        checkAgainstFiniteDifferences(new Sphere(2));
        checkAgainstFiniteDifferences(new So3());
        checkAgainstFiniteDifferences(Se3.of(1, 0.25));
        checkAgainstFiniteDifferences(ProductManifold.of(new So3(), new Euclidean(3), new FlatTorus(1)));
    }

    @Test
    void metricsThatAreNotAmbientMultiplesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RiemannianCfmLoss(new Simplex(3)));
        assertThrows(IllegalArgumentException.class, () -> new RiemannianCfmLoss(ProductManifold.of(new Sphere(2), new PoincareBall(2))));
    }
}
