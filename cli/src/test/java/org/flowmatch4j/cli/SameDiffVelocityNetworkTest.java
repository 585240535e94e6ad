package org.flowmatch4j.cli;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.flowmatch4j.cli.nets.MlpVelocityNetwork;
import org.flowmatch4j.core.coupling.IndependentCoupling;
import org.flowmatch4j.core.data.ToyDistribution;
import org.flowmatch4j.core.model.SameDiffVelocityNetwork;
import org.flowmatch4j.core.model.VelocityNetwork;
import org.flowmatch4j.core.path.AffineProbPath;
import org.flowmatch4j.core.path.scheduler.CondOtScheduler;
import org.flowmatch4j.core.train.FlowBatch;
import org.flowmatch4j.core.train.Trainer;
import org.flowmatch4j.core.train.TrainerConfig;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.modules.Mlp;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A SameDiff MLP trained through the adapter must follow the fused DenseMlp step for step (same weights). */
class SameDiffVelocityNetworkTest {
    private static SameDiffVelocityNetwork sameDiffMlp() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 2), t = sd.placeHolder("t", DataType.FLOAT, -1, 1);
        SDVariable v = Mlp.apply(sd, "mlp", sd.concat(1, x, t), new int[] {3, 32, 32, 2}, new SplittableRandom(0));
        return new SameDiffVelocityNetwork(sd, v.name(), 2, 0, "samediff-mlp");
    }

    private static Trainer trainer(VelocityNetwork net) {
        return new Trainer(net, new AffineProbPath(new CondOtScheduler()), new IndependentCoupling(),
                (b, rng) -> new FlowBatch(rng.normal(b, 2), ToyDistribution.MOONS.sample(b, rng), null),
                TrainerConfig.builder().steps(20).batchSize(64).seed(2).build());
    }

    @Test
    void matchesTheFusedMlpThroughTraining() throws Exception {
        SameDiffVelocityNetwork sd = sameDiffMlp();
        MlpVelocityNetwork dense = new MlpVelocityNetwork(2, 32, 2, 0, 9);
        dense.parameters().assign(sd.parameters());          // same flat layout: W0, b0, W1, b1, W2, b2
        Rng rng = new Rng(1);
        INDArray x = rng.normal(16, 2), t = rng.uniform(16);
        assertTrue(sd.forward(x, t, null).equalsWithEps(dense.forward(x, t, null), 1e-5));
        INDArray g = rng.normal(16, 2);
        sd.forward(x, t, null);
        sd.backward(g);
        dense.forward(x, t, null);
        dense.backward(g);
        assertTrue(sd.gradients().equalsWithEps(dense.gradients(), 1e-4));
        trainer(sd).train(null);
        trainer(dense).train(null);
        assertTrue(sd.parameters().equalsWithEps(dense.parameters(), 1e-4), "20 Adam steps agree");
        assertThrows(UnsupportedOperationException.class, () -> sd.vjp(x, t, null, g));
    }
}
