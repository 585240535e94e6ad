package org.flowmatch4j.cli;

import org.flowmatch4j.cli.backbone.BackboneCommand;
import org.flowmatch4j.cli.bench.BenchCommand;
import org.flowmatch4j.cli.backbone.QuickstartCommand;
import org.flowmatch4j.cli.toy.ToyCommand;
import org.flowmatch4j.cli.proteins.ProteinsCommand;
import org.flowmatch4j.cli.sphere.SphereCommand;
import org.flowmatch4j.cli.torus.TorusCommand;
import picocli.CommandLine.Command;

/** {@code flowmatch}: flow-matching generative models for science. */
@Command(name = "flowmatch", mixinStandardHelpOptions = true, version = "FlowMatch4j " + org.flowmatch4j.core.FlowMatch4j.VERSION,
        description = "Flow-matching generative models for science (ND4J).",
        subcommands = {QuickstartCommand.class, ToyCommand.class, SphereCommand.class, TorusCommand.class,
                ProteinsCommand.class, BackboneCommand.class, org.flowmatch4j.cli.seq.SeqCommand.class,
                org.flowmatch4j.cli.crystal.CrystalCommand.class, org.flowmatch4j.cli.molecule.MoleculeCommand.class, BenchCommand.class,
                org.flowmatch4j.cli.batch.RunCommand.class, org.flowmatch4j.cli.batch.SweepCommand.class, org.flowmatch4j.cli.batch.RunsCommand.class})
public final class FlowmatchCommand implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing command");
    }
}
