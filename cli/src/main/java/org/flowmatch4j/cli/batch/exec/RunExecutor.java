package org.flowmatch4j.cli.batch.exec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flowmatch4j.cli.batch.config.RunPlan;
import org.flowmatch4j.cli.batch.registry.RunRecord;
import org.flowmatch4j.cli.batch.registry.RunRegistry;
import org.flowmatch4j.cli.batch.report.HtmlReport;
import org.flowmatch4j.core.FlowMatch4j;
import org.flowmatch4j.core.util.AtomicFiles;

/**
 * Runs one {@link RunPlan} in its content-addressed directory {@code RUNS/<id>}, stage by stage, each in a child JVM.
 *
 * <p>Restart rules: a run the registry has as {@code done} is skipped; otherwise finished stages (marker
 * {@code .stages/N.done}) are kept and the first unfinished one runs again — with {@code --resume} when the command
 * has it (continuing from its checkpoint), else, or when there is nothing to resume, with {@code --overwrite} (its
 * outputs lie in the run's own directory). A lock on {@code .lock} keeps two processes off one run.
 */
public final class RunExecutor {
    /** The result of one run: {@code skipped} when it was already done. */
    public record Outcome(RunRecord record, boolean skipped) {}

    private final Path runs;
    private final RunRegistry registry;
    private final PrintStream progress;

    public RunExecutor(Path runs, RunRegistry registry, PrintStream progress) {
        this.runs = runs;
        this.registry = registry;
        this.progress = progress;
    }

    /** The directory of a run. */
    public Path dirOf(String id) { return runs.resolve(id); }

    /** Runs {@code plan} (label: a short text for progress lines, e.g. "[3/6]"), or skips it when done. */
    public Outcome execute(RunPlan plan, String sweep, String label) throws IOException, InterruptedException {
        Path dir = dirOf(plan.id());
        RunRecord before = registry.list(null).stream().filter(r -> r.id().equals(plan.id())).findFirst().orElse(null);
        if (before != null && before.status().equals("done") && Files.exists(dir.resolve(".stages/complete"))) {
            progress.printf("%s %s done before, skipped%n", label, plan.id());
            return new Outcome(before, true);
        }
        Files.createDirectories(dir.resolve(".stages"));
        try (FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = ch.tryLock()) {
            if (lock == null) throw new IOException(dir + " is being run by another flowmatch process");
            return runLocked(plan, sweep, label, dir);
        }
    }

    private Outcome runLocked(RunPlan plan, String sweep, String label, Path dir) throws IOException, InterruptedException {
        AtomicFiles.writeString(dir.resolve("config.yaml"), "# resolved config of run " + plan.id() + " (RUN = this directory)\n" + plan.resolvedYaml());
        registry.started(plan.id(), sweep, plan.params(), plan.resolvedYaml(), dir, "FlowMatch4j " + FlowMatch4j.VERSION, backend(), host());
        Path log = dir.resolve("log.txt");
        long t0 = System.nanoTime();
        List<RunPlan.ResolvedStage> stages = plan.stages();
        for (int i = 0; i < stages.size(); i++) {
            RunPlan.ResolvedStage st = stages.get(i);
            Path done = dir.resolve(".stages/" + (i + 1) + ".done"), started = dir.resolve(".stages/" + (i + 1) + ".started");
            if (Files.exists(done)) continue;
            boolean again = Files.exists(started);
            AtomicFiles.writeString(started, "");
            String name = String.join(" ", st.words());
            progress.printf(Locale.ROOT, "%s %s stage %d/%d: %s%s%n", label, plan.id(), i + 1, stages.size(), name, again ? " (again, after an interruption)" : "");
            long logStart = Files.exists(log) ? Files.size(log) : 0;
            long s0 = System.nanoTime();
            int rc;
            if (!again) {
                rc = launch(st.commandLine(dir), log, name, "");
            } else {
                rc = -1;
                if (st.hasResume()) rc = launch(with(st.commandLine(dir), "--resume"), log, name, " --resume");
                if (rc != 0 && st.hasOverwrite()) rc = launch(with(st.commandLine(dir), "--overwrite"), log, name, " --overwrite");
                if (rc == -1) rc = launch(st.commandLine(dir), log, name, "");
            }
            if (rc != 0) {
                String error = String.format(Locale.ROOT, "stage %d (%s) exited with %d: %s", i + 1, name, rc, tail(log, logStart));
                progress.printf("%s %s failed: %s%n", label, plan.id(), error);
                registry.finished(plan.id(), false, seconds(t0), Map.of(), relative(dir), error);
                HtmlReport.writeRun(registry.find(plan.id()), dir);
                return new Outcome(registry.find(plan.id()), false);
            }
            AtomicFiles.writeString(done, "");
            progress.printf(Locale.ROOT, "%s %s stage %d/%d: %s done in %.1f s%n", label, plan.id(), i + 1, stages.size(), name, (System.nanoTime() - s0) / 1e9);
        }
        Map<String, Double> metrics = RunOutputs.metrics(dir);
        registry.finished(plan.id(), true, seconds(t0), metrics, relative(dir), null);
        RunRecord rec = registry.find(plan.id());
        HtmlReport.writeRun(rec, dir);
        AtomicFiles.writeString(dir.resolve(".stages/complete"), "");
        return new Outcome(rec, false);
    }

    private static int launch(List<String> args, Path log, String name, String how) throws IOException, InterruptedException {
        Files.writeString(log, "== flowmatch " + String.join(" ", args) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return ChildJvm.run(args, log);
    }

    private static List<String> with(List<String> args, String flag) {
        List<String> out = new ArrayList<>(args);
        out.add(flag);
        return out;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static List<String> relative(Path dir) throws IOException {
        return RunOutputs.files(dir).stream().map(p -> p.toString().replace('\\', '/')).toList();
    }

    /** The last lines the failed stage wrote: its one-line 'flowmatch:' error when there is one. */
    static String tail(Path log, long from) throws IOException {
        byte[] all = Files.readAllBytes(log);
        String text = new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from), StandardCharsets.UTF_8);
        List<String> lines = text.lines().filter(l -> !l.isBlank() && !l.startsWith("== flowmatch ") && !l.startsWith("WARNING: Using incubator")).toList();
        List<String> errors = lines.stream().filter(l -> l.startsWith("flowmatch:")).toList();
        List<String> pick = errors.isEmpty() ? lines.subList(Math.max(0, lines.size() - 3), lines.size()) : errors.subList(errors.size() - 1, errors.size());
        String s = String.join(" | ", pick);
        return s.length() > 2000 ? s.substring(0, 2000) + "…" : s.isEmpty() ? "(no output)" : s;
    }

    /** The ND4J backend and native thread count this run uses. */
    static String backend() {
        boolean cuda;
        try {
            Class.forName("org.nd4j.linalg.jcublas.JCublasBackend", false, RunExecutor.class.getClassLoader());
            cuda = true;
        } catch (ClassNotFoundException e) {
            cuda = false;
        }
        return (cuda ? "nd4j-cuda" : "nd4j-native cpu") + ", " + org.flowmatch4j.cli.CommonOptions.effectiveThreads() + " threads";
    }

    static String host() {
        String h = System.getenv("HOSTNAME");
        if (h != null && !h.isBlank()) return h;
        try {
            return Files.readString(Path.of("/etc/hostname")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
