package org.flowmatch4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowmatch4j.core.util.AtomicFiles;

/**
 * Output directories of commands. A directory that already holds results is never written into unless the user
 * asks (--resume or --overwrite); directories a command created carry a marker file so that the quickstart may
 * replace its own earlier output.
 */
public final class OutputDir {
    public static final String MARKER = ".flowmatch-output";

    private OutputDir() {}

    /** The result files of {@code names} that exist in {@code dir}. */
    public static List<String> existing(Path dir, List<String> names) {
        return names.stream().filter(n -> Files.exists(dir.resolve(n))).toList();
    }

    public static boolean isOurs(Path dir) { return Files.exists(dir.resolve(MARKER)); }

    /** Creates the directory and its marker. */
    public static void mark(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (!isOurs(dir)) AtomicFiles.writeString(dir.resolve(MARKER), "written by flowmatch\n");
    }

    /**
     * A usage error when {@code path} exists and the user did not pass --overwrite: "{@code path} already holds
     * {@code what}; pass --overwrite to replace it".
     */
    public static void refuseOverwrite(picocli.CommandLine.Model.CommandSpec spec, Path path, boolean overwrite, String what) {
        if (Files.exists(path) && !overwrite) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), path + " already holds " + what + "; pass --overwrite to replace it");
        }
    }

    /** Deletes the named results (for --overwrite). */
    public static void clear(Path dir, List<String> names) throws IOException {
        for (String n : names) Files.deleteIfExists(dir.resolve(n));
    }
}
