package org.flowmatch4j.cli.seq;

import org.flowmatch4j.cli.GroupCommand;
import picocli.CommandLine.Command;

/** {@code flowmatch seq}: DNA, RNA and peptide sequences with Dirichlet, linear-simplex and discrete flow matching. */
@Command(name = "seq", mixinStandardHelpOptions = true,
        description = "Sequences: train (FASTA in), sample (FASTA out, class-conditional with guidance), eval (k-mer spectra, "
                + "uniqueness, novelty, judged by an independent classifier), classifier (k-mer logistic regression), noisy-classifier (for classifier guidance) and the Dirichlet-FM simplex toy.",
        subcommands = {SeqTrainCommand.class, SeqSampleCommand.class, SeqEvalCommand.class, SeqClassifierCommand.class, SeqNoisyClassifierCommand.class, SeqToyCommand.class})
public final class SeqCommand extends GroupCommand {
}
