package org.flowmatch4j.cli.batch.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A batch config file: a pipeline of {@code flowmatch} commands with parameters, and an optional sweep over them.
 *
 * <pre>
 * name: promoter-methods            # sweep name (default: the file name)
 * params: {method: dirichlet, seed: 1}
 * stages:                           # run in order; each is one command and its options, without dashes
 *   - seq train: {fasta: data/sequences/dna/promoters.fasta, alphabet: dna, method: ${method}, seed: ${seed}, out: ${run}/model}
 *   - seq sample: {model: ${run}/model, num: 200, out: ${run}/samples.fasta}
 * sweep:
 *   grid: {method: [dirichlet, discrete, linear], seed: [1, 2]}   # cartesian product, first key slowest
 *   list: [{method: linear, seed: 7}]                              # extra runs, each overlaid on params
 * </pre>
 *
 * {@code ${name}} in an option value is a parameter; {@code ${run}} is the run's own directory, so that runs never
 * write over each other. The file is read with SnakeYAML's safe constructor (no Java types), at most
 * {@value #MAX_BYTES} bytes, aliases and nesting bounded; a sweep expands to at most {@value #MAX_RUNS} runs.
 */
public record BatchConfig(Path file, String name, Map<String, Object> params, List<Stage> stages,
                          Map<String, List<Object>> grid, List<Map<String, Object>> list) {
    public static final int MAX_BYTES = 1 << 20;
    /** Most runs one sweep may expand to (grid product plus list): a typo in a grid should not plan a billion runs. */
    public static final int MAX_RUNS = 10_000;

    /** One pipeline stage: the command words ({@code seq train}) and its options by long name without dashes. */
    public record Stage(String command, Map<String, Object> options) {}

    public BatchConfig {
        params = new LinkedHashMap<>(params);
        stages = List.copyOf(stages);
        grid = new LinkedHashMap<>(grid);
        list = List.copyOf(list);
    }

    /** Reads and checks the shape of a config file (option names and values are checked later, per run). */
    public static BatchConfig read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new ConfigException(file + ": no such config file");
        if (Files.size(file) > MAX_BYTES) throw new ConfigException(file + ": config larger than " + MAX_BYTES + " bytes");
        return parse(file, Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Parses config text; {@code file} names it in messages and gives the default name. */
    public static BatchConfig parse(Path file, String text) {
        Object root;
        try {
            root = yaml().load(text);
        } catch (MarkedYAMLException e) {
            var m = e.getProblemMark();
            String hint = text.contains("${") && e.getProblem() != null && e.getProblem().contains("{")
                    ? " (inside {...} or [...] write '${name}' in quotes)" : "";
            throw new ConfigException(file + (m == null ? "" : ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1)) + ": not valid YAML: " + e.getProblem() + hint);
        } catch (YAMLException | IllegalArgumentException e) {
            // SnakeYAML also throws IllegalArgumentException, e.g. for a %-escaped tag that decodes to spaces (ConfigFuzzTest)
            throw new ConfigException(file + ": not valid YAML: " + e.getMessage());
        }
        Map<String, Object> top = map(file, root, "the top level");
        for (String k : top.keySet()) {
            if (!List.of("name", "params", "stages", "sweep").contains(k)) {
                throw new ConfigException(file + ": unknown key '" + k + "' at the top level; expected name, params, stages, sweep");
            }
        }
        String fileName = file.getFileName() == null ? "config" : file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        String name = top.containsKey("name") ? scalar(file, top.get("name"), "name").toString() : fileName;
        if (!name.matches("[A-Za-z0-9._-]{1,80}")) throw new ConfigException(file + ": name '" + name + "' must be 1-80 letters, digits, '.', '_' or '-'");
        Map<String, Object> params = new LinkedHashMap<>();
        if (top.get("params") != null) {
            for (var e : map(file, top.get("params"), "params").entrySet()) {
                params.put(paramName(file, e.getKey(), "params"), scalar(file, e.getValue(), "params." + e.getKey()));
            }
        }
        Object st = top.get("stages");
        if (!(st instanceof List<?> raw) || raw.isEmpty()) throw new ConfigException(file + ": 'stages' must be a non-empty list of commands");
        List<Stage> stages = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String where = "stages[" + (i + 1) + "]";
            Map<String, Object> one = map(file, raw.get(i), where);
            if (one.size() != 1) throw new ConfigException(file + ": " + where + " must be one command with its options, e.g. '- seq train: {out: ${run}/model}'");
            var e = one.entrySet().iterator().next();
            Map<String, Object> opts = new LinkedHashMap<>();
            if (e.getValue() != null) {
                for (var o : map(file, e.getValue(), where + " (" + e.getKey() + ")").entrySet()) {
                    Object v = o.getValue();
                    String at = where + "." + o.getKey();
                    if (v instanceof List<?> l) {
                        List<Object> vs = new ArrayList<>();
                        for (Object x : l) vs.add(scalar(file, x, at));
                        v = vs;
                    } else {
                        v = scalar(file, v, at);
                    }
                    opts.put(o.getKey(), v);
                }
            }
            stages.add(new Stage(e.getKey().trim().replaceAll("\\s+", " "), opts));
        }
        Map<String, List<Object>> grid = new LinkedHashMap<>();
        List<Map<String, Object>> list = new ArrayList<>();
        if (top.get("sweep") != null) {
            Map<String, Object> sweep = map(file, top.get("sweep"), "sweep");
            for (String k : sweep.keySet()) {
                if (!k.equals("grid") && !k.equals("list")) throw new ConfigException(file + ": unknown key 'sweep." + k + "'; expected grid and/or list");
            }
            if (sweep.get("grid") != null) {
                for (var e : map(file, sweep.get("grid"), "sweep.grid").entrySet()) {
                    String at = "sweep.grid." + e.getKey();
                    if (!(e.getValue() instanceof List<?> vs) || vs.isEmpty()) throw new ConfigException(file + ": " + at + " must be a non-empty list of values");
                    List<Object> values = new ArrayList<>();
                    for (Object v : vs) values.add(scalar(file, v, at));
                    grid.put(paramName(file, e.getKey(), "sweep.grid"), values);
                }
            }
            if (sweep.get("list") != null) {
                if (!(sweep.get("list") instanceof List<?> l)) throw new ConfigException(file + ": sweep.list must be a list of parameter maps");
                for (int i = 0; i < l.size(); i++) {
                    Map<String, Object> one = new LinkedHashMap<>();
                    String at = "sweep.list[" + (i + 1) + "]";
                    for (var e : map(file, l.get(i), at).entrySet()) one.put(paramName(file, e.getKey(), at), scalar(file, e.getValue(), at + "." + e.getKey()));
                    list.add(one);
                }
            }
        }
        long runs = grid.isEmpty() ? 0 : 1;
        for (List<Object> values : grid.values()) runs = Math.min((long) MAX_RUNS + 1, runs * values.size());
        if (runs + list.size() > MAX_RUNS) {
            throw new ConfigException(file + ": the sweep expands to more than " + MAX_RUNS + " runs; split it into several sweeps");
        }
        return new BatchConfig(file, name, params, stages, grid, list);
    }

    private static Yaml yaml() {
        LoaderOptions o = new LoaderOptions();
        o.setMaxAliasesForCollections(20);
        o.setAllowRecursiveKeys(false);
        o.setNestingDepthLimit(20);
        o.setCodePointLimit(MAX_BYTES);
        o.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(o));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Path file, Object o, String where) {
        if (!(o instanceof Map<?, ?> m)) throw new ConfigException(file + ": " + where + " must be a map of keys to values, got " + describe(o));
        for (Object k : m.keySet()) {
            if (!(k instanceof String)) throw new ConfigException(file + ": " + where + " has a key that is not text: " + k);
        }
        return (Map<String, Object>) m;
    }

    private static Object scalar(Path file, Object o, String where) {
        if (o == null || o instanceof Map || o instanceof List || o instanceof byte[] || o instanceof java.util.Date) {
            throw new ConfigException(file + ": " + where + " must be a text, number or boolean, got " + describe(o));
        }
        return o;
    }

    private static String paramName(Path file, String k, String where) {
        if (!k.matches("[A-Za-z_][A-Za-z0-9_-]*") || k.equals("run")) {
            throw new ConfigException(file + ": " + where + ": parameter name '" + k + "' must be letters, digits, '_' or '-' (and not 'run')");
        }
        return k;
    }

    private static String describe(Object o) {
        if (o == null) return "nothing";
        if (o instanceof Map) return "a map";
        if (o instanceof List) return "a list";
        return "'" + o + "'";
    }

    /** The parameter sets of the sweep: the grid's cartesian product (first key slowest), then the list entries. */
    public List<Map<String, Object>> sweepPoints() {
        List<Map<String, Object>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (var e : grid.entrySet()) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> p : points) {
                for (Object v : e.getValue()) {
                    Map<String, Object> q = new LinkedHashMap<>(p);
                    q.put(e.getKey(), v);
                    next.add(q);
                }
            }
            points = next;
        }
        if (grid.isEmpty()) points.clear();
        points.addAll(list);
        if (points.isEmpty()) points.add(new LinkedHashMap<>());
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> p : points) {
            Map<String, Object> all = new LinkedHashMap<>(params);
            all.putAll(p);
            out.add(all);
        }
        return out;
    }
}
