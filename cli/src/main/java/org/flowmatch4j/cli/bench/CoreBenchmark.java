package org.flowmatch4j.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flowmatch4j.cli.CommonOptions;
import org.flowmatch4j.cli.nets.MlpVelocityNetwork;
import org.flowmatch4j.core.coupling.IndependentCoupling;
import org.flowmatch4j.core.data.ToyDistribution;
import org.flowmatch4j.core.model.NetworkField;
import org.flowmatch4j.core.path.AffineProbPath;
import org.flowmatch4j.core.path.scheduler.CondOtScheduler;
import org.flowmatch4j.core.solver.OdeSolver;
import org.flowmatch4j.core.solver.StepListener;
import org.flowmatch4j.core.solver.TimeGrid;
import org.flowmatch4j.core.train.FlowBatch;
import org.flowmatch4j.core.train.StepInfo;
import org.flowmatch4j.core.train.Trainer;
import org.flowmatch4j.core.train.TrainerConfig;
import org.flowmatch4j.core.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The core numbers the performance work is judged by, for TorchCFM's 3×256 SiLU MLP on 2-D data: median wall time
 * of a full training step (data, path, forward, backward, Adam) at batch 256 and 4096, 100 Euler sampling steps at
 * N = 4096, peak resident memory and native threads.
 */
public final class CoreBenchmark {
    /**
     * Untimed steps before the clock starts: the JIT compiles the SIMD kernels and the step's call chain only after a
     * few hundred steps (with 20, the b256 median was 3.5–4.1 ms instead of 2.6 ms in steady state). The PyTorch
     * peer warms up with the same counts.
     */
    static final int WARMUP_B256 = 500, WARMUP_B4096 = 20;

    private CoreBenchmark() {}

    /** Runs the benchmark; {@code repeats} timed repetitions per figure (medians reported). */
    public static Map<String, Object> run(int repeats) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        double[] b256 = trainMs(256, WARMUP_B256, Math.max(5, repeats * 10)),
                b4096 = trainMs(4096, WARMUP_B4096, Math.max(5, repeats * 2));
        m.put("train_ms_b256", b256[0]);
        m.put("train_ms_b4096", b4096[0]);
        m.put("sample_ms_n4096", sampleMs(4096, 100, Math.max(3, repeats)));
        m.put("peak_rss_mb", peakRssMb());
        m.put("threads", CommonOptions.effectiveThreads());
        for (int i = 0; i < StepInfo.Phases.NAMES.length; i++) {
            m.put("b256_" + StepInfo.Phases.NAMES[i] + "_ms", b256[i + 1]);
        }
        for (int i = 0; i < StepInfo.Phases.NAMES.length; i++) {
            m.put("b4096_" + StepInfo.Phases.NAMES[i] + "_ms", b4096[i + 1]);
        }
        return m;
    }

    /** Median step time in ms, then the median time of each phase (ms) in {@link StepInfo.Phases#NAMES} order. */
    static double[] trainMs(int batch, int warmup, int timed) {
        MlpVelocityNetwork net = new MlpVelocityNetwork(2, 256, 3, 0, 1);
        TrainerConfig tc = TrainerConfig.builder().steps(warmup + timed).batchSize(batch).seed(1).build();
        Trainer tr = new Trainer(net, new AffineProbPath(new CondOtScheduler()), new IndependentCoupling(),
                (b, rng) -> new FlowBatch(rng.normal(b, 2), ToyDistribution.MOONS.sample(b, rng), null), tc);
        int phases = StepInfo.Phases.NAMES.length;
        double[][] ms = new double[phases + 1][timed];
        for (int i = 0; i < warmup; i++) tr.trainStep(System.nanoTime());
        for (int i = 0; i < timed; i++) {
            long t0 = System.nanoTime();
            StepInfo s = tr.trainStep(t0);
            ms[0][i] = (System.nanoTime() - t0) / 1e6;
            long[] ns = s.phases().nanos();
            for (int p = 0; p < phases; p++) ms[p + 1][i] = ns[p] / 1e6;
        }
        double[] out = new double[phases + 1];
        for (int p = 0; p <= phases; p++) out[p] = median(ms[p]);
        return out;
    }

    static double sampleMs(int n, int steps, int timed) {
        MlpVelocityNetwork net = new MlpVelocityNetwork(2, 256, 3, 0, 1);
        INDArray x0 = new Rng(2).normal(n, 2);
        NetworkField field = NetworkField.of(net);
        OdeSolver euler = OdeSolver.euler();
        TimeGrid grid = TimeGrid.uniform(0, 1, steps);
        euler.solve(field, x0, grid, StepListener.NONE);
        double[] ms = new double[timed];
        for (int i = 0; i < timed; i++) {
            long t0 = System.nanoTime();
            euler.solve(field, x0, grid, StepListener.NONE);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return median(ms);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }

    /** Peak resident set (VmHWM) of this process in MB, or -1 where /proc is missing. */
    static double peakRssMb() throws IOException { return procStatusMb("VmHWM:"); }

    /** A memory figure of /proc/self/status (e.g. {@code VmRSS:}) in MB, or -1 where /proc is missing. */
    static double procStatusMb(String key) throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) return -1;
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith(key)) return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
        }
        return -1;
    }
}
