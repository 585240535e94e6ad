package org.flowmatch4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the flowmatch command line in-process and captures its exit code and output. */
public record CliRunner(int exit, String out, String err) {
    public static CliRunner run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        java.io.PrintStream oldOut = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        int code;
        try {
            code = cl.execute(args);
        } finally {
            System.setOut(oldOut);
        }
        return new CliRunner(code, out + captured.toString(java.nio.charset.StandardCharsets.UTF_8), err.toString());
    }
}
