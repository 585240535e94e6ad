package org.flowmatch4j.cli.molecule;

import org.flowmatch4j.cli.GroupCommand;
import picocli.CommandLine.Command;

/** {@code flowmatch molecule}: small-molecule graph generation. */
@Command(name = "molecule", mixinStandardHelpOptions = true,
        description = "Small molecules: train (discrete flow matching over atom and bond types on SMILES/SDF), sample "
                + "(SDF with 2-D coordinates, SMILES, summary.csv) and eval (validity, uniqueness, novelty).",
        subcommands = {MoleculeTrainCommand.class, MoleculeSampleCommand.class, MoleculeEvalCommand.class})
public final class MoleculeCommand extends GroupCommand {
}
