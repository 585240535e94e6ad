package org.flowmatch4j.cli.batch;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.flowmatch4j.cli.batch.config.BatchConfig;
import org.flowmatch4j.cli.batch.config.RunPlan;
import org.flowmatch4j.cli.batch.exec.TaskEngine;
import org.flowmatch4j.cli.batch.registry.RunRecord;
import org.flowmatch4j.cli.batch.report.HtmlReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flowmatch sweep CONFIG.yaml}: every run of a config's sweep. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run the config's pipeline for every parameter set of its sweep (grid: cartesian product; list: extra "
                + "sets). Each run is content-addressed by its resolved config: run the sweep again and finished runs are "
                + "skipped, interrupted ones continue from their last finished stage (and from their checkpoint where the "
                + "command has --resume), failed ones are retried. A failed run is recorded with its error and the others go "
                + "on. Writes RUNS/sweep-NAME.html (table and charts) and records every run in RUNS/registry.db.")
public final class SweepCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin RunsOption runs;
    @Parameters(index = "0", paramLabel = "CONFIG", description = "Config file (YAML) with a sweep block.")
    Path config;
    @Option(names = "--jobs", defaultValue = "1", description = "Runs at a time on this machine, each in its own JVM (default: ${DEFAULT-VALUE}).")
    int jobs;
    @Option(names = "--engine", defaultValue = "local", description = "local (runs on this machine, --jobs at a time) or spark "
            + "(one Spark task per run; see --master) (default: ${DEFAULT-VALUE}).")
    String engine;
    @Option(names = "--master", description = "Spark master for --engine spark: local[N], spark://HOST:PORT, yarn, ... (default: the one "
            + "spark-submit was given).")
    String master;
    @Option(names = "--dry-run", description = "Print the runs (id and parameters), run nothing.")
    boolean dryRun;

    @Override public Integer call() throws Exception {
        if (jobs < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--jobs must be >= 1, got " + jobs);
        if (master != null && engine.equals("local")) throw new CommandLine.ParameterException(spec.commandLine(), "--master needs --engine spark");
        TaskEngine eng = null;
        if (!engine.equals("local")) {
            if (!engine.equals("spark")) throw new CommandLine.ParameterException(spec.commandLine(), "--engine must be local or spark, got '" + engine + "'");
            eng = TaskEngine.named(engine).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                    "--engine spark needs the Spark engine on the class path: run through ./flowmatch (it builds and adds spark/target/lib) "
                            + "or spark-submit (docs/batch.md)"));
        }
        BatchConfig c = BatchConfig.read(config);
        List<RunPlan> plans = BatchRunner.plan(c, c.sweepPoints());
        if (dryRun) {
            System.out.println("sweep " + c.name() + ": " + plans.size() + " runs");
            BatchRunner.printPlan(plans, System.out);
            return 0;
        }
        System.err.printf("sweep %s: %d runs, %s, in %s%n", c.name(), plans.size(),
                eng != null ? "as " + eng.name() + " tasks" : Math.min(jobs, plans.size()) + " at a time", runs.runs);
        List<RunRecord> done = BatchRunner.run(plans, c.name(), runs.runs, eng, jobs, master, System.err);
        List<String> metrics = HtmlReport.metricNames(done);
        metrics = metrics.subList(0, Math.min(4, metrics.size()));
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-12s  %-7s", "run", "status"));
        for (String m : metrics) head.append(String.format(Locale.ROOT, "  %14s", m.length() > 14 ? m.substring(m.length() - 14) : m));
        System.out.println(head.append("  params"));
        for (RunRecord r : done) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-12s  %-7s", r.id(), r.status()));
            for (String m : metrics) row.append(r.metrics().containsKey(m) ? String.format(Locale.ROOT, "  %14.6g", r.metrics().get(m)) : String.format("  %14s", ""));
            System.out.println(row.append("  ").append(BatchRunner.params(r.params())));
        }
        long failed = done.stream().filter(r -> !r.status().equals("done")).count();
        System.out.println("report: " + runs.runs.resolve("sweep-" + c.name() + ".html"));
        if (failed > 0) {
            System.err.printf("flowmatch: %d of %d runs failed; their errors are in the registry ('flowmatch runs list --runs %s --sweep %s')%n",
                    failed, done.size(), runs.runs, c.name());
            return 1;
        }
        return 0;
    }
}
