package org.flowmatch4j.cli.batch.exec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flowmatch4j.cli.batch.config.RunPlan;
import org.flowmatch4j.cli.batch.registry.RunRecord;
import org.flowmatch4j.cli.batch.registry.RunRegistry;
import org.flowmatch4j.cli.batch.report.HtmlReport;
import org.flowmatch4j.core.FlowMatch4j;
import org.flowmatch4j.core.util.AtomicFiles;

/**
 * Runs {@link RunPlan}s in their content-addressed directories {@code RUNS/<id>} and keeps the registry: a run the
 * registry has as {@code done} (and whose directory says so) is skipped; any other is started, run by
 * {@link StageRunner} here or elsewhere, and its result recorded, with its HTML report.
 */
public final class RunExecutor {
    /** The result of one run: {@code skipped} when it was already done. */
    public record Outcome(RunRecord record, boolean skipped) {}

    private static final String COMPLETE = ".stages/complete";
    private final Path runs;
    private final RunRegistry registry;
    private final PrintStream progress;

    public RunExecutor(Path runs, RunRegistry registry, PrintStream progress) {
        this.runs = runs;
        this.registry = registry;
        this.progress = progress;
    }

    /** The runs folder. */
    public Path runs() { return runs; }

    /** The directory of a run. */
    public Path dirOf(String id) { return runs.resolve(id); }

    /** Whether the run is done: in the registry and in its directory. */
    public boolean isDone(RunPlan plan) throws IOException {
        RunRecord r = registry.get(plan.id());
        return r != null && r.status().equals("done") && Files.exists(dirOf(plan.id()).resolve(COMPLETE));
    }

    /** Records that {@code plan} starts (another attempt when it ran before). */
    public void started(RunPlan plan, String sweep, String backend, String host) throws IOException {
        registry.started(plan.id(), sweep, plan.params(), plan.resolvedYaml(), dirOf(plan.id()), "FlowMatch4j " + FlowMatch4j.VERSION, backend, host);
    }

    /** Records the result of a run and writes its report; the run counts as done only after this. */
    public RunRecord record(StageRunner.Result r) throws IOException {
        registry.finished(r.id(), r.ok(), r.seconds(), r.metrics(), r.artifacts(), r.error());
        registry.hostOf(r.id(), r.backend(), r.host());
        RunRecord rec = registry.find(r.id());
        Path dir = dirOf(r.id());
        HtmlReport.writeRun(rec, dir);
        if (r.ok()) AtomicFiles.writeString(dir.resolve(COMPLETE), "");
        return rec;
    }

    /** Runs {@code plan} on this machine (label: a short text for progress lines, e.g. "[3/6]"), or skips it when done. */
    public Outcome execute(RunPlan plan, String sweep, String label) throws IOException, InterruptedException {
        if (isDone(plan)) {
            progress.printf("%s %s done before, skipped%n", label, plan.id());
            return new Outcome(registry.get(plan.id()), true);
        }
        started(plan, sweep, StageRunner.backend(), StageRunner.host());
        return new Outcome(record(StageRunner.run(plan, dirOf(plan.id()), label, progress)), false);
    }
}
