package org.flowmatch4j.cli.backbone;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code flowmatch backbone}: protein backbones (evaluation and alignment today; training and sampling follow). */
@Command(name = "backbone", mixinStandardHelpOptions = true,
        description = "Protein backbones: training sets (dataset), structural alignment (tmscore) and sample evaluation (eval).",
        subcommands = {BackboneDatasetCommand.class, TmScoreCommand.class, BackboneEvalCommand.class})
public final class BackboneCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: tmscore or eval");
    }
}
