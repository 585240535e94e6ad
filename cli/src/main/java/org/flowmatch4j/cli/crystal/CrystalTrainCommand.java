package org.flowmatch4j.cli.crystal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flowmatch4j.cli.CommonOptions;
import org.flowmatch4j.cli.OutputDir;
import org.flowmatch4j.cli.TrainingProgress;
import org.flowmatch4j.core.FlowMatch4j;
import org.flowmatch4j.core.train.LrSchedule;
import org.flowmatch4j.core.util.AtomicFiles;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.molecules.crystal.Crystal;
import org.flowmatch4j.molecules.crystal.PrimitiveCell;
import org.flowmatch4j.molecules.flow.CspFlow;
import org.flowmatch4j.molecules.flow.LatticeCoding;
import org.flowmatch4j.molecules.model.CrystalVelocityModel;
import org.flowmatch4j.molecules.task.CspModelFile;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code flowmatch crystal train}. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a crystal flow: fractional coordinates on the torus, lattice parameters with a data-fitted Gaussian "
                + "base, CSPNet-style periodic message passing; --task csp predicts structures for given compositions, --task dng "
                + "also generates the elements (masked discrete flow). Crystals are Niggli-reduced first.")
public final class CrystalTrainCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--data", required = true, description = "CDVAE-style CSV (.csv or .csv.gz, 'cif' column) or a folder with train.csv(.gz).")
    Path data;
    @Option(names = "--task", defaultValue = "csp", description = "csp (composition given) or dng (de-novo: elements generated too) (default: ${DEFAULT-VALUE}).")
    String task;
    @Option(names = "--out", required = true, description = "Run directory.")
    Path out;
    @Option(names = "--steps", defaultValue = "5000", description = "Training steps (default: ${DEFAULT-VALUE}).")
    int steps;
    @Option(names = "--batch", defaultValue = "128", description = "Crystals per step (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--lr", defaultValue = "1e-3", description = "Peak learning rate, warm-up then cosine (default: ${DEFAULT-VALUE}).")
    double lr;
    @Option(names = "--hidden", defaultValue = "128", description = "Hidden width (default: ${DEFAULT-VALUE}).")
    int hidden;
    @Option(names = "--layers", defaultValue = "4", description = "Message-passing layers (default: ${DEFAULT-VALUE}).")
    int layers;
    @Option(names = "--frequencies", defaultValue = "6", description = "Fourier frequencies of fractional differences (default: ${DEFAULT-VALUE}).")
    int frequencies;
    @Option(names = "--overwrite", description = "Replace a model already in --out.")
    boolean overwrite;

    @Override public Integer call() throws IOException {
        OutputDir.refuseOverwrite(spec, out.resolve("model"), overwrite, "a model");
        if (!task.equals("csp") && !task.equals("dng"))
            throw new CommandLine.ParameterException(spec.commandLine(), "--task must be csp or dng, got '" + task + "'");
        boolean dng = task.equals("dng");
        if (steps < 1 || batch < 1 || lr <= 0 || hidden < 1 || layers < 1 || frequencies < 1)
            throw new CommandLine.ParameterException(spec.commandLine(), "need positive --steps, --batch, --lr, --hidden, --layers, --frequencies");
        List<Crystal> train;
        try {
            train = CrystalData.read(data, "train").stream().map(PrimitiveCell::niggli).toList();
        } catch (IOException | IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        int atoms = train.stream().mapToInt(Crystal::size).max().orElse(1);
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        CrystalVelocityModel.Config cfg = new CrystalVelocityModel.Config(atoms, hidden, layers, frequencies, dng);
        CrystalVelocityModel model = new CrystalVelocityModel(cfg, common.seed);
        model.useEma(0.999);
        CspFlow flow = new CspFlow(LatticeCoding.fit(train), model, dng ? CspFlow.atomCounts(train) : null);
        OutputDir.mark(out);
        TrainingProgress progress = new TrainingProgress(steps);
        System.err.printf(Locale.ROOT, "training " + task.toUpperCase(Locale.ROOT) + " flow on %d crystals (up to %d atoms), network %s%n", train.size(), atoms, cfg.spec());
        flow.train(train, new CspFlow.Options(steps, batch, lr, LrSchedule.warmupCosine(Math.min(200, steps / 10), 0.05), 1.0),
                new Rng(common.seed), progress::step);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("library", "FlowMatch4j " + FlowMatch4j.VERSION);
        meta.put("task", task);
        meta.put("seed", Long.toString(common.seed));
        meta.put("training_crystals", Integer.toString(train.size()));
        meta.put("command", String.format(Locale.ROOT, "crystal train --data %s --task %s --steps %d --batch %d --lr %s --hidden %d --layers %d --frequencies %d --seed %d",
                data, task, steps, batch, lr, hidden, layers, frequencies, common.seed));
        AtomicFiles.writeString(out.resolve("losses.csv"), progress.csv());
        CspModelFile.save(out.resolve("model"), flow, steps, meta);
        System.out.printf(Locale.ROOT, "trained " + task.toUpperCase(Locale.ROOT) + " flow on %d crystals in %.0f s; wrote %s/{model, losses.csv}%n",
                train.size(), progress.seconds(), out);
        return 0;
    }
}
