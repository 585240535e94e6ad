package org.flowmatch4j.cli.sphere;

import picocli.CommandLine.Command;

/** {@code flowmatch sphere}: Riemannian flow matching on S² for points on the Earth. */
@Command(name = "sphere", mixinStandardHelpOptions = true,
        description = "Riemannian flow matching on the sphere S² (earth-science point sets: latitude,longitude CSV).",
        subcommands = {SphereTrainCommand.class, SphereEvalCommand.class})
public final class SphereCommand implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: train or eval");
    }
}
