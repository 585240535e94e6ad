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
import org.flowmatch4j.core.train.CheckpointException;
import org.flowmatch4j.core.train.LrSchedule;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.proteins.data.BackboneDataset;
import org.flowmatch4j.proteins.io.Backbone;
import org.flowmatch4j.proteins.model.FrameModel;
import org.flowmatch4j.proteins.model.FrameTrainer;
import org.flowmatch4j.proteins.model.MotifCrops;
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
    @Option(names = "--lengths", defaultValue = "60,72,84,96,108,120", split = ",",
            description = "Crop lengths; each step draws one (default: ${DEFAULT-VALUE}).")
    List<Integer> lengths;
    @Option(names = "--tokens", defaultValue = "256", description = "Residues per step: floor(tokens/length) crops, at least 2 (default: ${DEFAULT-VALUE}).")
    int tokens;
    @Option(names = "--lr", defaultValue = "1e-3", description = "AdamW peak learning rate (default: ${DEFAULT-VALUE}).")
    double lr;
    @Option(names = "--warmup", defaultValue = "200", description = "Linear warm-up steps before the cosine decay to lr/10 (default: ${DEFAULT-VALUE}).")
    int warmup;
    @Option(names = "--ema", defaultValue = "0.999", description = "EMA decay of the weights sampling uses; 0 = none (default: ${DEFAULT-VALUE}).")
    double ema;
    @Option(names = "--self-cond", defaultValue = "0.5", description = "Probability of a self-conditioned step (default: ${DEFAULT-VALUE}).")
    double selfCond;
    @Option(names = "--size", defaultValue = "small", description = "Network: small (IPA blocks at widths that train on 2 CPU cores; the shipped model's), small-ff (the same "
            + "widths with FrameFlow's full blocks: a sequence transformer after each IPA and edge updates between blocks; about 2x "
            + "the time per step) or frameflow (FrameFlow's published size and blocks, for GPUs).")
    String size;
    @Option(names = "--save-every", defaultValue = "500", description = "Write RUN/model and RUN/losses.csv every N steps (default: ${DEFAULT-VALUE}).")
    int saveEvery;
    @Option(names = "--motif-prob", defaultValue = "0", description = "Amortised motif conditioning (FrameFlow's "
            + "motif-scaffolding model): the share of training crops given a random motif of 1-3 segments (5-50 percent of the "
            + "crop) as input; > 0 builds a motif-conditioned network for 'backbone scaffold' (default: ${DEFAULT-VALUE}).")
    double motifProb;
    @Option(names = "--clash-weight", defaultValue = "0", description = "Weight of the Ca clash loss at late t: pairs "
            + "at least 3 apart in sequence closer than 3.4 A (0 = off; default: ${DEFAULT-VALUE}).")
    double clashWeight;
    @Option(names = "--aux-weight", defaultValue = "1", description = "Weight of FrameFlow's auxiliary backbone-atom and "
            + "local-distance losses at late t (default: ${DEFAULT-VALUE}).")
    double auxWeight;
    @Option(names = "--t-power", defaultValue = "1", description = "Training t = 1 - (1 - u)^p, u uniform: 1 = uniform t "
            + "(FrameFlow), > 1 draws more late t (default: ${DEFAULT-VALUE}).")
    double tPower;
    @Option(names = "--init", description = "Start from the sampling weights of this run's model (a 'backbone train' or "
            + "'reflow' directory, or 'builtin' for the shipped model) instead of a fresh initialisation; the network "
            + "must have --size's widths and at most its additions (a small model may start a small-ff run; an unconditioned "
            + "model may start a --motif-prob run: its motif weights start at zero).")
    String init;
    @Option(names = "--split-breaks", description = "With a directory as --data: cut chains at their breaks and train on "
            + "the unbroken segments instead of leaving those chains out.")
    boolean splitBreaks;
    @Option(names = "--overwrite", description = "Replace a model already in --out.")
    boolean overwrite;

    @Override public Integer call() throws IOException {
        OutputDir.refuseOverwrite(spec, out.resolve("model"), overwrite, "a model");
        if (steps < 1 || tokens < 1 || lengths.stream().anyMatch(l -> l < 8) || warmup < 0 || ema < 0 || ema >= 1
                || selfCond < 0 || selfCond > 1 || saveEvery < 1 || motifProb < 0 || motifProb > 1 || !(clashWeight >= 0) || Double.isInfinite(clashWeight)
                || !(auxWeight >= 0) || Double.isInfinite(auxWeight) || !(tPower > 0) || Double.isInfinite(tPower)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "need --steps >= 1, --tokens >= 1, --lengths >= 8, "
                    + "--warmup >= 0, 0 <= --ema < 1, 0 <= --self-cond <= 1, --save-every >= 1, 0 <= --motif-prob <= 1, finite --clash-weight >= 0, --aux-weight >= 0 and --t-power > 0");
        }
        FrameModel.Config config = switch (size) {
            case "small" -> FrameModel.Config.small();
            case "small-ff" -> FrameModel.Config.smallFrameFlow();
            case "frameflow" -> FrameModel.Config.frameFlow();
            default -> throw new CommandLine.ParameterException(spec.commandLine(), "--size must be small, small-ff or frameflow, got '" + size + "'");
        };
        if (motifProb > 0) config = config.withMotif();
        int longest = lengths.stream().mapToInt(Integer::intValue).max().orElseThrow();
        if (splitBreaks && !Files.isDirectory(data)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--split-breaks needs a directory as --data; " + data
                    + " is a dataset file (build it with 'backbone dataset --split-breaks' instead)");
        }
        List<Backbone> chains;
        try {
            BackboneDataset.Options filter = BackboneDataset.Options.lengths(8, 100_000);
            chains = Files.isDirectory(data) ? BackboneDataset.build(data, splitBreaks ? filter.splittingBreaks() : filter).chains()
                    : BackboneDataset.load(data).chains();
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (chains.stream().noneMatch(b -> b.length() >= longest)) {
            throw new CommandLine.ParameterException(spec.commandLine(), data + ": no chain with >= " + longest + " residues (longest crop)");
        }
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        FrameModel model = new FrameModel(config, common.seed);
        if (init != null) startFrom(model);
        if (ema > 0) model.useEma(ema);
        model.setClashWeight(clashWeight);
        model.setAuxWeight(auxWeight);
        OutputDir.mark(out);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("library", "FlowMatch4j " + FlowMatch4j.VERSION);
        meta.put("network", model.spec());
        meta.put("crop_lengths", lengths.toString());
        meta.put("data", data.toAbsolutePath().toString());
        meta.put("chains", Integer.toString(chains.size()));
        meta.put("seed", Long.toString(common.seed));
        if (init != null) meta.put("init", init);
        meta.put("command", String.format(java.util.Locale.ROOT, "backbone train --steps %d --lengths %s --tokens %d --lr %s "
                + "--warmup %d --ema %s --self-cond %s --size %s --seed %d --motif-prob %s --clash-weight %s --aux-weight %s --t-power %s%s%s", steps,
                lengths.toString().replaceAll("[\\[\\] ]", ""), tokens, lr, warmup, ema, selfCond, size, common.seed, motifProb, clashWeight, auxWeight, tPower,
                init == null ? "" : " --init " + init, splitBreaks ? " --split-breaks" : ""));
        FrameTrainer.BatchSource source = new FrameTrainer.CropSource(chains, lengths.stream().mapToInt(Integer::intValue).toArray(), tokens);
        if (motifProb > 0) source = new MotifCrops(source, motifProb);
        var options = new FrameTrainer.Options(steps, lr, LrSchedule.warmupCosine(warmup, 0.1), selfCond, 1.0, tPower);
        long t0 = System.nanoTime();
        int every = Math.max(1, steps / 100);
        StringBuilder csv = new StringBuilder("step,length,loss,seconds\n");
        double[] window = new double[every];
        FrameTrainer.train(model, source, options, new Rng(common.seed), (s, n, loss) -> {
            double seconds = (System.nanoTime() - t0) / 1e9;
            csv.append(String.format(java.util.Locale.ROOT, "%d,%d,%.5f,%.1f%n", s, n, loss, seconds));
            window[(s - 1) % every] = loss;
            if (s % every == 0 || s == steps) {
                System.err.printf(java.util.Locale.ROOT, "step %d/%d  loss %.3f (mean of last %d)  %.0f s%n", s, steps,
                        java.util.Arrays.stream(window).average().orElse(0), every, seconds);
            }
            if (s % saveEvery == 0 || s == steps) save(model, meta, s, csv);
        });
        System.out.printf("trained %d steps on %d chains in %.0f s; wrote %s/{model, losses.csv}%n", steps, chains.size(),
                (System.nanoTime() - t0) / 1e9, out);
        return 0;
    }

    /**
     * Copies the --init run's sampling weights into {@code model}: the same network, or the same sizes without motif
     * conditioning (whose zero-initialised motif weights then start the fine-tuning); anything else is refused.
     */
    private void startFrom(FrameModel model) {
        SampleWriter.Trained from;
        try {
            from = SampleWriter.load(init.equals("builtin") ? null : Path.of(init));
        } catch (CheckpointException | IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--init " + init + ": " + e.getMessage());
        }
        try {
            model.initFrom(from.model());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), String.format("--init %s holds network %s; --size %s%s "
                    + "builds %s", init, from.model().spec(), size, motifProb > 0 ? " --motif-prob" : "", model.spec()));
        }
    }

    private void save(FrameModel model, Map<String, String> meta, int step, StringBuilder csv) {
        try {
            org.flowmatch4j.core.util.AtomicFiles.writeString(out.resolve("losses.csv"), csv.toString());
            new Checkpoint(meta, step, new byte[0], Map.of("params", model.samplingParameters())).save(out.resolve("model"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
