package org.flowmatch4j.cli.batch;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.flowmatch4j.cli.Main;
import org.flowmatch4j.cli.batch.config.BatchConfig;
import org.flowmatch4j.cli.batch.config.RunPlan;
import org.flowmatch4j.cli.batch.exec.RunExecutor;
import org.flowmatch4j.cli.batch.exec.StageRunner;
import org.flowmatch4j.cli.batch.exec.TaskEngine;
import org.flowmatch4j.cli.batch.registry.RunRecord;
import org.flowmatch4j.cli.batch.registry.RunRegistry;
import org.flowmatch4j.cli.batch.report.HtmlReport;

/** Plans and runs the parameter sets of a config: shared by {@code flowmatch run} (one set) and {@code flowmatch sweep}. */
final class BatchRunner {
    private BatchRunner() {}

    /**
     * Resolves every parameter set before anything runs (a bad stage in any run is an error with no output); equal
     * configs collapse to one run.
     */
    static List<RunPlan> plan(BatchConfig config, List<Map<String, Object>> points) {
        Map<String, RunPlan> plans = new LinkedHashMap<>();
        for (Map<String, Object> p : points) {
            RunPlan plan = RunPlan.of(config, p, Main::commandLine);
            plans.putIfAbsent(plan.id(), plan);
        }
        return new ArrayList<>(plans.values());
    }

    /** Prints the plan: one line per run with its id and parameters. */
    static void printPlan(List<RunPlan> plans, PrintStream out) {
        for (RunPlan p : plans) out.println(p.id() + "  " + params(p.params()));
    }


    /**
     * Runs the plans — {@code jobs} at a time on this machine ({@code engine} null), or as tasks of {@code engine} on
     * {@code master} — skipping those done before; a run that fails is recorded and the others go on. Returns the
     * registry rows in plan order.
     */
    static List<RunRecord> run(List<RunPlan> plans, String sweep, Path runs, TaskEngine engine, int jobs, String master, PrintStream progress)
            throws IOException, InterruptedException {
        try (RunRegistry registry = RunRegistry.open(runs)) {
            if (sweep != null) for (int i = 0; i < plans.size(); i++) registry.addToSweep(sweep, plans.get(i).id(), i);
            RunExecutor executor = new RunExecutor(runs, registry, progress);
            if (engine != null) runOnEngine(plans, sweep, executor, engine, master, progress);
            else runLocally(plans, sweep, executor, jobs, progress);
            List<RunRecord> out = new ArrayList<>();
            for (RunPlan p : plans) out.add(registry.find(p.id()));
            if (sweep != null) HtmlReport.writeTable("Sweep " + sweep, out, runs.resolve("sweep-" + sweep + ".html"), true);
            return out;
        }
    }

    private static void runLocally(List<RunPlan> plans, String sweep, RunExecutor executor, int jobs, PrintStream progress)
            throws IOException, InterruptedException {
        AtomicInteger finished = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(jobs, plans.size())));
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            RunPlan p = plans.get(i);
            String label = label(i, plans.size());
            futures.add(pool.submit(() -> {
                try {
                    executor.execute(p, sweep, label);
                } catch (IOException e) {
                    progress.printf("%s %s could not run: %s%n", label, p.id(), e.getMessage());
                }
                progress.printf(Locale.ROOT, "sweep progress: %d of %d runs finished%n", finished.incrementAndGet(), plans.size());
                return null;
            }));
        }
        pool.shutdown();
        try {
            for (Future<?> f : futures) f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void runOnEngine(List<RunPlan> plans, String sweep, RunExecutor executor, TaskEngine engine, String master, PrintStream progress)
            throws IOException {
        List<RunPlan> todo = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            RunPlan p = plans.get(i);
            if (executor.isDone(p)) {
                progress.printf("%s %s done before, skipped%n", label(i, plans.size()), p.id());
                continue;
            }
            executor.started(p, sweep, engine.name(), engine.name() + " " + (master == null ? "(default master)" : master));
            todo.add(p);
            labels.add(label(i, plans.size()));
        }
        if (todo.isEmpty()) return;
        progress.printf("%s: %d runs as tasks on %s%n", engine.name(), todo.size(), master == null ? "its default master" : master);
        for (StageRunner.Result r : engine.run(todo, labels, executor.runs(), master, "flowmatch sweep " + (sweep == null ? "" : sweep))) {
            executor.record(r);
        }
    }

    private static String label(int i, int n) {
        return String.format(Locale.ROOT, "[%d/%d]", i + 1, n);
    }

    /** Parameters as {@code k=v k=v}. */
    static String params(Map<String, ?> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return sb.toString();
    }
}
