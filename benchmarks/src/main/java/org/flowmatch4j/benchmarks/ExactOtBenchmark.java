package org.flowmatch4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.flowmatch4j.core.coupling.LinearAssignment;
import org.flowmatch4j.core.coupling.SquaredEuclideanCost;
import org.flowmatch4j.core.util.Rng;
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

/**
 * Exact minibatch OT: the assignment between N(0, I) and N(1, I) clouds in 2-D (squared Euclidean cost), as compared
 * with POT's {@code ot.emd} in docs/performance.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ExactOtBenchmark {
    @Param({"256", "1024"})
    public int n;

    private double[] cost;

    @Setup
    public void setUp() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Rng rng = new Rng(1);
        cost = SquaredEuclideanCost.of(rng.normal(n, 2), rng.normal(n, 2).addi(1));
    }

    @Benchmark
    public int[] assignment() {
        return LinearAssignment.solve(cost, n, n);
    }
}
