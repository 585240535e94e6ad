package org.flowmatch4j.core.train;

import java.nio.file.Files;
import java.nio.file.Path;
import org.flowmatch4j.core.coupling.ExactOtCoupling;
import org.flowmatch4j.core.path.AffineProbPath;
import org.flowmatch4j.core.path.scheduler.CondOtScheduler;
import org.flowmatch4j.core.testing.AffineNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The process {@link KillNineTest} kills: trains the test's affine flow, checkpointing after every step to
 * args[0], resuming from it when it exists, up to args[1] steps.
 */
public final class KillTarget {
    static final FlowBatchSource SHIFTED = (b, rng) -> {
        INDArray x0 = rng.normal(b, 2).castTo(DataType.DOUBLE);
        return new FlowBatch(x0, rng.normal(b, 2).castTo(DataType.DOUBLE).addi(3), null);
    };

    static Trainer trainer(AffineNetwork net, int steps, int checkpointEvery) {
        TrainerConfig cfg = TrainerConfig.builder().steps(steps).batchSize(64).emaDecay(0.9).gradClipNorm(1.0).seed(11)
                .checkpointEvery(checkpointEvery).build();
        return new Trainer(net, new AffineProbPath(new CondOtScheduler()), new ExactOtCoupling(), SHIFTED, cfg);
    }

    public static void main(String[] args) throws Exception {
        Path checkpoint = Path.of(args[0]);
        Trainer t = trainer(new AffineNetwork(2, 0, 1, DataType.DOUBLE), Integer.parseInt(args[1]), 1);
        if (Files.exists(checkpoint)) t.resume(checkpoint);
        System.out.println("started at step " + t.step());
        System.out.flush();
        t.train(checkpoint);
    }
}
