package org.flowmatch4j.cli.crystal;

import org.flowmatch4j.cli.GroupCommand;
import picocli.CommandLine.Command;

/** {@code flowmatch crystal}: FlowMM-style crystal structure prediction. */
@Command(name = "crystal", mixinStandardHelpOptions = true,
        description = "Crystals: train (CSP flow on a CDVAE-style CSV), sample (CIF files + summary.csv), eval (match rate, RMSE, "
                + "validity against reference structures) and match (pymatgen-equivalent StructureMatcher on pairs of CIF files).",
        subcommands = {CrystalTrainCommand.class, CrystalSampleCommand.class, CrystalEvalCommand.class, CrystalMatchCommand.class})
public final class CrystalCommand extends GroupCommand {
}
