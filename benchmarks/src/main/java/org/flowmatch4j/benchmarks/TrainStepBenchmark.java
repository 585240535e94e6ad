package org.flowmatch4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.flowmatch4j.cli.nets.MlpVelocityNetwork;
import org.flowmatch4j.core.coupling.IndependentCoupling;
import org.flowmatch4j.core.data.ToyDistribution;
import org.flowmatch4j.core.path.AffineProbPath;
import org.flowmatch4j.core.path.scheduler.CondOtScheduler;
import org.flowmatch4j.core.train.FlowBatch;
import org.flowmatch4j.core.train.StepInfo;
import org.flowmatch4j.core.train.Trainer;
import org.flowmatch4j.core.train.TrainerConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** One full flow-matching train step of the 3×256 SiLU MLP (data, path, forward, loss, backward, Adam). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TrainStepBenchmark {
    @Param({"256", "4096"})
    public int batch;

    private Trainer trainer;

    @Setup
    public void setUp() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        MlpVelocityNetwork net = new MlpVelocityNetwork(2, 256, 3, 0, 1);
        trainer = new Trainer(net, new AffineProbPath(new CondOtScheduler()), new IndependentCoupling(),
                (b, rng) -> new FlowBatch(rng.normal(b, 2), ToyDistribution.MOONS.sample(b, rng), null),
                TrainerConfig.builder().steps(Integer.MAX_VALUE).batchSize(batch).seed(1).build());
    }

    @Benchmark
    public StepInfo trainStep() {
        return trainer.trainStep(System.nanoTime());
    }
}
