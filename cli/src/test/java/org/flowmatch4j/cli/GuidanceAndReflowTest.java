package org.flowmatch4j.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.flowmatch4j.cli.nets.MlpVelocityNetwork;
import org.flowmatch4j.core.coupling.IndependentCoupling;
import org.flowmatch4j.core.data.ToyDistribution;
import org.flowmatch4j.core.guidance.ClassifierFreeGuidance;
import org.flowmatch4j.core.metrics.Straightness;
import org.flowmatch4j.core.model.NetworkField;
import org.flowmatch4j.core.path.AffineProbPath;
import org.flowmatch4j.core.path.scheduler.CondOtScheduler;
import org.flowmatch4j.core.reflow.Reflow;
import org.flowmatch4j.core.solver.OdeSolver;
import org.flowmatch4j.core.solver.StepListener;
import org.flowmatch4j.core.solver.TimeGrid;
import org.flowmatch4j.core.train.FlowBatch;
import org.flowmatch4j.core.train.Trainer;
import org.flowmatch4j.core.train.TrainerConfig;
import org.flowmatch4j.core.util.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GuidanceAndReflowTest {
    /** Two blobs at x = -4 (label 0) and x = +4 (label 1), std 0.5. */
    private static FlowBatch blobs(int b, Rng rng) {
        int[] y = new int[b];
        INDArray x1 = rng.normal(b, 2).muli(0.5);
        for (int i = 0; i < b; i++) {
            y[i] = rng.nextInt(2);
            x1.putScalar(i, 0, x1.getDouble(i, 0) + (y[i] == 1 ? 4 : -4));
        }
        return new FlowBatch(rng.normal(b, 2), x1, y);
    }

    @Test
    void classifierFreeGuidanceSteersSamplesToTheirClass() throws Exception {
        MlpVelocityNetwork net = new MlpVelocityNetwork(2, 64, 3, 2, 1);
        new Trainer(net, new AffineProbPath(new CondOtScheduler()), new IndependentCoupling(), GuidanceAndReflowTest::blobs,
                TrainerConfig.builder().steps(1000).batchSize(128).conditionDropout(0.2).seed(3).build()).train(null);
        INDArray x0 = new Rng(4).normal(1000, 2);
        for (double w : new double[] {0, 2}) {
            INDArray s = OdeSolver.rk4().solve(ClassifierFreeGuidance.guided(
                    (x, t, y) -> net.forward(x, Nd4j.valueArrayOf(new long[] {x.size(0)}, t, x.dataType()), y).dup(),
                    1, 2, w), x0, TimeGrid.uniform(0, 1, 50), StepListener.NONE).x();
            double right = s.getColumn(0).gt(0).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).meanNumber().doubleValue();
            assertTrue(right > 0.97, "w=" + w + ": fraction in the label-1 blob " + right);
        }
        INDArray u = OdeSolver.rk4().solve(new NetworkField(net, new int[] {2}), x0, TimeGrid.uniform(0, 1, 50),
                StepListener.NONE).x();
        double right = u.getColumn(0).gt(0).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).meanNumber().doubleValue();
        assertTrue(right > 0.35 && right < 0.65, "the null token gives both blobs: " + right);
    }

    @Test
    void reflowStraightensPaths() throws Exception {
        TrainerConfig cfg = TrainerConfig.builder().steps(1000).batchSize(256).seed(5).build();
        MlpVelocityNetwork first = new MlpVelocityNetwork(2, 64, 3, 0, 1);
        new Trainer(first, new AffineProbPath(new CondOtScheduler()), new IndependentCoupling(),
                (b, rng) -> new FlowBatch(rng.normal(b, 2), ToyDistribution.EIGHT_GAUSSIANS.sample(b, rng), null), cfg).train(null);
        Rng rng = new Rng(6);
        Reflow.PairedData pairs = Reflow.generatePairs(NetworkField.of(first), rng.normal(4096, 2),
                OdeSolver.dopri5(1e-4, 1e-4), TimeGrid.uniform(0, 1, 1));
        MlpVelocityNetwork second = new MlpVelocityNetwork(2, 64, 3, 0, 2);
        new Trainer(second, new AffineProbPath(new CondOtScheduler()), new IndependentCoupling(), pairs, cfg).train(null);
        INDArray probe = rng.normal(1000, 2);
        double before = Straightness.of(NetworkField.of(first), probe, 100);
        double after = Straightness.of(NetworkField.of(second), probe, 100);
        assertTrue(after < 0.5 * before, "straightness before " + before + ", after reflow " + after);
    }
}
