package org.flowmatch4j.cli.toy;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.flowmatch4j.cli.CommonOptions;
import org.flowmatch4j.cli.OutputDir;
import org.flowmatch4j.core.data.ToyDistribution;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code flowmatch quickstart}: a small end-to-end run with embedded defaults. */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "A small end-to-end run on CPU: OT flow matching from a Gaussian to two moons, "
                + "then sampling and evaluation; says what it wrote and how good it is.")
public final class QuickstartCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", defaultValue = "runs/quickstart", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;
    @Option(names = "--steps", defaultValue = "3000", description = "Training steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Override public Integer call() throws Exception {
        if (steps <= 0) throw new CommandLine.ParameterException(spec.commandLine(), "--steps must be > 0, got " + steps);
        // Replace only our own earlier quickstart output; anything else in --out is the user's.
        ToyCommand.prepare(spec, out, false, OutputDir.isOurs(out));
        common.checkThreads(System.err);
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        ToyConfig c = new ToyConfig(ToyDistribution.GAUSSIAN, ToyDistribution.MOONS, CouplingKind.OT, steps, 256,
                common.seed, 256, 3, 1e-3, 2000, 1e-4, 0.05, 0);
        System.out.printf("FlowMatch4j quickstart: OT-CFM, N(0,I) -> moons, 3x256 SiLU MLP, %d steps of batch 256%n", steps);
        ToyResult r = ToyRun.run(c, out, false, System.err);
        System.out.printf("trained in %.1f s; sampled 2000 points with dopri5 in %d velocity evaluations%n",
                r.trainSeconds(), r.nfe());
        System.out.printf("W2 to fresh data %.3f (two independent data samples differ by %.3f; lower is better)%n",
                r.w2(), r.w2Floor());
        System.out.printf("straightness %.4f (0 = straight paths)%n", r.straightness());
        System.out.printf("wrote %s: samples.csv, samples.png (data, samples, trajectories), metrics.json, model%n", out);
        return 0;
    }
}
