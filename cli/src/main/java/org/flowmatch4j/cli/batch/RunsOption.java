package org.flowmatch4j.cli.batch;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The runs folder option of the batch commands. */
public final class RunsOption {
    @Option(names = "--runs", defaultValue = "runs", paramLabel = "DIR",
            description = "Runs folder: one subfolder per run (named by its id) and the registry, registry.db (default: ${DEFAULT-VALUE}).")
    public Path runs;
}
