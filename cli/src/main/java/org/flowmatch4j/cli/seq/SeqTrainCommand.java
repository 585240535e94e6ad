package org.flowmatch4j.cli.seq;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flowmatch4j.cli.CommonOptions;
import org.flowmatch4j.cli.OutputDir;
import org.flowmatch4j.core.FlowMatch4j;
import org.flowmatch4j.core.train.Checkpoint;
import org.flowmatch4j.core.train.LrSchedule;
import org.flowmatch4j.core.util.AtomicFiles;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.sequences.data.SequenceData;
import org.flowmatch4j.sequences.flow.CategoricalFlow;
import org.flowmatch4j.sequences.io.Alphabet;
import org.flowmatch4j.sequences.io.Fasta;
import org.flowmatch4j.sequences.io.SequenceRecord;
import org.flowmatch4j.sequences.model.CategoricalDenoiser;
import org.flowmatch4j.sequences.model.SequenceTrainer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code flowmatch seq train}: a sequence flow from a FASTA file. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a Dirichlet, linear-simplex or discrete flow on the sequences of a FASTA file (class-conditional with "
                + "--labels, with class dropout for classifier-free guidance). A held-out share is set aside and written to "
                + "RUN/heldout.fasta (RUN/train.fasta holds the rest) for 'seq eval'.")
public final class SeqTrainCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--fasta", required = true, description = "Training sequences (FASTA).")
    Path fasta;
    @Option(names = "--labels", description = "TSV/CSV with a header: record id first, then the class column; "
            + "or header:KEY for a KEY=value field in each FASTA header.")
    String labels;
    @Option(names = "--label-column", defaultValue = "label", description = "Class column of --labels (default: ${DEFAULT-VALUE}).")
    String labelColumn;
    @Option(names = "--alphabet", required = true, description = "dna, rna or protein.")
    String alphabet;
    @Option(names = "--ambiguity", defaultValue = "error", description = "error | skip: records with ambiguity codes (default: ${DEFAULT-VALUE}).")
    String ambiguity;
    @Option(names = "--method", defaultValue = "dirichlet", description = "dirichlet, linear, discrete or discrete-uniform (default: ${DEFAULT-VALUE}).")
    String method;
    @Mixin DiscreteFlowOptions discrete;
    @Option(names = "--out", required = true, description = "Run directory.")
    Path out;
    @Option(names = "--steps", defaultValue = "3000", description = "Training steps (default: ${DEFAULT-VALUE}).")
    int steps;
    @Option(names = "--batch", defaultValue = "256", description = "Sequences per step (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--lr", defaultValue = "1e-3", description = "Peak learning rate, warm-up then cosine (default: ${DEFAULT-VALUE}).")
    double lr;
    @Option(names = "--network", defaultValue = "mlp", description = "Denoiser: mlp (over the flattened sequence), transformer "
            + "(over positions) or cnn (dilated 1-D convolutions over positions, kernel 9) (default: ${DEFAULT-VALUE}).")
    String network;
    @Option(names = "--hidden", defaultValue = "512", description = "Width: MLP hidden units, transformer model dimension or CNN channels (default: ${DEFAULT-VALUE}).")
    int hidden;
    @Option(names = "--depth", defaultValue = "3", description = "MLP hidden layers, transformer blocks or CNN residual blocks (default: ${DEFAULT-VALUE}).")
    int depth;
    @Option(names = "--holdout", defaultValue = "0.1", description = "Share of records held out (default: ${DEFAULT-VALUE}).")
    double holdout;
    @Option(names = "--class-dropout", defaultValue = "0.2", description = "Probability of training a step's label as 'no class' (default: ${DEFAULT-VALUE}).")
    double classDropout;
    @Option(names = "--overwrite", description = "Replace a model already in --out.")
    boolean overwrite;

    @Override public Integer call() throws IOException {
        OutputDir.refuseOverwrite(spec, out.resolve("model"), overwrite, "a model");
        if (steps < 1 || batch < 1 || lr <= 0 || hidden < 1 || depth < 1 || holdout < 0 || holdout >= 1 || classDropout < 0 || classDropout > 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "need positive --steps, --batch, --lr, --hidden, --depth; 0 <= --holdout < 1; 0 <= --class-dropout <= 1");
        }
        SequenceData data;
        List<SequenceRecord> heldOut;
        CategoricalFlow flow;
        try {
            Alphabet a = Alphabet.named(alphabet);
            Fasta.Ambiguity amb = switch (ambiguity) {
                case "error" -> Fasta.Ambiguity.ERROR;
                case "skip" -> Fasta.Ambiguity.SKIP;
                default -> throw new IllegalArgumentException("--ambiguity must be error or skip, got '" + ambiguity + "'");
            };
            Fasta.Result read = Fasta.read(fasta, a, amb);
            if (read.skipped() > 0) System.err.printf("skipped %d records with ambiguity codes%n", read.skipped());
            List<List<SequenceRecord>> split = SequenceData.split(read.records(), holdout, common.seed);
            heldOut = split.get(1);
            data = SequenceData.of(a, split.get(0), labels, labelColumn);
            flow = discrete.flow(method, data.categories());
        } catch (IllegalArgumentException | IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        CategoricalDenoiser.Config cfg;
        try {
            cfg = new CategoricalDenoiser.Config(network, data.length(), flow.channels(), data.categories(), data.classNames().size(), hidden, depth, discrete.loss);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        CategoricalDenoiser net = new CategoricalDenoiser(cfg, common.seed);
        net.useEma(0.999);
        OutputDir.mark(out);
        long t0 = System.nanoTime();
        int every = Math.max(1, steps / 20);
        String lossName = discrete.lossName();
        double[] window = new double[every];
        StringBuilder csv = new StringBuilder("step,loss\n");
        SequenceTrainer.train(flow, net, data, new SequenceTrainer.Options(steps, batch, lr, LrSchedule.warmupCosine(Math.min(200, steps / 10), 0.1),
                classDropout, 1.0), new Rng(common.seed), (s, loss) -> {
                    csv.append(s).append(',').append((float) loss).append('\n');
                    window[(s - 1) % every] = loss;
                    if (s % every == 0) System.err.printf(Locale.ROOT, "step %d/%d  %s %.4f  %.0f s%n", s, steps, lossName,
                            java.util.Arrays.stream(window).average().orElse(0), (System.nanoTime() - t0) / 1e9);
                });
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("library", "FlowMatch4j " + FlowMatch4j.VERSION);
        meta.put("kind", "sequences");
        meta.put("network", cfg.spec());
        meta.put("method", method);
        meta.put("kappa_exponent", Integer.toString(discrete.kappaExponent));
        meta.put("alphabet", data.alphabet().name());
        meta.put("padded", Boolean.toString(data.padded()));
        meta.put("classes", String.join("\t", data.classNames()));
        meta.put("seed", Long.toString(common.seed));
        meta.put("command", String.format(Locale.ROOT, "seq train --network %s --alphabet %s --method %s --loss %s --kappa-exponent %d --steps %d --batch %d --lr %s --hidden %d --depth %d "
                + "--holdout %s --class-dropout %s --seed %d", network, alphabet, method, discrete.loss, discrete.kappaExponent, steps, batch, lr, hidden, depth, holdout, classDropout, common.seed));
        Fasta.write(out.resolve("train.fasta"), data.records());
        if (!heldOut.isEmpty()) Fasta.write(out.resolve("heldout.fasta"), heldOut);
        AtomicFiles.writeString(out.resolve("losses.csv"), csv.toString());
        new Checkpoint(meta, steps, new byte[0], Map.of("params", net.samplingParameters())).save(out.resolve("model"));
        System.out.printf(Locale.ROOT, "trained %s flow on %d sequences (length %d%s, %d classes) in %.0f s; wrote %s/{model, losses.csv, train.fasta, heldout.fasta}%n",
                method, data.records().size(), data.length(), data.padded() ? ", padded" : "", data.classNames().size(), (System.nanoTime() - t0) / 1e9, out);
        return 0;
    }
}
