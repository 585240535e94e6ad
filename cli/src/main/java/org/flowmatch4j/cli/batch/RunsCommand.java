package org.flowmatch4j.cli.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.flowmatch4j.cli.GroupCommand;
import org.flowmatch4j.cli.OutputDir;
import org.flowmatch4j.cli.batch.registry.RunRecord;
import org.flowmatch4j.cli.batch.registry.RunRegistry;
import org.flowmatch4j.cli.batch.report.HtmlReport;
import org.flowmatch4j.core.util.AtomicFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flowmatch runs}: the run registry. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "List, show, compare and export the runs of a runs folder's registry.",
        subcommands = {RunsCommand.ListRuns.class, RunsCommand.Show.class, RunsCommand.Compare.class, RunsCommand.Export.class, RunsCommand.Report.class})
public final class RunsCommand extends GroupCommand {

    static RunRegistry open(CommandLine.Model.CommandSpec spec, Path runs) throws IOException {
        if (!Files.exists(runs.resolve(RunRegistry.FILE))) {
            throw new CommandLine.ParameterException(spec.commandLine(), runs + " holds no run registry (" + RunRegistry.FILE + "); pass --runs DIR");
        }
        return RunRegistry.open(runs);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "One line per run: id, status, sweep, seconds, parameters.")
    static final class ListRuns implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Mixin RunsOption runs;
        @Option(names = "--sweep", description = "Only the runs of this sweep, in sweep order.") String sweep;
        @Option(names = "--status", description = "Only runs with this status: done, failed or running.") String status;

        @Override public Integer call() throws IOException {
            try (RunRegistry reg = open(spec, runs.runs)) {
                System.out.printf("%-12s  %-7s  %-20s  %8s  %s%n", "id", "status", "sweep", "seconds", "params");
                for (RunRecord r : reg.list(sweep)) {
                    if (status != null && !r.status().equals(status)) continue;
                    System.out.printf(Locale.ROOT, "%-12s  %-7s  %-20s  %8.1f  %s%n", r.id(), r.status(), r.sweep() == null ? "-" : r.sweep(),
                            r.seconds(), BatchRunner.params(r.params()));
                }
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Everything the registry holds on one run (id or a unique prefix).")
    static final class Show implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Mixin RunsOption runs;
        @Parameters(index = "0", paramLabel = "ID") String id;

        @Override public Integer call() throws IOException {
            try (RunRegistry reg = open(spec, runs.runs)) {
                RunRecord r = reg.find(id);
                System.out.printf(Locale.ROOT, "id        %s%nstatus    %s%nsweep     %s%ndir       %s%nstarted   %s%nfinished  %s%nseconds   %.1f%n"
                                + "attempts  %d%nversion   %s%nbackend   %s%nhost      %s%n", r.id(), r.status(), r.sweep(), r.runDir(), r.started(),
                        r.finished(), r.seconds(), r.attempts(), r.version(), r.backend(), r.host());
                if (r.error() != null) System.out.println("error     " + r.error());
                System.out.println("params    " + BatchRunner.params(r.params()));
                System.out.println("metrics");
                r.metrics().forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-40s %.6g%n", k, v));
                System.out.println("outputs   " + r.artifacts().size() + " files; report " + Path.of(r.runDir()).resolve("report.html"));
                System.out.print("config\n  " + r.config().strip().replace("\n", "\n  ") + "\n");
            }
            return 0;
        }
    }

    @Command(name = "compare", mixinStandardHelpOptions = true,
            description = "Runs side by side: a table of parameters and metrics (stdout), and an HTML page with a bar chart per metric (--out).")
    static final class Compare implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Mixin RunsOption runs;
        @Parameters(arity = "2..*", paramLabel = "ID", description = "Two or more run ids (or unique prefixes).") List<String> ids;
        @Option(names = "--out", description = "Comparison page to write (default: RUNS/compare.html; charts beside it).") Path out;

        @Override public Integer call() throws IOException {
            List<RunRecord> rs = new ArrayList<>();
            try (RunRegistry reg = open(spec, runs.runs)) {
                for (String id : ids) rs.add(reg.find(id));
            }
            Set<String> params = new LinkedHashSet<>();
            rs.forEach(r -> params.addAll(r.params().keySet()));
            int w = 14;
            StringBuilder sb = new StringBuilder(String.format("%-32s", ""));
            for (RunRecord r : rs) sb.append(String.format("  %" + w + "s", r.id()));
            sb.append('\n').append(String.format("%-32s", "status"));
            for (RunRecord r : rs) sb.append(String.format("  %" + w + "s", r.status()));
            for (String p : params) {
                sb.append('\n').append(String.format("%-32s", p));
                for (RunRecord r : rs) sb.append(String.format("  %" + w + "s", r.params().getOrDefault(p, "")));
            }
            for (String m : HtmlReport.metricNames(rs)) {
                sb.append('\n').append(String.format("%-32s", m.length() > 32 ? "…" + m.substring(m.length() - 31) : m));
                for (RunRecord r : rs) sb.append(r.metrics().containsKey(m) ? String.format(Locale.ROOT, "  %" + w + ".6g", r.metrics().get(m)) : String.format("  %" + w + "s", ""));
            }
            System.out.println(sb);
            Path page = out != null ? out : runs.runs.resolve("compare.html");
            HtmlReport.writeTable("Comparison of " + rs.size() + " runs", rs, page, page.toAbsolutePath().getParent().equals(runs.runs.toAbsolutePath()));
            System.out.println("wrote " + page + " (table and charts)");
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "All runs as CSV: id, sweep, status, timings, then one column per parameter and metric.")
    static final class Export implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Mixin RunsOption runs;
        @Option(names = "--csv", required = true, paramLabel = "FILE", description = "CSV file to write ('-': standard output).") String csv;
        @Option(names = "--sweep", description = "Only the runs of this sweep.") String sweep;
        @Option(names = "--overwrite", description = "Replace --csv if it exists.") boolean overwrite;

        @Override public Integer call() throws IOException {
            List<RunRecord> rs;
            try (RunRegistry reg = open(spec, runs.runs)) {
                rs = reg.list(sweep);
            }
            if (!csv.equals("-")) OutputDir.refuseOverwrite(spec, Path.of(csv), overwrite, "a file");
            Set<String> params = new LinkedHashSet<>();
            rs.forEach(r -> params.addAll(r.params().keySet()));
            List<String> metrics = HtmlReport.metricNames(rs);
            StringBuilder sb = new StringBuilder("id,sweep,status,seconds,attempts,started,finished,run_dir");
            for (String p : params) sb.append(',').append(cell("param." + p));
            for (String m : metrics) sb.append(',').append(cell(m));
            sb.append('\n');
            for (RunRecord r : rs) {
                sb.append(String.join(",", r.id(), cell(r.sweep()), r.status(), String.format(Locale.ROOT, "%.3f", r.seconds()),
                        Integer.toString(r.attempts()), cell(r.started()), cell(r.finished()), cell(r.runDir())));
                for (String p : params) sb.append(',').append(cell(r.params().get(p)));
                for (String m : metrics) sb.append(',').append(r.metrics().containsKey(m) ? Double.toString(r.metrics().get(m)) : "");
                sb.append('\n');
            }
            if (csv.equals("-")) System.out.print(sb);
            else {
                AtomicFiles.writeString(Path.of(csv), sb.toString());
                System.err.println("wrote " + rs.size() + " runs to " + csv);
            }
            return 0;
        }

        /** A CSV cell, quoted when it holds a comma, quote or line break. */
        static String cell(String s) {
            if (s == null) return "";
            return s.matches(".*[,\"\\n\\r].*") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true, description = "Write the HTML reports again: RUN/report.html for every run, RUNS/sweep-NAME.html for every sweep.")
    static final class Report implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Mixin RunsOption runs;

        @Override public Integer call() throws IOException {
            int n = 0;
            try (RunRegistry reg = open(spec, runs.runs)) {
                for (RunRecord r : reg.list(null)) {
                    if (Files.isDirectory(Path.of(r.runDir()))) {
                        HtmlReport.writeRun(r, Path.of(r.runDir()));
                        n++;
                    }
                }
                for (String s : reg.sweeps()) HtmlReport.writeTable("Sweep " + s, reg.list(s), runs.runs.resolve("sweep-" + s + ".html"), true);
                System.out.println("wrote " + n + " run reports and " + reg.sweeps().size() + " sweep reports in " + runs.runs);
            }
            return 0;
        }
    }
}
