package org.flowmatch4j.cli;

import picocli.CommandLine;

/** Entry point of the {@code flowmatch} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        org.flowmatch4j.cli.batch.exec.ParentWatch.startIfChild();
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (also used by tests). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new FlowmatchCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("flowmatch: " + ex.getMessage() + " (see '" + c.getCommandSpec().qualifiedName() + " --help')");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof CommandLine.ParameterException pe) {
                c.getErr().println("flowmatch: " + pe.getMessage() + " (see '" + c.getCommandSpec().qualifiedName() + " --help')");
                return 2;
            }
            if (ex instanceof IllegalArgumentException && !(ex instanceof NumberFormatException)) {
                c.getErr().println("flowmatch: " + ex.getMessage());
                return 2;
            }
            c.getErr().println("flowmatch: error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            boolean verbose = false;
            for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) verbose |= p.hasMatchedOption("--verbose");
            if (verbose) ex.printStackTrace(c.getErr());
            return 1;
        });
        return cl;
    }
}
