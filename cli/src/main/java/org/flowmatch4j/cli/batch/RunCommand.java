package org.flowmatch4j.cli.batch;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flowmatch4j.cli.batch.config.BatchConfig;
import org.flowmatch4j.cli.batch.config.RunPlan;
import org.flowmatch4j.cli.batch.registry.RunRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flowmatch run CONFIG.yaml}: one pipeline run from a config file. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the pipeline of a config file once, with its params (and --set overrides; a sweep block is ignored). "
                + "The run lives in RUNS/<id>, id = hash of the resolved config: a finished run is not run again, an interrupted "
                + "one continues. Writes RUNS/<id>/{config.yaml, log.txt, report.html} beside the stages' outputs and records "
                + "the run in RUNS/registry.db.")
public final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin RunsOption runs;
    @Parameters(index = "0", paramLabel = "CONFIG", description = "Config file (YAML).")
    Path config;
    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "Override a parameter (repeatable).")
    List<String> set = List.of();
    @Option(names = "--dry-run", description = "Print the run's id and resolved config, run nothing.")
    boolean dryRun;

    @Override public Integer call() throws Exception {
        BatchConfig c = BatchConfig.read(config);
        Map<String, Object> params = new LinkedHashMap<>(c.params());
        for (String s : set) {
            int eq = s.indexOf('=');
            if (eq < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--set needs NAME=VALUE, got '" + s + "'");
            params.put(s.substring(0, eq), s.substring(eq + 1));
        }
        RunPlan plan = BatchRunner.plan(c, List.of(params)).get(0);
        if (dryRun) {
            System.out.println("run " + plan.id() + " -> " + runs.runs.resolve(plan.id()));
            System.out.print(plan.resolvedYaml());
            return 0;
        }
        RunRecord r = BatchRunner.run(List.of(plan), null, runs.runs, null, 1, null, System.err).get(0);
        System.out.println("run " + r.id() + " " + r.status() + " in " + r.runDir() + (r.error() == null ? "" : ": " + r.error()));
        r.metrics().forEach((k, v) -> System.out.println("  " + k + " " + v));
        return r.status().equals("done") ? 0 : 1;
    }
}
