package org.flowmatch4j.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the PyTorch peer ({@code benchmarks/peer/torch_cfm.py bench}) with the same thread count, when
 * {@code python3 -c 'import torch'} works, and reads its JSON figures.
 */
final class PeerBenchmark {
    private PeerBenchmark() {}

    /** The peer script under the repository root ($FLOWMATCH_HOME, set by ./flowmatch, or the working directory). */
    static Path script() {
        String home = System.getenv("FLOWMATCH_HOME");
        return Path.of(home != null ? home : ".").resolve("benchmarks/peer/torch_cfm.py");
    }

    /** Interpreters tried in order: $FLOWMATCH_PYTHON, python3 on the PATH, Debian's /usr/bin/python3. */
    static List<String> candidates() {
        List<String> c = new ArrayList<>();
        String env = System.getenv("FLOWMATCH_PYTHON");
        if (env != null && !env.isBlank()) c.add(env);
        c.add("python3");
        c.add("/usr/bin/python3");
        return c;
    }

    /** The first interpreter that can import torch, or null. */
    static String python() {
        for (String py : candidates()) {
            try {
                Process p = new ProcessBuilder(py, "-c", "import torch").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) return py;
            } catch (IOException e) {
                // not installed: try the next one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /** Why the peer cannot run, or null when it can. */
    static String unavailable() {
        if (!Files.exists(script())) return "peer script not found at " + script();
        return python() == null ? "no python3 that can import torch (tried " + candidates() + ")" : null;
    }

    /** Runs the peer and returns its numeric figures. */
    static Map<String, Double> run(int threads) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(python(), script().toString(), "bench", "--threads", Integer.toString(threads))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IOException("peer benchmark failed (exit " + p.exitValue() + ")");
        Map<String, Double> m = new LinkedHashMap<>();
        Matcher kv = Pattern.compile("\"([a-z0-9_]+)\": ([-0-9.eE]+)").matcher(out);
        while (kv.find()) m.put(kv.group(1), Double.parseDouble(kv.group(2)));
        if (m.isEmpty()) throw new IOException("peer benchmark printed no figures: " + out.strip());
        return m;
    }
}
