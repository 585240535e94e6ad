package org.flowmatch4j.cli.batch.exec;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one {@code flowmatch} command in a child JVM started like this one (same java, class path and JVM options),
 * its output appended to a log file. A stage in its own process cannot take the batch down with it (out of memory,
 * native crash), runs with its own thread settings, and is killed with its parent: the child watches the parent's
 * pid ({@link ParentWatch}) and halts when it is gone, so a kill -9 of a sweep leaves no orphan writing on.
 */
public final class ChildJvm {
    /** System property naming the parent's pid in a child. */
    public static final String PARENT_PID = "flowmatch.parentPid";

    private ChildJvm() {}

    /**
     * The child's class path: {@code FLOWMATCH_CLASSPATH} when set (on a Spark cluster, the flowmatch jar on the
     * shared file system, since executors may load the application through their own class loader), else this JVM's.
     */
    static String classPath() {
        String env = System.getenv("FLOWMATCH_CLASSPATH");
        return env != null && !env.isBlank() ? env : System.getProperty("java.class.path");
    }

    /** Runs {@code flowmatch args…} to completion; returns its exit status. */
    public static int run(List<String> args, Path log) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // debuggers and agents (coverage, fuzzers) belong to the parent only
            if (a.startsWith("-agentlib") || a.startsWith("-javaagent") || a.startsWith("-Xrunjdwp") || a.startsWith("-D" + PARENT_PID)) continue;
            cmd.add(a);
        }
        cmd.add("-D" + PARENT_PID + "=" + ProcessHandle.current().pid());
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add("org.flowmatch4j.cli.Main");
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            throw e;
        }
    }
}
