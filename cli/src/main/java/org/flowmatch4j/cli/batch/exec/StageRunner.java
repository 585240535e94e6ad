package org.flowmatch4j.cli.batch.exec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flowmatch4j.cli.CommonOptions;
import org.flowmatch4j.cli.batch.config.RunPlan;
import org.flowmatch4j.core.util.AtomicFiles;

/**
 * Runs the stages of one {@link RunPlan} in its directory, each in a child JVM, on whatever machine calls it (this
 * one, or a Spark executor); the caller records the {@link Result} in the registry.
 *
 * <p>Restart rules: finished stages (marker {@code .stages/N.done}) are kept and the first unfinished one runs again —
 * with {@code --resume} when the command has it (continuing from its checkpoint), else, or when there is nothing to
 * resume, with {@code --overwrite} (its outputs lie in the run's own directory). A lock on {@code .lock} keeps two
 * processes off one run.
 */
public final class StageRunner {
    /** What a run ended with; serializable so that a Spark task can return it to the driver. */
    public record Result(String id, boolean ok, double seconds, Map<String, Double> metrics, List<String> artifacts, String error,
                         String backend, String host) implements Serializable {}

    private StageRunner() {}

    /** Runs (or continues) {@code plan} in {@code dir}; {@code label} prefixes progress lines. */
    public static Result run(RunPlan plan, Path dir, String label, PrintStream progress) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve(".stages"));
        try (FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = ch.tryLock()) {
            if (lock == null) throw new IOException(dir + " is being run by another flowmatch process");
            return runLocked(plan, dir, label, progress);
        }
    }

    private static Result runLocked(RunPlan plan, Path dir, String label, PrintStream progress) throws IOException, InterruptedException {
        AtomicFiles.writeString(dir.resolve("config.yaml"), "# resolved config of run " + plan.id() + " (RUN = this directory)\n" + plan.resolvedYaml());
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
            int rc = -1;
            if (again && st.hasResume()) rc = launch(with(st.commandLine(dir), "--resume"), log);
            if (rc != 0 && again && st.hasOverwrite()) rc = launch(with(st.commandLine(dir), "--overwrite"), log);
            if (rc == -1) rc = launch(st.commandLine(dir), log);
            if (rc != 0) {
                String error = String.format(Locale.ROOT, "stage %d (%s) exited with %d: %s", i + 1, name, rc, tail(log, logStart));
                progress.printf("%s %s failed: %s%n", label, plan.id(), error);
                return new Result(plan.id(), false, seconds(t0), Map.of(), files(dir), error, backend(), host());
            }
            AtomicFiles.writeString(done, "");
            progress.printf(Locale.ROOT, "%s %s stage %d/%d: %s done in %.1f s%n", label, plan.id(), i + 1, stages.size(), name, (System.nanoTime() - s0) / 1e9);
        }
        return new Result(plan.id(), true, seconds(t0), new LinkedHashMap<>(RunOutputs.metrics(dir)), files(dir), null, backend(), host());
    }

    private static int launch(List<String> args, Path log) throws IOException, InterruptedException {
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

    private static List<String> files(Path dir) throws IOException {
        return new ArrayList<>(RunOutputs.files(dir).stream().map(p -> p.toString().replace('\\', '/')).toList());
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

    /** The ND4J backend and native thread count of this machine's runs. */
    static String backend() {
        boolean cuda;
        try {
            Class.forName("org.nd4j.linalg.jcublas.JCublasBackend", false, StageRunner.class.getClassLoader());
            cuda = true;
        } catch (ClassNotFoundException e) {
            cuda = false;
        }
        return (cuda ? "nd4j-cuda" : "nd4j-native cpu") + ", " + CommonOptions.effectiveThreads() + " threads";
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
