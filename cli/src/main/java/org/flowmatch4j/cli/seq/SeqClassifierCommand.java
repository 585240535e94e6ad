package org.flowmatch4j.cli.seq;

import java.io.IOException;
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
import org.flowmatch4j.sequences.data.SequenceData;
import org.flowmatch4j.sequences.io.Alphabet;
import org.flowmatch4j.sequences.io.Fasta;
import org.flowmatch4j.sequences.io.SequenceRecord;
import org.flowmatch4j.sequences.metrics.KmerClassifier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code flowmatch seq classifier}: the independent k-mer judge used by 'seq eval --classifier'. */
@Command(name = "classifier", mixinStandardHelpOptions = true,
        description = "Fit a k-mer composition logistic-regression classifier on labelled sequences (keep them disjoint from the "
                + "generator's training set), report its accuracy on a held-out share, and save it for 'seq eval --classifier'.")
public final class SeqClassifierCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--fasta", required = true, description = "Labelled sequences (FASTA).")
    Path fasta;
    @Option(names = "--labels", required = true, description = "TSV/CSV with a header: record id first, then the class column; "
            + "or header:KEY for a KEY=value field in each FASTA header.")
    String labels;
    @Option(names = "--label-column", defaultValue = "label", description = "Class column (default: ${DEFAULT-VALUE}).")
    String labelColumn;
    @Option(names = "--alphabet", required = true, description = "dna, rna or protein.")
    String alphabet;
    @Option(names = "--exclude", description = "FASTA whose sequences are left out (e.g. the generator's training set), so the judge is independent.")
    Path exclude;
    @Option(names = "--l2", defaultValue = "0.03", description = "L2 penalty λ on the weights (default: ${DEFAULT-VALUE}).")
    double l2;
    @Option(names = "--holdout", defaultValue = "0.3", description = "Share held out for the accuracy (default: ${DEFAULT-VALUE}).")
    double holdout;
    @Option(names = "--out", required = true, description = "Classifier file to write.")
    Path out;
    @Option(names = "--overwrite", description = "Replace --out if it exists.")
    boolean overwrite;

    @Override public Integer call() throws IOException {
        OutputDir.refuseOverwrite(spec, out, overwrite, "a file");
        if (holdout <= 0 || holdout >= 1) throw new CommandLine.ParameterException(spec.commandLine(), "need 0 < --holdout < 1");
        Alphabet a;
        SequenceData train, test;
        String excluded = "";
        try {
            a = Alphabet.named(alphabet);
            List<SequenceRecord> records = Fasta.read(fasta, a);
            if (exclude != null) {
                java.util.Set<String> drop = new java.util.HashSet<>(Fasta.read(exclude, a).stream().map(SequenceRecord::sequence).toList());
                int before = records.size();
                records = records.stream().filter(r -> !drop.contains(r.sequence())).toList();
                excluded = String.format(Locale.ROOT, "left out %d of %d sequences found in %s; ", before - records.size(), before, exclude);
            }
            List<List<SequenceRecord>> split = SequenceData.split(records, holdout, common.seed);
            train = SequenceData.of(a, split.get(0), labels, labelColumn);
            test = SequenceData.of(a, split.get(1), labels, labelColumn);
        } catch (IllegalArgumentException | IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (train.classNames().size() < 2 || !train.classNames().equals(test.classNames())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "need at least two classes, present in both the fit and the held-out share");
        }
        List<String> tr = train.records().stream().map(SequenceRecord::sequence).toList(), te = test.records().stream().map(SequenceRecord::sequence).toList();
        KmerClassifier c = KmerClassifier.fit(tr, train.classes(), train.classNames().size(), a, l2, 300);
        double accTrain = c.accuracy(tr, train.classes()), accTest = c.accuracy(te, test.classes());
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("kind", "kmer-classifier");
        meta.put("alphabet", a.name());
        meta.put("classes", String.join("\t", train.classNames()));
        meta.put("heldout_accuracy", Double.toString(accTest));
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        Map<String, org.nd4j.linalg.api.ndarray.INDArray> arrays = new LinkedHashMap<>();
        arrays.put("weights", Nd4j.createFromArray(c.weights()));
        arrays.put("mean", Nd4j.createFromArray(c.mean()));
        arrays.put("scale", Nd4j.createFromArray(c.scale()));
        new Checkpoint(meta, 0, new byte[0], arrays).save(out);
        System.out.printf(Locale.ROOT, "%sclasses %s: accuracy %.4f on %d held-out sequences (%.4f on the %d fitted); wrote %s%n",
                excluded, train.classNames(), accTest, te.size(), accTrain, tr.size(), out);
        return 0;
    }

    /** Loads a classifier file and its class names. */
    static Map.Entry<KmerClassifier, List<String>> load(Path file) throws IOException {
        Checkpoint ck = Checkpoint.load(file);
        if (!"kmer-classifier".equals(ck.metadata().get("kind"))) throw new CheckpointException(file + " is not a 'seq classifier' file");
        Alphabet a = Alphabet.named(ck.metadata().get("alphabet"));
        double[][] w = ck.array("weights").castTo(DataType.DOUBLE).toDoubleMatrix();
        KmerClassifier c = KmerClassifier.of(a, w, ck.array("mean").castTo(DataType.DOUBLE).toDoubleVector(),
                ck.array("scale").castTo(DataType.DOUBLE).toDoubleVector());
        return Map.entry(c, new ArrayList<>(List.of(ck.metadata().get("classes").split("\t"))));
    }
}
