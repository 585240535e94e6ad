package org.flowmatch4j.cli.backbone;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.flowmatch4j.cli.CommonOptions;
import org.flowmatch4j.proteins.align.TmAlign;
import org.flowmatch4j.proteins.io.Backbone;
import org.flowmatch4j.proteins.io.StructureReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code flowmatch backbone tmscore A B}: TM-align-style alignment of the first chains of two structures. */
@Command(name = "tmscore", mixinStandardHelpOptions = true,
        description = "Structurally align the first protein chains of two files (sequence-independent, TM-align style) and "
                + "print 'tm_a tm_b rmsd aligned_length' (TM-scores normalised by A's and B's lengths).")
public final class TmScoreCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", paramLabel = "A", description = "First structure (.pdb/.cif, optionally .gz).")
    Path a;
    @Parameters(index = "1", paramLabel = "B", description = "Second structure.")
    Path b;

    @Override public Integer call() {
        Backbone x = read(a), y = read(b);
        TmAlign.Result r;
        try {
            r = TmAlign.align(x.ca(), y.ca());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        System.out.println("tm_a tm_b rmsd aligned_length");
        System.out.printf(java.util.Locale.ROOT, "%.5f %.5f %.3f %d%n", r.tmA(), r.tmB(), r.rmsd(), r.alignedLength());
        return 0;
    }

    private Backbone read(Path p) {
        try {
            return StructureReader.read(p).get(0);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
