package org.flowmatch4j.cli.batch.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One run of a config: its parameters, each stage's argument list, and the resolved config — every option of every
 * stage with its value, defaults included, read back from the same picocli command the CLI runs (one source of
 * truth). The run's id is the SHA-256 of the resolved config (first 12 hex digits): equal configs are the same run.
 */
public final class RunPlan implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** Stands for the run directory while resolving and hashing, so that the id does not depend on where runs live. */
    public static final String RUN_PLACEHOLDER = "RUN";
    /** Options that change how a command talks or where it may write, not what it computes. */
    static final List<String> NOT_CONFIG = List.of("verbose", "overwrite", "resume", "threads", "help", "version");
    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_-]*)}");

    /** A stage ready to run: its command words, the arguments (with {@code ${run}} left in) and its picocli model. */
    public record ResolvedStage(List<String> words, List<String> args, Map<String, String> options, boolean hasOverwrite, boolean hasResume)
            implements java.io.Serializable {
        /** The command line with {@code ${run}} replaced by the run directory. */
        public List<String> commandLine(Path runDir) {
            List<String> all = new ArrayList<>(words);
            for (String a : args) all.add(a.replace("${run}", runDir.toString()));
            return all;
        }
    }

    private final Map<String, Object> params;
    private final List<ResolvedStage> stages;
    private final String resolvedYaml;
    private final String id;

    private RunPlan(Map<String, Object> params, List<ResolvedStage> stages, String resolvedYaml, String id) {
        this.params = params;
        this.stages = stages;
        this.resolvedYaml = resolvedYaml;
        this.id = id;
    }

    public Map<String, Object> params() { return params; }
    public List<ResolvedStage> stages() { return stages; }
    /** Resolved config as YAML (run directory written as {@value #RUN_PLACEHOLDER}). */
    public String resolvedYaml() { return resolvedYaml; }
    public String id() { return id; }

    /**
     * Builds the run for one parameter set; every stage is parsed by a fresh command line from {@code commands},
     * so an unknown option, a bad value or a missing required option is a {@link ConfigException} naming the stage.
     */
    public static RunPlan of(BatchConfig config, Map<String, Object> params, Supplier<CommandLine> commands) {
        List<ResolvedStage> stages = new ArrayList<>();
        for (int i = 0; i < config.stages().size(); i++) {
            BatchConfig.Stage stage = config.stages().get(i);
            String where = config.file() + ": stages[" + (i + 1) + "] (" + stage.command() + ")";
            List<String> words = List.of(stage.command().split(" "));
            if (List.of("run", "sweep", "runs", "quickstart").contains(words.get(0))) {
                throw new ConfigException(where + ": '" + words.get(0) + "' cannot be a stage of a batch run");
            }
            List<String> args = new ArrayList<>();
            for (var o : stage.options().entrySet()) {
                String key = o.getKey();
                if (!key.matches("[a-z0-9][a-z0-9-]*")) throw new ConfigException(where + ": option '" + key + "' must be a long option name without dashes, like 'steps'");
                if (NOT_CONFIG.contains(key)) throw new ConfigException(where + ": '" + key + "' is set by the batch runner, not in configs");
                Object v = o.getValue();
                String text;
                if (v instanceof Collection<?> c) {
                    List<String> parts = new ArrayList<>();
                    for (Object x : c) parts.add(substitute(where + "." + key, x, params));
                    text = String.join(",", parts);
                } else {
                    text = substitute(where + "." + key, v, params);
                }
                if (key.equals("out") && !(text.equals("${run}") || text.startsWith("${run}/")
                        && Path.of(text.replace("${run}", RUN_PLACEHOLDER)).normalize().startsWith(RUN_PLACEHOLDER))) {
                    throw new ConfigException(where + ".out: '" + text + "' must lie in the run directory (start with ${run}/) so that runs never write over each other");
                }
                if (v instanceof Boolean b) {
                    if (b) args.add("--" + key);
                } else {
                    args.add("--" + key);
                    args.add(text);
                }
            }
            stages.add(resolve(where, words, args, commands.get()));
        }
        // the id hashes the stages only: a parameter that no option uses does not make a different run
        String id = sha256(dump(Map.of(), stages)).substring(0, 12);
        return new RunPlan(new LinkedHashMap<>(params), List.copyOf(stages), dump(params, stages), id);
    }

    private static String substitute(String where, Object value, Map<String, Object> params) {
        String s = value.toString();
        Matcher m = VAR.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String rep;
            if (name.equals("run")) rep = "${run}";
            else if (params.containsKey(name)) rep = params.get(name).toString();
            else throw new ConfigException(where + ": unknown parameter ${" + name + "}; known: run" + (params.isEmpty() ? "" : ", " + String.join(", ", params.keySet())));
            m.appendReplacement(sb, Matcher.quoteReplacement(rep));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static ResolvedStage resolve(String where, List<String> words, List<String> args, CommandLine root) {
        CommandLine target = root;
        for (String w : words) {
            target = target.getSubcommands().get(w);
            if (target == null) throw new ConfigException(where + ": '" + String.join(" ", words) + "' is not a command; see 'flowmatch --help'");
        }
        if (!target.getSubcommands().isEmpty()) {
            throw new ConfigException(where + ": '" + String.join(" ", words) + "' needs a subcommand: one of " + String.join(", ", target.getSubcommands().keySet()));
        }
        List<String> probe = new ArrayList<>(words);
        for (String a : args) probe.add(a.replace("${run}", RUN_PLACEHOLDER));
        CommandLine.ParseResult pr;
        try {
            pr = root.parseArgs(probe.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new ConfigException(where + ": " + e.getMessage().replace("'--", "'").replace("=<", " <"));
        }
        CommandLine.ParseResult leaf = pr;
        while (leaf.hasSubcommand()) leaf = leaf.subcommand();
        CommandSpec spec = leaf.commandSpec();
        Map<String, String> options = new TreeMap<>();
        for (OptionSpec o : spec.options()) {
            String name = o.longestName().replaceFirst("^-+", "");
            if (o.usageHelp() || o.versionHelp() || NOT_CONFIG.contains(name)) continue;
            String v = text(o);
            if (v != null) options.put(name, v);
        }
        for (var p : spec.positionalParameters()) {
            String v = text(p);
            if (v != null) options.put("args" + p.index(), v);
        }
        return new ResolvedStage(List.copyOf(words), List.copyOf(args), options, spec.findOption("--overwrite") != null, spec.findOption("--resume") != null);
    }

    private static String text(ArgSpec a) {
        Object v = a.getValue();
        if (v == null) return null;
        if (v instanceof Collection<?> c) return String.join(",", c.stream().map(String::valueOf).toList());
        if (v.getClass().isArray()) return java.util.Arrays.deepToString(new Object[] {v}).replaceAll("^\\[\\[|]]$", "");
        return v.toString();
    }

    private static String dump(Map<String, Object> params, List<ResolvedStage> stages) {
        Map<String, Object> doc = new LinkedHashMap<>();
        Map<String, String> p = new LinkedHashMap<>();
        params.forEach((k, v) -> p.put(k, v.toString()));
        doc.put("params", p);
        List<Object> st = new ArrayList<>();
        for (ResolvedStage s : stages) st.add(Map.of(String.join(" ", s.words()), new LinkedHashMap<>(s.options())));
        doc.put("stages", st);
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setDefaultScalarStyle(DumperOptions.ScalarStyle.PLAIN);
        return new Yaml(o).dump(doc);
    }

    /** Hex SHA-256 of the text's UTF-8 bytes. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
