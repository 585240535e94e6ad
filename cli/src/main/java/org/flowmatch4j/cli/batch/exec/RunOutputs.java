package org.flowmatch4j.cli.batch.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.flowmatch4j.cli.batch.registry.RunRegistry;

/** What a finished run left in its directory: its metrics (from summary.json / metrics.json files) and its files. */
public final class RunOutputs {
    static final List<String> METRIC_FILES = List.of("summary.json", "metrics.json");
    private static final int MAX_FILES = 2000;

    private RunOutputs() {}

    /**
     * Numbers of every summary.json / metrics.json under {@code dir} (nested keys joined by '.'); a name that two files
     * share is prefixed by each file's folder relative to {@code dir}.
     */
    public static Map<String, Double> metrics(Path dir) throws IOException {
        Map<Path, Map<String, Double>> perFile = new LinkedHashMap<>();
        for (Path f : files(dir)) {
            if (!METRIC_FILES.contains(f.getFileName().toString()) || Files.size(dir.resolve(f)) > (1 << 20)) continue;
            Map<String, Double> m = new LinkedHashMap<>();
            try {
                flatten("", RunRegistry.parse(Files.readString(dir.resolve(f))), m);
            } catch (RuntimeException e) {
                continue; // not a JSON object: not a metrics file
            }
            perFile.put(f, m);
        }
        Map<String, Integer> count = new HashMap<>();
        perFile.values().forEach(m -> m.keySet().forEach(k -> count.merge(k, 1, Integer::sum)));
        Map<String, Double> out = new LinkedHashMap<>();
        for (var e : perFile.entrySet()) {
            Path parent = e.getKey().getParent();
            for (var m : e.getValue().entrySet()) {
                String key = count.get(m.getKey()) > 1 && parent != null ? parent.toString().replace('\\', '/') + "/" + m.getKey() : m.getKey();
                out.put(key, m.getValue());
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> m, Map<String, Double> out) {
        for (var e : m.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Map<?, ?> sub) flatten(prefix + e.getKey() + ".", (Map<String, Object>) sub, out);
            else if (v instanceof Number || v instanceof String) {
                double d = RunRegistry.number(v);
                if (!Double.isNaN(d) || v instanceof Number) out.put(prefix + e.getKey(), d);
            }
        }
    }

    /**
     * Files under {@code dir}, relative and sorted, leaving out hidden files and folders (markers, temporary files) and
     * the run's own report.html (written after this list, from it).
     */
    public static List<Path> files(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (Stream<Path> s = Files.walk(dir, 6)) {
            s.filter(Files::isRegularFile).map(dir::relativize)
                    .filter(p -> !p.toString().equals("report.html"))
                    .filter(p -> { for (Path part : p) if (part.toString().startsWith(".")) return false; return true; })
                    .sorted().limit(MAX_FILES).forEach(out::add);
        }
        return out;
    }
}
