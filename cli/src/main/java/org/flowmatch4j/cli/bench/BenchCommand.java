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
                + "peak RSS, threads, for the 3x256 SiLU MLP.")
public final class BenchCommand implements Callable<Integer> {
    /** Benchmarks that can be named. */
    public enum Suite { CORE }

    @Mixin CommonOptions common;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "Suite: core.")
    Suite suite;
    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;
    @Option(names = "--repeats", defaultValue = "5", description = "Timed repetitions scale (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Override public Integer call() throws Exception {
        if (repeats <= 0) throw new CommandLine.ParameterException(spec.commandLine(), "--repeats must be > 0, got " + repeats);
        common.checkThreads(System.err);
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Map<String, Object> m = switch (suite) {
            case CORE -> CoreBenchmark.run(repeats);
        };
        if (json) {
            System.out.println(Json.object(m));
        } else {
            m.forEach((k, v) -> System.out.printf("%-16s %s%n", k, v));
        }
        return 0;
    }
}
