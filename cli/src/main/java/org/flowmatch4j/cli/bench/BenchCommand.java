package org.flowmatch4j.cli.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flowmatch4j.cli.CommonOptions;
import org.flowmatch4j.core.util.Json;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flowmatch bench core [--json]}: the engine's speed and memory numbers. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks. 'core': train step at batch 256 and 4096, 100-step Euler sampling at N=4096, "
                + "peak RSS, threads, for the 3x256 SiLU MLP. 'rss': resident memory over --steps training steps, "
                + "written to --out as rss.csv and rss.png.")
public final class BenchCommand implements Callable<Integer> {
    /** Benchmarks that can be named. */
    public enum Suite { CORE, RSS }

    @Mixin CommonOptions common;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "Suite: core | rss.")
    Suite suite;
    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;
    @Option(names = "--repeats", defaultValue = "5", description = "Timed repetitions scale (default: ${DEFAULT-VALUE}).")
    int repeats;
    @Option(names = "--peer", description = "Also run the PyTorch peer (benchmarks/peer/torch_cfm.py) with the same "
            + "threads and print both with their ratio (ours / PyTorch); skipped when torch cannot be imported.")
    boolean peer;
    @Option(names = "--rounds", defaultValue = "1", description = "core --peer: alternate ours and the peer this many "
            + "times and report the median of each figure over the rounds, with the range of the per-round ratios "
            + "(a shared VM's noise hits both; default: ${DEFAULT-VALUE}).")
    int rounds;
    @Option(names = "--steps", defaultValue = "10000", description = "rss: training steps (default: ${DEFAULT-VALUE}).")
    int steps;
    @Option(names = "--batch", defaultValue = "256", description = "rss: batch size (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--out", defaultValue = "runs/bench-rss", description = "rss: output directory (default: ${DEFAULT-VALUE}).")
    java.nio.file.Path out;

    private static final String[] FIGURES = {"train_ms_b256", "train_ms_b4096", "sample_ms_n4096", "peak_rss_mb"};

    @Override public Integer call() throws Exception {
        if (repeats <= 0) throw new CommandLine.ParameterException(spec.commandLine(), "--repeats must be > 0, got " + repeats);
        if (rounds <= 0) throw new CommandLine.ParameterException(spec.commandLine(), "--rounds must be > 0, got " + rounds);
        if (peer && suite != Suite.CORE) throw new CommandLine.ParameterException(spec.commandLine(), "--peer applies to 'core' only");
        common.checkThreads(System.err);
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Map<String, Object> m = switch (suite) {
            case CORE -> CoreBenchmark.run(repeats);
            case RSS -> {
                if (steps < 100 || batch < 2) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "rss needs --steps >= 100 and --batch >= 2");
                }
                yield RssBenchmark.run(steps, batch, Math.max(1, steps / 40), out);
            }
        };
        if (!peer) {
            if (json) System.out.println(Json.object(m));
            else m.forEach((k, v) -> System.out.printf("%-16s %s%n", k, v));
            return 0;
        }
        String why = PeerBenchmark.unavailable();
        if (why != null) {
            System.err.println("flowmatch: peer skipped: " + why);
            if (json) System.out.println(Json.object(Map.of("flowmatch4j", m, "peer", "skipped: " + why)));
            else m.forEach((k, v) -> System.out.printf("%-16s %s%n", k, v));
            return 0;
        }
        List<Map<String, Object>> ours = new ArrayList<>(List.of(m));
        List<Map<String, Double>> theirs = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            if (r > 0) ours.add(CoreBenchmark.run(repeats));
            theirs.add(PeerBenchmark.run(CommonOptions.effectiveThreads()));
        }
        Map<String, Object> mine = new LinkedHashMap<>(), torch = new LinkedHashMap<>(), ratio = new LinkedHashMap<>();
        Map<String, double[]> range = new LinkedHashMap<>();
        for (String k : FIGURES) {
            if (!theirs.get(0).containsKey(k)) continue;
            double[] a = new double[rounds], b = new double[rounds], q = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                a[r] = ((Number) ours.get(r).get(k)).doubleValue();
                b[r] = theirs.get(r).get(k);
                q[r] = a[r] / b[r];
            }
            mine.put(k, CoreBenchmark.median(a));
            torch.put(k, CoreBenchmark.median(b));
            ratio.put(k, (Double) mine.get(k) / (Double) torch.get(k));
            range.put(k, new double[] {Arrays.stream(q).min().orElseThrow(), Arrays.stream(q).max().orElseThrow()});
        }
        if (json) {
            Map<String, Object> all = new LinkedHashMap<>();
            Map<String, Object> first = new LinkedHashMap<>(m);
            first.putAll(mine);
            all.put("flowmatch4j", first);
            all.put("pytorch", torch);
            all.put("ratio", ratio);
            all.put("rounds", rounds);
            System.out.println(Json.object(all));
        } else {
            System.out.printf("%-16s %12s %12s %8s %14s%n", "figure", "FlowMatch4j", "PyTorch", "ratio",
                    rounds > 1 ? "round ratios" : "");
            for (String k : ratio.keySet()) {
                double[] q = range.get(k);
                System.out.printf("%-16s %12.2f %12.2f %8.2f %14s%n", k, (Double) mine.get(k), (Double) torch.get(k),
                        (Double) ratio.get(k), rounds > 1 ? String.format("%.2f-%.2f", q[0], q[1]) : "");
            }
            System.out.printf("%-16s %12s %12.0f%n", "threads", m.get("threads"), theirs.get(0).get("threads"));
            if (rounds > 1) System.out.printf("(medians over %d alternating rounds)%n", rounds);
        }
        return 0;
    }
}
