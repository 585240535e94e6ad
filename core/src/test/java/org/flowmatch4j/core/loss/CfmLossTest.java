package org.flowmatch4j.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.flowmatch4j.core.util.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class CfmLossTest {
    private final Rng rng = new Rng(9);

    @Test
    void lossIsTheMeanSquaredErrorAndGradientMatchesFiniteDifferences() {
        for (TimeWeighting w : TimeWeighting.values()) {
            CfmLoss loss = new CfmLoss(w);
            INDArray v = rng.normal(8, 3).castTo(DataType.DOUBLE), u = rng.normal(8, 3).castTo(DataType.DOUBLE);
            INDArray t = rng.uniform(8).castTo(DataType.DOUBLE);
            INDArray g = v.ulike();
            double l = loss.lossAndGradient(v, u, t, g);
            if (w == TimeWeighting.NONE) assertEquals(CfmLoss.mse(v, u), l, 1e-12);
            double h = 1e-6;
            for (int i = 0; i < 8; i++) for (int j = 0; j < 3; j++) {
                INDArray vp = v.dup(), vm = v.dup();
                vp.putScalar(i, j, v.getDouble(i, j) + h);
                vm.putScalar(i, j, v.getDouble(i, j) - h);
                double fd = (loss.lossAndGradient(vp, u, t, vp.ulike()) - loss.lossAndGradient(vm, u, t, vm.ulike())) / (2 * h);
                assertEquals(fd, g.getDouble(i, j), 1e-7, w + " at " + i + "," + j);
            }
        }
    }
}
