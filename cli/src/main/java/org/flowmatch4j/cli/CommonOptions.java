package org.flowmatch4j.cli;

import picocli.CommandLine.Option;

/** Options every command shares. */
public final class CommonOptions {
    @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    public long seed;

    @Option(names = "--threads", paramLabel = "N",
            description = "Native threads (OpenMP/BLAS); the ./flowmatch launcher applies it before the JVM starts.")
    public Integer threads;

    @Option(names = "--verbose", description = "Log more, and print stack traces of errors.")
    public boolean verbose;

    /** Native threads in effect: OMP_NUM_THREADS if set, else the processor count. */
    public static int effectiveThreads() {
        String env = System.getenv("OMP_NUM_THREADS");
        try {
            if (env != null) return Integer.parseInt(env.trim());
        } catch (NumberFormatException ignored) {
            // fall through
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** Warns when --threads could not take effect (the JVM was started without the launcher). */
    public void checkThreads(java.io.PrintStream err) {
        if (threads != null && threads != effectiveThreads()) {
            err.printf("flowmatch: warning: --threads %d needs OMP_NUM_THREADS=%d before start (use ./flowmatch); "
                    + "running with %d%n", threads, threads, effectiveThreads());
        }
    }
}
