package org.flowmatch4j.proteins.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.proteins.flow.FrameFlow;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The clash and auxiliary weights enter the loss as documented: the clash term is recomputed here from the predicted
 * Cα positions (Σ_{|i−j|≥3} max(0, 0.34 nm − d)² / N times w_p at late t), and the auxiliary terms scale linearly.
 */
class FrameLossWeightsTest {
    private static final FrameModel.Config TINY = new FrameModel.Config(16, 8, 2, 8, 2, 2, 1);
    private static final int N = 10, B = 3;

    @Test
    void clashTermIsTheClosedFormOnThePrediction() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        FrameModel model = new FrameModel(TINY, 2);
        Rng rng = new Rng(7);
        INDArray xt = FrameFlow.noise(B, N, rng), x1 = FrameFlow.noise(B, N, rng);
        xt.get(NDArrayIndex.all(), NDArrayIndex.interval(9, 12)).muli(0.1);   // squeezed: the untrained prediction clashes
        double[] t = {0.8, 0.9, 0.95};
        INDArray pred = model.predict(xt, t, null, N, null);
        double expected = 0;
        for (int p = 0; p < B; p++) {
            double sum = 0;
            for (int i = 0; i < N; i++) {
                for (int j = i + 3; j < N; j++) {
                    double d = 0;
                    for (int k = 9; k < 12; k++) d += Math.pow(pred.getDouble(p * N + i, k) - pred.getDouble(p * N + j, k), 2);
                    sum += Math.pow(Math.max(0, 0.34 - Math.sqrt(d)), 2);
                }
            }
            expected += 1 / Math.pow(Math.max(1 - t[p], 0.1), 2) * sum / N / B;
        }
        assertTrue(expected > 1e-3, "the test input must clash: " + expected);
        model.setClashWeight(0);
        double without = model.loss(xt, x1, t, null, N, null);
        model.setClashWeight(2);
        assertEquals(2 * expected, model.loss(xt, x1, t, null, N, null) - without, 1e-3 * expected);
    }

    @Test
    void auxiliaryWeightScalesTheLateTermsOnly() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        FrameModel model = new FrameModel(TINY, 3);
        model.setClashWeight(0);
        Rng rng = new Rng(8);
        INDArray xt = FrameFlow.noise(B, N, rng), x1 = FrameFlow.noise(B, N, rng);
        double[] late = {0.8, 0.9, 0.95}, early = {0.1, 0.5, 0.7};
        double[] loss = new double[3], earlyLoss = new double[3];
        for (int w = 0; w < 3; w++) {
            model.setAuxWeight(w);
            loss[w] = model.loss(xt, x1, late, null, N, null);
            earlyLoss[w] = model.loss(xt, x1, early, null, N, null);
        }
        assertTrue(loss[1] - loss[0] > 1e-3, "the late auxiliary terms are positive");
        assertEquals(loss[1] - loss[0], loss[2] - loss[1], 1e-4 * loss[2]);
        assertEquals(earlyLoss[0], earlyLoss[2], 1e-6 * earlyLoss[0], "no auxiliary terms before t = 0.75");
        assertThrows(IllegalArgumentException.class, () -> model.setAuxWeight(-1));
        assertThrows(IllegalArgumentException.class, () -> model.setClashWeight(Double.NaN));
    }
}
