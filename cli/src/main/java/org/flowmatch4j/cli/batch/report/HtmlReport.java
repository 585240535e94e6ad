package org.flowmatch4j.cli.batch.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.flowmatch4j.cli.batch.registry.RunRecord;
import org.flowmatch4j.cli.plot.BarPlot;
import org.flowmatch4j.core.util.AtomicFiles;

/**
 * Static HTML reports: one per run ({@code RUN/report.html}: parameters, metrics, plots, links to every output, the
 * resolved config) and one per sweep or comparison (a table of runs by parameters and metrics, and a bar chart per
 * metric as PNG). Self-contained pages with relative links, so a runs folder can be copied or served as it is.
 */
public final class HtmlReport {
    /** Metrics that get a chart in sweep and comparison reports, at most. */
    public static final int MAX_CHARTS = 6;
    private static final String STYLE = "<style>body{font-family:sans-serif;margin:2em;max-width:1200px}table{border-collapse:collapse;margin:1em 0}"
            + "td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f0f0f0}td.t{text-align:left}"
            + ".failed{color:#b00}.done{color:#070}.running{color:#a60}img{max-width:520px;margin:0.5em;vertical-align:top}pre{background:#f6f6f6;padding:1em}</style>";

    private HtmlReport() {}

    /** Writes {@code dir/report.html} for one run. */
    public static void writeRun(RunRecord r, Path dir) throws IOException {
        StringBuilder h = head("Run " + r.id());
        h.append("<p>Status <b class='").append(esc(r.status())).append("'>").append(esc(r.status())).append("</b>");
        if (r.sweep() != null) h.append(" &middot; sweep ").append(esc(r.sweep()));
        h.append(String.format(Locale.ROOT, " &middot; %.1f s &middot; attempt %d &middot; %s &middot; %s &middot; %s</p>", r.seconds(), r.attempts(),
                esc(r.version()), esc(r.backend()), esc(r.host())));
        if (r.error() != null) h.append("<p class='failed'>").append(esc(r.error())).append("</p>");
        h.append("<h2>Parameters</h2>").append(keyValues(r.params()));
        h.append("<h2>Metrics</h2>");
        if (r.metrics().isEmpty()) h.append("<p>none</p>");
        else {
            h.append("<table><tr><th>metric</th><th>value</th></tr>");
            r.metrics().forEach((k, v) -> h.append("<tr><td class='t'>").append(esc(k)).append("</td><td>").append(num(v)).append("</td></tr>"));
            h.append("</table>");
        }
        List<String> images = r.artifacts().stream().filter(a -> a.endsWith(".png")).toList();
        if (!images.isEmpty()) {
            h.append("<h2>Plots</h2>");
            for (String a : images) h.append("<a href='").append(esc(a)).append("'><img src='").append(esc(a)).append("' alt='").append(esc(a)).append("'></a>");
        }
        h.append("<h2>Outputs</h2><ul>");
        for (String a : r.artifacts()) {
            if (a.equals("report.html")) continue;
            h.append("<li><a href='").append(esc(a)).append("'>").append(esc(a)).append("</a></li>");
        }
        h.append("</ul><h2>Resolved config</h2><pre>").append(esc(r.config())).append("</pre></body></html>\n");
        AtomicFiles.writeString(dir.resolve("report.html"), h.toString());
    }

    /**
     * Writes {@code file} (an HTML page) comparing {@code runs}, with one bar chart per metric beside it
     * ({@code <name>-<k>.png}); run ids link to their reports when {@code linkRuns}.
     */
    public static void writeTable(String title, List<RunRecord> runs, Path file, boolean linkRuns) throws IOException {
        Set<String> params = new LinkedHashSet<>();
        runs.forEach(r -> params.addAll(r.params().keySet()));
        List<String> metrics = metricNames(runs);
        StringBuilder h = head(title);
        long done = runs.stream().filter(r -> r.status().equals("done")).count();
        h.append(String.format(Locale.ROOT, "<p>%d runs: %d done, %d failed, %d running or interrupted</p>", runs.size(), done,
                runs.stream().filter(r -> r.status().equals("failed")).count(), runs.stream().filter(r -> r.status().equals("running")).count()));
        h.append("<table id='runs'><tr><th>run</th><th>status</th>");
        for (String p : params) h.append("<th>").append(esc(p)).append("</th>");
        for (String m : metrics) h.append("<th>").append(esc(m)).append("</th>");
        h.append("<th>seconds</th></tr>");
        for (RunRecord r : runs) {
            h.append("<tr><td class='t'>");
            if (linkRuns) h.append("<a href='").append(esc(r.id())).append("/report.html'>").append(esc(r.id())).append("</a>");
            else h.append(esc(r.id()));
            h.append("</td><td class='t ").append(esc(r.status())).append("'>").append(esc(r.status())).append("</td>");
            for (String p : params) h.append("<td class='t'>").append(esc(r.params().getOrDefault(p, ""))).append("</td>");
            for (String m : metrics) h.append("<td>").append(r.metrics().containsKey(m) ? num(r.metrics().get(m)) : "").append("</td>");
            h.append(String.format(Locale.ROOT, "<td>%.1f</td></tr>", r.seconds()));
        }
        h.append("</table>");
        String base = file.getFileName().toString().replaceFirst("\\.html$", "");
        List<String> charts = charts(runs, metrics, file.toAbsolutePath().getParent(), base);
        if (!charts.isEmpty()) h.append("<h2>Metrics by run</h2>");
        for (String c : charts) h.append("<img src='").append(esc(c)).append("' alt='").append(esc(c)).append("'>");
        h.append("</body></html>\n");
        AtomicFiles.writeString(file, h.toString());
    }

    /** Bar charts (one per metric, up to {@value #MAX_CHARTS}) of the runs that have it; returns the file names. */
    public static List<String> charts(List<RunRecord> runs, List<String> metrics, Path dir, String base) throws IOException {
        List<String> names = new ArrayList<>();
        for (String m : metrics) {
            if (names.size() == MAX_CHARTS) break;
            List<RunRecord> have = runs.stream().filter(r -> r.metrics().containsKey(m) && Double.isFinite(r.metrics().get(m))).toList();
            if (have.isEmpty() || have.stream().anyMatch(r -> r.metrics().get(m) < 0)) continue; // bars start at zero
            String[] labels = have.stream().map(r -> label(r)).toArray(String[]::new);
            double[] values = have.stream().mapToDouble(r -> r.metrics().get(m)).toArray();
            String name = base + "-" + (names.size() + 1) + ".png";
            new BarPlot(m, labels).series(m, values, new Color(0x1F77B4)).write(dir.resolve(name));
            names.add(name);
        }
        return names;
    }

    /** Metric names of the runs: those every finished run has and that differ between runs first, then the constant ones, then the rest. */
    public static List<String> metricNames(List<RunRecord> runs) {
        Set<String> all = new LinkedHashSet<>();
        runs.forEach(r -> all.addAll(r.metrics().keySet()));
        List<RunRecord> done = runs.stream().filter(r -> !r.metrics().isEmpty()).toList();
        List<String> varying = new ArrayList<>(), constant = new ArrayList<>(), rest = new ArrayList<>();
        for (String m : all) {
            if (!done.stream().allMatch(r -> r.metrics().containsKey(m))) rest.add(m);
            else (done.stream().map(r -> r.metrics().get(m)).distinct().count() > 1 ? varying : constant).add(m);
        }
        varying.addAll(constant);
        varying.addAll(rest);
        return varying;
    }

    /** A run's short label: its parameter values, or its id. */
    public static String label(RunRecord r) {
        return r.params().isEmpty() ? r.id().substring(0, 8) : String.join(" ", r.params().values());
    }

    private static StringBuilder head(String title) {
        return new StringBuilder("<!DOCTYPE html><html><head><meta charset='utf-8'><title>").append(esc(title)).append("</title>")
                .append(STYLE).append("</head><body><h1>").append(esc(title)).append("</h1>");
    }

    private static String keyValues(Map<String, String> m) {
        if (m.isEmpty()) return "<p>none</p>";
        StringBuilder h = new StringBuilder("<table>");
        m.forEach((k, v) -> h.append("<tr><td class='t'>").append(esc(k)).append("</td><td class='t'>").append(esc(v)).append("</td></tr>"));
        return h.append("</table>").toString();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.6g", v);
    }

    /** HTML text escape (also for attribute values in single quotes). */
    public static String esc(String s) {
        if (s == null) return "";
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;").replace("\"", "&quot;");
    }
}
