package org.flowmatch4j.manifolds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.flowmatch4j.core.util.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class QuaternionsTest {
    /** SLERP of quaternions and the SO(3) geodesic exp_{R0}(t log_{R0} R1) are the same curve of rotations. */
    @Test
    void slerpFollowsTheSo3Geodesic() {
        So3 so3 = new So3();
        INDArray r = so3.projectPoint(so3.sampleBase(40, new Rng(2)).castTo(DataType.DOUBLE));
        for (int k = 0; k + 1 < 40; k += 2) {
            double[] m0 = r.getRow(k).toDoubleVector(), m1 = r.getRow(k + 1).toDoubleVector();
            double[] q0 = Quaternions.fromMatrix(m0), q1 = Quaternions.fromMatrix(m1);
            for (int a = 0; a < 9; a++) assertEquals(m0[a], Quaternions.toMatrix(q0)[a], 1e-12);
            INDArray x0 = Nd4j.createFromArray(new double[][] {m0}), x1 = Nd4j.createFromArray(new double[][] {m1});
            for (double t : new double[] {0.0, 0.3, 0.5, 0.9, 1.0}) {
                double[] geo = so3.expMap(x0, so3.logMap(x0, x1).mul(t)).toDoubleVector();
                double[] sl = Quaternions.toMatrix(Quaternions.slerp(q0, q1, t));
                for (int a = 0; a < 9; a++) assertEquals(geo[a], sl[a], 1e-9, "pair " + k + " t " + t);
            }
        }
    }

    @Test
    void expAndLogAreInverseAndTheAngleIsTwiceTheLogNorm() {
        Rng rng = new Rng(3);
        for (int k = 0; k < 50; k++) {
            double[] v = {rng.gaussian() * 0.8, rng.gaussian() * 0.8, rng.gaussian() * 0.8};
            double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
            if (n >= Math.PI) continue;
            double[] back = Quaternions.log(Quaternions.exp(v));
            for (int a = 0; a < 3; a++) assertEquals(v[a], back[a], 1e-12);
            INDArray id = Nd4j.createFromArray(new double[][] {So3.fromQuaternion(1, 0, 0, 0)});
            INDArray rot = Nd4j.createFromArray(new double[][] {Quaternions.toMatrix(Quaternions.exp(v))});
            assertEquals(Math.min(2 * n, 2 * Math.PI - 2 * n), new So3().dist(id, rot).getDouble(0), 1e-9);
        }
    }
}
