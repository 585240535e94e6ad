package org.flowmatch4j.cli.toy;

import java.nio.file.Path;
import java.util.List;
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

/** {@code flowmatch toy}: train and evaluate a flow between 2-D toy distributions. */
@Command(name = "toy", mixinStandardHelpOptions = true,
        description = "Train a 2-D flow (3x256 SiLU MLP) from --source to --target, sample 2000 points with dopri5, "
                + "write samples.csv, metrics.json, samples.png and the model to --out.")
public final class ToyCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--source", defaultValue = "gaussian", converter = DistributionConverter.class,
            description = "gaussian | 8gaussians | moons (default: ${DEFAULT-VALUE})")
    ToyDistribution source;
    @Option(names = "--target", defaultValue = "moons", converter = DistributionConverter.class,
            description = "moons | 8gaussians | gaussian (default: ${DEFAULT-VALUE})")
    ToyDistribution target;
    @Option(names = "--coupling", defaultValue = "ot", description = "independent | ot | sinkhorn (default: ${DEFAULT-VALUE})")
    CouplingKind coupling;
    @Option(names = "--steps", defaultValue = "5000", description = "Training steps (default: ${DEFAULT-VALUE}).")
    int steps;
    @Option(names = "--batch", defaultValue = "256", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double lr;
    @Option(names = "--hidden", defaultValue = "256", description = "Hidden width (default: ${DEFAULT-VALUE}).")
    int hidden;
    @Option(names = "--depth", defaultValue = "3", description = "Hidden layers (default: ${DEFAULT-VALUE}).")
    int depth;
    @Option(names = "--samples", defaultValue = "2000", description = "Points generated for evaluation (default: ${DEFAULT-VALUE}).")
    int samples;
    @Option(names = "--sinkhorn-eps", defaultValue = "0.05",
            description = "Sinkhorn epsilon relative to the mean squared distance (default: ${DEFAULT-VALUE}).")
    double sinkhornEps;
    @Option(names = "--reflow-steps", defaultValue = "0",
            description = "After training, retrain this many steps on (x0, ODE(x0)) pairs (rectified flow) and report "
                    + "straightness before and after (default: ${DEFAULT-VALUE}: no reflow).")
    int reflowSteps;
    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;
    @Option(names = "--resume", description = "Continue training from OUT/model up to --steps.")
    boolean resume;
    @Option(names = "--overwrite", description = "Replace results already in --out.")
    boolean overwrite;

    @Override public Integer call() throws Exception {
        ToyConfig config;
        try {
            config = new ToyConfig(source, target, coupling, steps, batch, common.seed, hidden, depth, lr, samples, 1e-4,
                    sinkhornEps, reflowSteps);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        prepare(spec, out, resume, overwrite);
        common.checkThreads(System.err);
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        ToyResult r = ToyRun.run(config, out, resume, System.err);
        System.out.printf("wrote %s/{samples.csv, metrics.json, samples.png, model}%n", out);
        System.out.printf("w2 %.4f (floor %.4f)  nfe %d  straightness %.4f  train %.1f s  steps %d%n", r.w2(), r.w2Floor(),
                r.nfe(), r.straightness(), r.trainSeconds(), r.steps());
        if (reflowSteps > 0) {
            System.out.printf("reflow: straightness %.4f before, %.4f after %d steps%n", r.straightnessBeforeReflow(),
                    r.straightness(), reflowSteps);
        }
        return 0;
    }

    /** Applies the output-directory rules: no silent overwrite, --resume needs a model. */
    static void prepare(CommandLine.Model.CommandSpec spec, Path out, boolean resume, boolean overwrite)
            throws java.io.IOException {
        if (resume && overwrite) throw new CommandLine.ParameterException(spec.commandLine(), "--resume and --overwrite exclude each other");
        if (resume) {
            if (!java.nio.file.Files.exists(out.resolve(ToyRun.MODEL))) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--resume: no model to resume at " + out.resolve(ToyRun.MODEL));
            }
            return;
        }
        List<String> present = OutputDir.existing(out, ToyRun.OUTPUTS);
        if (!present.isEmpty() && !overwrite) {
            throw new CommandLine.ParameterException(spec.commandLine(), out + " already holds results " + present
                    + "; pass --resume to continue or --overwrite to replace them");
        }
        OutputDir.clear(out, present);
    }

    /** Converts the command-line names of {@link ToyDistribution}. */
    public static final class DistributionConverter implements CommandLine.ITypeConverter<ToyDistribution> {
        @Override public ToyDistribution convert(String value) {
            try {
                return ToyDistribution.fromCliName(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
