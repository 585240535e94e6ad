package org.flowmatch4j.cli.backbone;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flowmatch4j.cli.CommonOptions;
import org.flowmatch4j.cli.OutputDir;
import org.flowmatch4j.core.train.Checkpoint;
import org.flowmatch4j.core.train.CheckpointException;
import org.flowmatch4j.core.train.LrSchedule;
import org.flowmatch4j.core.util.AtomicFiles;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.proteins.model.FrameModel;
import org.flowmatch4j.proteins.model.FrameReflow;
import org.flowmatch4j.proteins.model.FrameTrainer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code flowmatch backbone reflow}: ReQFlow's reflow of a trained frame model for few-step sampling. */
@Command(name = "reflow", mixinStandardHelpOptions = true,
        description = "Reflow a 'backbone train' model (ReQFlow): sample it from fixed noise into (noise, backbone) pairs, then "
                + "fine-tune a copy on the pairs with the identity coupling. The new run samples with the linear rotation "
                + "schedule and quaternion steps by default, in few steps (e.g. --steps 10).")
public final class BackboneReflowCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--model", required = true, description = "Run directory of 'backbone train'.")
    Path run;
    @Option(names = "--out", required = true, description = "Run directory for the reflowed model.")
    Path out;
    @Option(names = "--lengths", defaultValue = "60,80,100,120", split = ",", description = "Lengths of the pairs (default: ${DEFAULT-VALUE}).")
    List<Integer> lengths;
    @Option(names = "--pairs", defaultValue = "32", description = "Pairs per length (default: ${DEFAULT-VALUE}).")
    int pairs;
    @Option(names = "--pair-steps", defaultValue = "100", description = "Sampler steps that make each pair (default: ${DEFAULT-VALUE}).")
    int pairSteps;
    @Option(names = "--steps", defaultValue = "1000", description = "Fine-tuning steps (default: ${DEFAULT-VALUE}).")
    int steps;
    @Option(names = "--tokens", defaultValue = "256", description = "Residues per fine-tuning step (default: ${DEFAULT-VALUE}).")
    int tokens;
    @Option(names = "--lr", defaultValue = "2e-4", description = "Fine-tuning learning rate, cosine-decayed to a tenth (default: ${DEFAULT-VALUE}).")
    double lr;
    @Option(names = "--overwrite", description = "Replace a model already in --out.")
    boolean overwrite;

    @Override public Integer call() throws IOException {
        OutputDir.refuseOverwrite(spec, out.resolve("model"), overwrite, "a model");
        if (pairs < 1 || pairSteps < 1 || steps < 1 || tokens < 1 || lr <= 0 || lengths.stream().anyMatch(l -> l < 8)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "need --pairs, --pair-steps, --steps, --tokens >= 1, --lr > 0, --lengths >= 8");
        }
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        SampleWriter.Trained trained;
        try {
            trained = SampleWriter.load(run);
        } catch (CheckpointException | IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        FrameModel model = trained.model();
        OutputDir.mark(out);
        Rng rng = new Rng(common.seed);
        long t0 = System.nanoTime();
        int total = pairs * lengths.size();
        List<FrameReflow.Pairs> data = FrameReflow.generate(model, lengths.stream().mapToInt(Integer::intValue).toArray(), pairs, 8,
                trained.sampling(pairSteps, null, null), rng,
                done -> System.err.printf(Locale.ROOT, "pairs %d/%d  %.0f s%n", done, total, (System.nanoTime() - t0) / 1e9));
        model.useEma(0.999);
        StringBuilder csv = new StringBuilder("step,length,loss,seconds\n");
        int every = Math.max(1, steps / 20);
        FrameTrainer.train(model, new FrameReflow.PairSource(data, tokens),
                new FrameTrainer.Options(steps, lr, LrSchedule.warmupCosine(0, 0.1), 0.5, 1.0), rng, (s, n, loss) -> {
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    csv.append(String.format(Locale.ROOT, "%d,%d,%.5f,%.1f%n", s, n, loss, seconds));
                    if (s % every == 0 || s == steps) System.err.printf(Locale.ROOT, "step %d/%d  loss %.3f  %.0f s%n", s, steps, loss, seconds);
                });
        Map<String, String> meta = new LinkedHashMap<>(trained.metadata());
        meta.put("reflow_of", run.toAbsolutePath().toString());
        meta.put("rotation_rate", "0");
        meta.put("rotations", "quaternion");
        meta.put("command", String.format(Locale.ROOT, "backbone reflow --lengths %s --pairs %d --pair-steps %d --steps %d --tokens %d "
                + "--lr %s --seed %d", lengths.toString().replaceAll("[\\[\\] ]", ""), pairs, pairSteps, steps, tokens, lr, common.seed));
        AtomicFiles.writeString(out.resolve("losses.csv"), csv.toString());
        new Checkpoint(meta, steps, new byte[0], Map.of("params", model.samplingParameters())).save(out.resolve("model"));
        System.out.printf(Locale.ROOT, "reflowed on %d pairs in %.0f s; wrote %s/{model, losses.csv}%n", total, (System.nanoTime() - t0) / 1e9, out);
        return 0;
    }
}
