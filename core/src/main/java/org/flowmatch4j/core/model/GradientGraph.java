package org.flowmatch4j.core.model;

import java.io.OutputStream;
import java.io.PrintStream;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Builds a SameDiff graph's backward pass up front. ND4J 1.0.0-M2.1 prints one "Added differentiated op" line to
 * standard output per op while it does so (an unconditional {@code System.out.println}, not a log call), which would
 * flood a command's output; the build runs with standard output muted.
 */
public final class GradientGraph {
    private GradientGraph() {}

    /** Creates the gradient function for the graph's loss variables, silently. */
    public static synchronized void build(SameDiff sd) {
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            sd.createGradFunction();
        } finally {
            System.setOut(out);
        }
    }
}
