package org.flowmatch4j.cli.bench;

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
    @Option(names = "--steps", defaultValue = "10000", description = "rss: training steps (default: ${DEFAULT-VALUE}).")
    int steps;
    @Option(names = "--batch", defaultValue = "256", description = "rss: batch size (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--out", defaultValue = "runs/bench-rss", description = "rss: output directory (default: ${DEFAULT-VALUE}).")
    java.nio.file.Path out;

    @Override public Integer call() throws Exception {
        if (repeats <= 0) throw new CommandLine.ParameterException(spec.commandLine(), "--repeats must be > 0, got " + repeats);
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
        Map<String, Double> torch = PeerBenchmark.run(CommonOptions.effectiveThreads());
        Map<String, Object> ratio = new java.util.LinkedHashMap<>();
        for (String k : new String[] {"train_ms_b256", "train_ms_b4096", "sample_ms_n4096", "peak_rss_mb"}) {
            if (torch.containsKey(k)) ratio.put(k, ((Number) m.get(k)).doubleValue() / torch.get(k));
        }
        if (json) {
            Map<String, Object> all = new java.util.LinkedHashMap<>();
            all.put("flowmatch4j", m);
            all.put("pytorch", torch);
            all.put("ratio", ratio);
            System.out.println(Json.object(all));
        } else {
            System.out.printf("%-16s %12s %12s %8s%n", "figure", "FlowMatch4j", "PyTorch", "ratio");
            for (String k : ratio.keySet()) {
                System.out.printf("%-16s %12.2f %12.2f %8.2f%n", k, ((Number) m.get(k)).doubleValue(), torch.get(k),
                        (Double) ratio.get(k));
            }
            System.out.printf("%-16s %12s %12.0f%n", "threads", m.get("threads"), torch.get("threads"));
        }
        return 0;
    }
}
