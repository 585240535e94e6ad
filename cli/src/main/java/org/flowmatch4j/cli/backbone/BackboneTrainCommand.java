package org.flowmatch4j.cli.backbone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flowmatch4j.cli.CommonOptions;
import org.flowmatch4j.cli.OutputDir;
import org.flowmatch4j.core.FlowMatch4j;
import org.flowmatch4j.core.train.Checkpoint;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.proteins.data.BackboneDataset;
import org.flowmatch4j.proteins.io.Backbone;
import org.flowmatch4j.proteins.model.FrameModel;
import org.flowmatch4j.proteins.model.FrameTrainer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code flowmatch backbone train}: FrameFlow-style SE(3) flow matching on backbone crops. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the frame model (IPA trunk) on crops of the chains in --data (a directory of structures or a "
                + "'backbone dataset' file); writes RUN/model and RUN/losses.csv.")
public final class BackboneTrainCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--data", required = true, description = "Directory of .pdb/.cif files, or a dataset file.")
    Path data;
    @Option(names = "--out", required = true, description = "Run directory.")
    Path out;
    @Option(names = "--steps", defaultValue = "2000", description = "Training steps (default: ${DEFAULT-VALUE}).")
    int steps;
    @Option(names = "--batch", defaultValue = "4", description = "Crops per step (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--length", defaultValue = "64", description = "Crop length in residues (default: ${DEFAULT-VALUE}).")
    int length;
    @Option(names = "--lr", defaultValue = "1e-3", description = "AdamW learning rate (default: ${DEFAULT-VALUE}).")
    double lr;
    @Option(names = "--overwrite", description = "Replace a model already in --out.")
    boolean overwrite;

    @Override public Integer call() throws IOException {
        if (Files.exists(out.resolve("model")) && !overwrite) {
            throw new CommandLine.ParameterException(spec.commandLine(), out + " already holds a model; pass --overwrite to replace it");
        }
        if (steps < 1 || batch < 1 || length < 8) {
            throw new CommandLine.ParameterException(spec.commandLine(), "need --steps >= 1, --batch >= 1, --length >= 8");
        }
        List<Backbone> chains;
        try {
            chains = Files.isDirectory(data) ? BackboneDataset.build(data, BackboneDataset.Options.lengths(length, 100_000)).chains()
                    : BackboneDataset.load(data).chains();
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        chains = chains.stream().filter(b -> b.length() >= length).toList();
        if (chains.isEmpty()) throw new CommandLine.ParameterException(spec.commandLine(), data + ": no chain with >= " + length + " residues");
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        FrameModel model = new FrameModel(FrameModel.Config.small(length), common.seed);
        OutputDir.mark(out);
        long t0 = System.nanoTime();
        int every = Math.max(1, steps / 50);
        double[] losses = FrameTrainer.train(model, chains, steps, batch, lr, new Rng(common.seed), s -> {
            if (s % every == 0 || s == steps) System.err.printf("step %d/%d  %.0f s%n", s, steps, (System.nanoTime() - t0) / 1e9);
        });
        StringBuilder csv = new StringBuilder("step,loss\n");
        for (int i = 0; i < losses.length; i++) csv.append(i + 1).append(',').append((float) losses[i]).append('\n');
        org.flowmatch4j.core.util.AtomicFiles.writeString(out.resolve("losses.csv"), csv.toString());
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("library", "FlowMatch4j " + FlowMatch4j.VERSION);
        meta.put("network", model.spec());
        meta.put("crop_length", Integer.toString(length));
        meta.put("data", data.toAbsolutePath().toString());
        meta.put("chains", Integer.toString(chains.size()));
        meta.put("seed", Long.toString(common.seed));
        meta.put("command", String.format("backbone train --steps %d --batch %d --length %d --lr %s", steps, batch, length, lr));
        new Checkpoint(meta, steps, new byte[0], Map.of("params", model.parameters())).save(out.resolve("model"));
        System.out.printf("trained %d steps on %d chains in %.0f s; wrote %s/{model, losses.csv}%n", steps, chains.size(),
                (System.nanoTime() - t0) / 1e9, out);
        return 0;
    }
}
