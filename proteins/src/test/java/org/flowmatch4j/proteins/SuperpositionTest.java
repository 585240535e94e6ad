package org.flowmatch4j.proteins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.apache.commons.math3.geometry.euclidean.threed.Rotation;
import org.apache.commons.math3.geometry.euclidean.threed.RotationConvention;
import org.apache.commons.math3.geometry.euclidean.threed.Vector3D;
import org.flowmatch4j.proteins.align.Superposition;
import org.junit.jupiter.api.Test;

class SuperpositionTest {
    /** y = R x + t (+ small noise): the fit recovers R and t (Commons Math rotations as the independent reference). */
    @Test
    void recoversAKnownRigidMotion() {
        Random rnd = new Random(4);
        for (int trial = 0; trial < 20; trial++) {
            Rotation r = new Rotation(new Vector3D(rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()),
                    rnd.nextDouble() * 3.1, RotationConvention.VECTOR_OPERATOR);
            double[] t = {rnd.nextGaussian() * 10, rnd.nextGaussian() * 10, rnd.nextGaussian() * 10};
            int n = 12;
            double[][] x = new double[n][], y = new double[n][];
            int[] idx = new int[n];
            for (int k = 0; k < n; k++) {
                x[k] = new double[] {rnd.nextGaussian() * 5, rnd.nextGaussian() * 5, rnd.nextGaussian() * 5};
                Vector3D v = r.applyTo(new Vector3D(x[k]));
                y[k] = new double[] {v.getX() + t[0], v.getY() + t[1], v.getZ() + t[2]};
                idx[k] = k;
            }
            Superposition s = Superposition.fit(x, y, idx, n);
            double[][] m = r.getMatrix();
            for (int a = 0; a < 3; a++) {
                assertEquals(t[a], s.translation()[a], 1e-9);
                for (int b = 0; b < 3; b++) assertEquals(m[a][b], s.rotation()[3 * a + b], 1e-9, "trial " + trial);
            }
        }
    }
}
