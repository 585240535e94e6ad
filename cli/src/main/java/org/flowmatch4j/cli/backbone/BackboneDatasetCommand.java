package org.flowmatch4j.cli.backbone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.flowmatch4j.cli.CommonOptions;
import org.flowmatch4j.core.util.AtomicFiles;
import org.flowmatch4j.proteins.data.BackboneDataset;
import org.flowmatch4j.proteins.io.Backbone;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code flowmatch backbone dataset}: builds the binary training set from a directory of structures. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "Build a backbone training set from a directory of .pdb/.cif files: length range, chain selection, "
                + "resolution limit, chain breaks (left out, or split with --split-breaks) and duplicate sequences "
                + "filtered; writes the CRC-checked binary set to --out and the list of what was left out, and why, to <out>.skipped.txt.")
public final class BackboneDatasetCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--data", required = true, description = "Directory of structure files.")
    Path data;
    @Option(names = "--out", required = true, description = "Binary dataset file to write.")
    Path out;
    @Option(names = "--min-length", defaultValue = "60", description = "Shortest chain kept (default: ${DEFAULT-VALUE}).")
    int minLength;
    @Option(names = "--max-length", defaultValue = "256", description = "Longest chain kept (default: ${DEFAULT-VALUE}).")
    int maxLength;
    @Option(names = "--chains", defaultValue = "FIRST", description = "FIRST | ALL chains of each file (default: ${DEFAULT-VALUE}).")
    BackboneDataset.ChainSelection chains;
    @Option(names = "--max-resolution", description = "Leave out files with a worse resolution (Å).")
    Double maxResolution;
    @Option(names = "--require-resolution", description = "Leave out files that give no resolution (e.g. NMR).")
    boolean requireResolution;
    @Option(names = "--split-breaks", description = "Cut chains at their breaks and keep each unbroken segment within the "
            + "length range, instead of leaving the chain out.")
    boolean splitBreaks;
    @Option(names = "--overwrite", description = "Replace an existing --out file.")
    boolean overwrite;

    @Override public Integer call() throws IOException {
        if (Files.exists(out) && !overwrite) {
            throw new CommandLine.ParameterException(spec.commandLine(), out + " exists; pass --overwrite to replace it");
        }
        BackboneDataset.Options o;
        BackboneDataset d;
        try {
            o = new BackboneDataset.Options(minLength, maxLength, chains,
                    maxResolution == null ? Double.POSITIVE_INFINITY : maxResolution, requireResolution, splitBreaks);
            d = BackboneDataset.build(data, o);
        } catch (IllegalArgumentException | IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (d.chains().isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no chain of " + data + " passes the filters; "
                    + d.skipped().size() + " left out, e.g. " + (d.skipped().isEmpty() ? "-" : d.skipped().get(0)));
        }
        d.save(out);
        Path report = out.resolveSibling(out.getFileName() + ".skipped.txt");
        AtomicFiles.writeString(report, String.join("\n", d.skipped()) + (d.skipped().isEmpty() ? "" : "\n"));
        int residues = d.chains().stream().mapToInt(Backbone::length).sum();
        System.out.printf("kept %d chains (%d residues), left out %d (reasons in %s); wrote %s%n", d.chains().size(), residues,
                d.skipped().size(), report, out);
        return 0;
    }
}
