package org.flowmatch4j.proteins.flow;

import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.manifolds.Quaternions;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ReQFlow's sampler step (Yue et al. 2025): each residue's rotation as a unit quaternion q moves towards the
 * predicted q̂1 by SLERP in exponential form, q ← q ⊗ exp(s · log(q* ⊗ q̂1)) on the shorter arc, with
 * s = dt · c for the exponential rotation schedule of rate c, or s = dt / (1 − t) for the linear one (c ≤ 0). The
 * translations take the Euler step x ← x + dt (x̂1 − x)/(1 − t). On SO(3) this is the same geodesic move as
 * {@link FrameFlow#eulerStep} (tested), computed without matrix logarithms, which is what keeps it stable near π.
 */
public final class QuaternionFlow {
    private QuaternionFlow() {}

    /** One step on rows [B·L, 12] (row-major rotation, translation in nm). */
    public static INDArray eulerStep(INDArray x, INDArray x1Pred, double t, double dt, double rotationRate) {
        Checks.require(t + dt <= 1 + 1e-9 && t < 1, "need t < 1 and t + dt <= 1, got t=%s dt=%s", t, dt);
        double s = FrameFlow.rotationFraction(t, dt, rotationRate), f = dt / (1 - t);
        double[][] rows = x.castTo(DataType.DOUBLE).toDoubleMatrix(), pred = x1Pred.castTo(DataType.DOUBLE).toDoubleMatrix();
        for (int i = 0; i < rows.length; i++) {
            double[] r = rows[i], p = pred[i];
            double[] q = Quaternions.slerp(Quaternions.fromMatrix(r), Quaternions.fromMatrix(p), s);
            System.arraycopy(Quaternions.toMatrix(q), 0, r, 0, 9);
            for (int k = 9; k < 12; k++) r[k] += f * (p[k] - r[k]);
        }
        return Nd4j.createFromArray(rows).castTo(x.dataType());
    }
}
