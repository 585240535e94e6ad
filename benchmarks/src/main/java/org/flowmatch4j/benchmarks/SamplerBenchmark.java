package org.flowmatch4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.flowmatch4j.cli.nets.MlpVelocityNetwork;
import org.flowmatch4j.core.model.NetworkField;
import org.flowmatch4j.core.solver.OdeSolver;
import org.flowmatch4j.core.solver.StepListener;
import org.flowmatch4j.core.solver.TimeGrid;
import org.flowmatch4j.core.solver.VelocityField;
import org.flowmatch4j.core.util.Rng;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Sampling: 100 Euler steps of the 3×256 MLP at N = 4096, and the solver's own overhead per step (Euler, RK4 and
 * one dopri5 solve on the identity-like field u(x) = -x, whose cost is the solver's bookkeeping).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SamplerBenchmark {
    private NetworkField field;
    private INDArray x0;
    private final VelocityField decay = (x, t) -> x.neg();
    private final TimeGrid grid100 = TimeGrid.uniform(0, 1, 100);

    @Setup
    public void setUp() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        field = NetworkField.of(new MlpVelocityNetwork(2, 256, 3, 0, 1));
        x0 = new Rng(2).normal(4096, 2);
    }

    @Benchmark
    public INDArray euler100MlpN4096() {
        return OdeSolver.euler().solve(field, x0, grid100, StepListener.NONE).x();
    }

    @Benchmark
    public INDArray euler100Overhead() {
        return OdeSolver.euler().solve(decay, x0, grid100, StepListener.NONE).x();
    }

    @Benchmark
    public INDArray rk4x100Overhead() {
        return OdeSolver.rk4().solve(decay, x0, grid100, StepListener.NONE).x();
    }

    @Benchmark
    public INDArray dopri5Overhead() {
        return OdeSolver.dopri5(1e-5, 1e-5).solve(decay, x0, TimeGrid.uniform(0, 1, 1), StepListener.NONE).x();
    }
}
