package org.flowmatch4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.flowmatch4j.core.coupling.ExactOtCoupling;
import org.flowmatch4j.core.coupling.LinearAssignment;
import org.flowmatch4j.core.coupling.Pairing;
import org.flowmatch4j.core.coupling.SquaredEuclideanCost;
import org.flowmatch4j.core.util.Rng;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
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
 * Exact minibatch OT between N(0, I) and N(1, I) clouds in 2-D (squared Euclidean cost), as compared with POT's
 * {@code ot.emd} in docs/performance.md: the whole coupling (cost matrix included) and the dense solver alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ExactOtBenchmark {
    @Param({"256", "1024"})
    public int n;

    private double[] cost;
    private INDArray x0, x1;
    private final Rng rng = new Rng(2);

    @Setup
    public void setUp() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Rng r = new Rng(1);
        x0 = r.normal(n, 2);
        x1 = r.normal(n, 2).addi(1);
        cost = SquaredEuclideanCost.of(x0, x1);
    }

    /** The whole coupling from the two point sets: cost matrix, candidates, sparse solve and dense certificate. */
    @Benchmark
    public Pairing exactOtCoupling() {
        return new ExactOtCoupling().pair(x0, x1, rng);
    }

    /** The dense Jonker–Volgenant search alone on a precomputed cost matrix (the coupling's solver before). */
    @Benchmark
    public int[] denseJonkerVolgenant() {
        return LinearAssignment.solveDense(cost, n);
    }
}
