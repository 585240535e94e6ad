package org.flowmatch4j.cli.seq;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flowmatch4j.cli.CommonOptions;
import org.flowmatch4j.cli.OutputDir;
import org.flowmatch4j.core.train.Checkpoint;
import org.flowmatch4j.core.train.CheckpointException;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.sequences.data.SequenceData;
import org.flowmatch4j.sequences.flow.CategoricalFlow;
import org.flowmatch4j.sequences.io.Alphabet;
import org.flowmatch4j.sequences.io.Fasta;
import org.flowmatch4j.sequences.io.SequenceRecord;
import org.flowmatch4j.sequences.model.CategoricalDenoiser;
import org.flowmatch4j.sequences.model.NoisyClassifier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code flowmatch seq noisy-classifier}: the classifier on noisy simplex states that 'seq sample --classifier' guides with. */
@Command(name = "noisy-classifier", mixinStandardHelpOptions = true,
        description = "Train a classifier p(class | x_t, t) on the noisy states of a 'seq train' run's flow (Dirichlet or linear), "
                + "for classifier guidance ('seq sample --classifier FILE --class C --classifier-scale G'). Fits on the run's "
                + "train.fasta with --labels; reports accuracy on the run's heldout.fasta at three noise levels.")
public final class SeqNoisyClassifierCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--model", required = true, description = "Run directory of 'seq train' (its flow and train/held-out split).")
    Path run;
    @Option(names = "--labels", required = true, description = "TSV/CSV with a header: record id first, then the class column; "
            + "or header:KEY for a KEY=value field in each FASTA header.")
    String labels;
    @Option(names = "--label-column", defaultValue = "label", description = "Class column (default: ${DEFAULT-VALUE}).")
    String labelColumn;
    @Option(names = "--steps", defaultValue = "2000", description = "Training steps (default: ${DEFAULT-VALUE}).")
    int steps;
    @Option(names = "--batch", defaultValue = "256", description = "Sequences per step (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--lr", defaultValue = "1e-3", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    double lr;
    @Option(names = "--hidden", defaultValue = "256", description = "MLP hidden units (default: ${DEFAULT-VALUE}).")
    int hidden;
    @Option(names = "--depth", defaultValue = "2", description = "MLP hidden layers (default: ${DEFAULT-VALUE}).")
    int depth;
    @Option(names = "--out", required = true, description = "Classifier file to write.")
    Path out;
    @Option(names = "--overwrite", description = "Replace --out if it exists.")
    boolean overwrite;

    @Override public Integer call() throws IOException {
        OutputDir.refuseOverwrite(spec, out, overwrite, "a file");
        if (steps < 1 || batch < 1 || !(lr > 0) || hidden < 1 || depth < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "need positive --steps, --batch, --lr, --hidden, --depth");
        }
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        CategoricalDenoiser.Config model;
        CategoricalFlow flow;
        SequenceData train;
        Map<String, String> meta;
        List<SequenceRecord> heldOut = List.of();
        try {
            meta = Checkpoint.load(run.resolve("model")).metadata();
            if (!"sequences".equals(meta.get("kind"))) throw new IllegalArgumentException(run + "/model is not a 'seq train' model");
            model = CategoricalDenoiser.Config.parse(meta.get("network"));
            flow = CategoricalFlow.named(meta.get("method"), model.categories());
            if (flow.channels() != flow.categories()) {
                throw new IllegalArgumentException("classifier guidance needs a simplex flow (dirichlet or linear); " + run + " is " + meta.get("method"));
            }
            Alphabet a = Alphabet.named(meta.get("alphabet"));
            train = SequenceData.of(a, Fasta.read(run.resolve("train.fasta"), a), labels, labelColumn);
            if (train.length() != model.length() || train.categories() != model.categories()) {
                throw new IllegalArgumentException(run + "/train.fasta gives length " + train.length() + " and " + train.categories()
                        + " categories, the model " + model.length() + " and " + model.categories());
            }
            if (train.classNames().size() < 2) throw new IllegalArgumentException(labels + ": need at least two classes, found " + train.classNames());
            if (Files.exists(run.resolve("heldout.fasta"))) heldOut = Fasta.read(run.resolve("heldout.fasta"), a);
        } catch (CheckpointException | IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        NoisyClassifier.Config cfg = new NoisyClassifier.Config(model.length(), flow.channels(), train.classNames().size(), hidden, depth);
        NoisyClassifier classifier = new NoisyClassifier(cfg, common.seed);
        long t0 = System.nanoTime();
        int every = Math.max(1, steps / 10);
        double[] window = new double[every];
        double[] losses = classifier.train(flow, train, new NoisyClassifier.Options(steps, batch, lr), new Rng(common.seed), (s, loss) -> {
            window[(s - 1) % every] = loss;
            if (s % every == 0) System.err.printf(Locale.ROOT, "step %d/%d  cross-entropy %.4f  %.0f s%n", s, steps,
                    java.util.Arrays.stream(window).average().orElse(0), (System.nanoTime() - t0) / 1e9);
        });
        String accuracy = heldOutAccuracy(classifier, flow, train, heldOut, labels);
        Map<String, String> out = new LinkedHashMap<>();
        out.put("kind", "noisy-classifier");
        out.put("network", cfg.spec());
        out.put("method", meta.get("method"));
        out.put("alphabet", meta.get("alphabet"));
        out.put("classes", String.join("\t", train.classNames()));
        out.put("model", run.toAbsolutePath().normalize().toString());
        out.put("heldout_accuracy", accuracy);
        out.put("final_loss", Double.toString(losses[losses.length - 1]));
        new Checkpoint(out, steps, new byte[0], Map.of("params", classifier.parameters())).save(this.out);
        System.out.printf(Locale.ROOT, "classes %s; held-out accuracy %s; wrote %s%n", train.classNames(), accuracy, this.out);
        return 0;
    }

    /** Accuracy on the held-out records (those that fit the model's length) at a quarter, half and all of the path. */
    private String heldOutAccuracy(NoisyClassifier c, CategoricalFlow flow, SequenceData train, List<SequenceRecord> heldOut,
                                   String labels) throws IOException {
        List<SequenceRecord> fit = heldOut.stream().filter(r -> train.padded() ? r.length() <= train.length() : r.length() == train.length()).toList();
        if (fit.isEmpty()) return "n/a (no held-out sequences)";
        SequenceData test;
        try {
            test = SequenceData.of(train.alphabet(), fit, labels, labelColumn);
        } catch (IllegalArgumentException e) {
            return "n/a (" + e.getMessage() + ")";
        }
        int n = fit.size(), length = train.length();
        SequenceData padded = new SequenceData(train.alphabet(), fit, length, train.padded(), test.classNames(), test.classes());
        int[] tokens = new int[n * length], cls = new int[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(padded.tokens(i), 0, tokens, i * length, length);      // padded to the model's length
            cls[i] = train.classNames().indexOf(test.classNames().get(test.classes()[i]));
        }
        double end = flow instanceof org.flowmatch4j.sequences.flow.DirichletFlow d ? d.tMax() : 1;
        List<String> parts = new ArrayList<>();
        Rng rng = new Rng(1);
        for (double share : new double[] {0.25, 0.5, 1}) {
            double[] t = new double[n], feature = new double[n];
            java.util.Arrays.fill(t, share * end);
            java.util.Arrays.fill(feature, flow.timeFeature(share * end));
            float[] p = c.probabilities(flow.noisy(tokens, length, t, rng), feature);
            int right = 0, k = c.config().classes();
            for (int i = 0; i < n; i++) {
                int best = 0;
                for (int j = 1; j < k; j++) if (p[i * k + j] > p[i * k + best]) best = j;
                if (best == cls[i]) right++;
            }
            parts.add(String.format(Locale.ROOT, "%.3f at t = %.3g", right / (double) n, share * end));
        }
        return String.join(", ", parts) + " (" + n + " sequences)";
    }
}
