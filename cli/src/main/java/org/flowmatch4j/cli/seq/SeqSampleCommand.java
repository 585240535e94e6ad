package org.flowmatch4j.cli.seq;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flowmatch4j.cli.CommonOptions;
import org.flowmatch4j.cli.OutputDir;
import org.flowmatch4j.core.train.Checkpoint;
import org.flowmatch4j.core.train.CheckpointException;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.sequences.flow.CategoricalFlow;
import org.flowmatch4j.sequences.flow.DiscreteFlow;
import org.flowmatch4j.sequences.io.Alphabet;
import org.flowmatch4j.sequences.io.Fasta;
import org.flowmatch4j.sequences.io.SequenceRecord;
import org.flowmatch4j.sequences.model.CategoricalDenoiser;
import org.flowmatch4j.sequences.model.Guidance;
import org.flowmatch4j.sequences.model.NoisyClassifier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code flowmatch seq sample}: sequences from a 'seq train' model, written as FASTA. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Sample sequences from a 'seq train' run; with --class, class-conditional with classifier-free guidance of "
                + "weight --guidance (0 = conditional, no guidance), or with --classifier, classifier guidance of the unconditional model. Writes FASTA (padding removed for variable-length models).")
public final class SeqSampleCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--model", required = true, description = "Run directory of 'seq train'.")
    Path run;
    @Option(names = "--num", defaultValue = "1000", description = "Sequences (default: ${DEFAULT-VALUE}).")
    int num;
    @Option(names = "--steps", defaultValue = "100", description = "Sampler steps (default: ${DEFAULT-VALUE}).")
    int steps;
    @Option(names = "--class", description = "Class label to condition on (one of the training labels).")
    String cls;
    @Option(names = "--guidance", defaultValue = "0", description = "Classifier-free guidance weight w >= 0 (default: ${DEFAULT-VALUE}).")
    double guidance;
    @Option(names = "--classifier", description = "Classifier guidance: a 'seq noisy-classifier' file for this run; steers the model's "
            + "unconditional prediction toward --class.")
    Path classifierFile;
    @Option(names = "--classifier-scale", defaultValue = "1", description = "Classifier guidance scale gamma >= 0: p(x1 | x_t) exp(gamma "
            + "grad log p(class | x_t)); 1 = Bayes' posterior to first order (default: ${DEFAULT-VALUE}).")
    double classifierScale;
    @Option(names = "--corrector", defaultValue = "0", description = "Corrector strength beta >= 0 for discrete flows (Gat et al.): "
            + "positions may return to the source and be redrawn; 0 = plain discrete Euler (default: ${DEFAULT-VALUE}).")
    double corrector;
    @Option(names = "--purity", description = "Purity sampling for masked discrete flows: each step unmasks as many positions as the "
            + "Euler step would, the ones the model is surest of first.")
    boolean purity;
    @Option(names = "--out", required = true, description = "FASTA file to write.")
    Path out;
    @Option(names = "--overwrite", description = "Replace --out if it exists.")
    boolean overwrite;

    @Override public Integer call() throws IOException {
        OutputDir.refuseOverwrite(spec, out, overwrite, "a file");
        if (num < 1 || steps < 1 || guidance < 0 || !(corrector >= 0) || !(classifierScale >= 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "need --num >= 1, --steps >= 1, --guidance >= 0, --corrector >= 0, --classifier-scale >= 0");
        }
        Checkpoint ck;
        CategoricalDenoiser net;
        CategoricalFlow flow;
        Alphabet alphabet;
        int classIndex = -1;
        CategoricalFlow.Denoiser guided = null;
        try {
            ck = Checkpoint.load(run.resolve("model"));
            Map<String, String> meta = ck.metadata();
            if (!"sequences".equals(meta.get("kind"))) throw new IllegalArgumentException(run + "/model is not a 'seq train' model");
            Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
            net = new CategoricalDenoiser(CategoricalDenoiser.Config.parse(meta.get("network")), 0);
            net.parameters().assign(ck.array("params").reshape(net.parameters().shape()));
            flow = CategoricalFlow.named(meta.get("method"), net.config().categories(),
                    Integer.parseInt(meta.getOrDefault("kappa_exponent", "1")));
            if (corrector > 0) {
                if (!(flow instanceof DiscreteFlow d)) throw new IllegalArgumentException("--corrector needs a discrete flow; this model is " + meta.get("method"));
                if (purity) throw new IllegalArgumentException("--purity and --corrector exclude each other");
                flow = d.withCorrector(corrector);
            }
            if (purity) {
                // DiscreteFlow.withPurity refuses the uniform source itself
                if (!(flow instanceof DiscreteFlow d)) throw new IllegalArgumentException("--purity needs a masked discrete flow; this model is " + meta.get("method"));
                flow = d.withPurity();
            }
            alphabet = Alphabet.named(meta.get("alphabet"));
            List<String> classes = meta.getOrDefault("classes", "").isEmpty() ? List.of() : List.of(meta.get("classes").split("\t"));
            if (classifierFile != null) {
                if (cls == null) throw new IllegalArgumentException("--classifier needs --class");
                if (guidance != 0) throw new IllegalArgumentException("--classifier guides the unconditional model; leave out --guidance");
                Checkpoint cc = Checkpoint.load(classifierFile);
                if (!"noisy-classifier".equals(cc.metadata().get("kind"))) throw new IllegalArgumentException(classifierFile + " is not a 'seq noisy-classifier' file");
                if (!meta.get("method").equals(cc.metadata().get("method"))) {
                    throw new IllegalArgumentException(classifierFile + " was trained for a " + cc.metadata().get("method") + " flow, this model is " + meta.get("method"));
                }
                NoisyClassifier.Config cfg = NoisyClassifier.Config.parse(cc.metadata().get("network"));
                if (cfg.length() != net.config().length() || cfg.channels() != flow.channels()) {
                    throw new IllegalArgumentException(classifierFile + " expects length " + cfg.length() + " and " + cfg.channels()
                            + " channels, this model has " + net.config().length() + " and " + flow.channels());
                }
                List<String> names = List.of(cc.metadata().get("classes").split("\t"));
                int target = names.indexOf(cls);
                if (target < 0) throw new IllegalArgumentException("--class '" + cls + "' is not one of the classifier's classes " + names);
                NoisyClassifier classifier = new NoisyClassifier(cfg, 0);
                classifier.parameters().assign(cc.array("params").reshape(classifier.parameters().shape()));
                guided = Guidance.classifier(net, classifier, flow, target, classifierScale);
            } else if (cls != null) {
                classIndex = classes.indexOf(cls);
                if (classIndex < 0) throw new IllegalArgumentException("--class '" + cls + "' is not one of the model's classes " + classes);
            } else if (guidance != 0) {
                throw new IllegalArgumentException("--guidance needs --class");
            }
        } catch (CheckpointException | IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        CategoricalFlow.Denoiser denoiser = guided != null ? guided : classIndex >= 0 ? Guidance.classifierFree(net, flow, classIndex, guidance) : net;
        int length = net.config().length(), chunk = 1024;
        Rng rng = new Rng(common.seed);
        List<SequenceRecord> records = new ArrayList<>();
        long t0 = System.nanoTime();
        String tag = String.format(Locale.ROOT, "method=%s%s%s", ck.metadata().get("method"), corrector > 0 ? " corrector=" + corrector : purity ? " purity" : "",
                cls == null ? "" : " class=" + cls + (classifierFile != null ? " classifier-scale=" + classifierScale : " guidance=" + guidance));
        int empty = 0;
        for (int done = 0; done < num; done += chunk) {
            int n = Math.min(chunk, num - done);
            int[] tokens = flow.sample(denoiser, n, length, steps, rng);
            for (int s = 0; s < n; s++) {
                StringBuilder sb = new StringBuilder();
                for (int p = 0; p < length; p++) if (tokens[s * length + p] < alphabet.size()) sb.append(alphabet.letter(tokens[s * length + p]));
                String id = String.format(Locale.ROOT, "sample_%06d", done + s + 1);
                if (sb.isEmpty()) empty++;                                       // all padding: no sequence to write
                else records.add(new SequenceRecord(id, id + " " + tag, sb.toString()));
            }
            System.err.printf(Locale.ROOT, "%d/%d sequences  %.0f s%n", done + n, num, (System.nanoTime() - t0) / 1e9);
        }
        if (empty > 0) System.err.printf("%d samples were all padding and are left out%n", empty);
        if (records.isEmpty()) throw new CommandLine.ParameterException(spec.commandLine(), "every sample was all padding; nothing to write");
        Fasta.write(out, records);
        System.out.printf(Locale.ROOT, "wrote %d sequences to %s%n", records.size(), out);
        return 0;
    }
}
