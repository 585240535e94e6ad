package org.flowmatch4j.cli.backbone;

import org.flowmatch4j.cli.GroupCommand;
import picocli.CommandLine.Command;

/** {@code flowmatch backbone}: protein backbones (datasets, training, sampling, motif scaffolding, alignment, evaluation). */
@Command(name = "backbone", mixinStandardHelpOptions = true,
        description = "Protein backbones: training sets (dataset), SE(3) flow matching (train, sample, scaffold, reflow), structural alignment (tmscore) and sample evaluation (eval).",
        subcommands = {BackboneDatasetCommand.class, BackboneTrainCommand.class, BackboneSampleCommand.class, BackboneScaffoldCommand.class, BackboneReflowCommand.class,
                TmScoreCommand.class, BackboneEvalCommand.class})
public final class BackboneCommand extends GroupCommand {
}
