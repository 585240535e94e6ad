package org.flowmatch4j.cli.seq;

import java.awt.Color;
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
import org.flowmatch4j.cli.plot.ScatterPlot;
import org.flowmatch4j.core.util.AtomicFiles;
import org.flowmatch4j.core.util.Json;
import org.flowmatch4j.sequences.data.SequenceData;
import org.flowmatch4j.sequences.io.Alphabet;
import org.flowmatch4j.sequences.io.Fasta;
import org.flowmatch4j.sequences.io.SequenceRecord;
import org.flowmatch4j.sequences.metrics.KmerSpectrum;
import org.flowmatch4j.sequences.metrics.SequenceSetMetrics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code flowmatch seq eval}: generated sequences against held-out real ones. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Compare generated sequences with reference (held-out) ones: k-mer spectrum Jensen–Shannon divergence for "
                + "k = 1..6 beside the floor (the divergence between two random halves of the reference, with the samples cut "
                + "to the same size), uniqueness, novelty against --training, lengths. Writes summary.json, kmer.csv and "
                + "kmer3.png (3-mer spectra).")
public final class SeqEvalCommand implements Callable<Integer> {
    static final List<String> OUTPUTS = List.of("summary.json", "kmer.csv", "kmer3.png");

    @Mixin CommonOptions common;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--samples", required = true, description = "Generated sequences (FASTA).")
    Path samples;
    @Option(names = "--reference", required = true, description = "Held-out real sequences (FASTA).")
    Path reference;
    @Option(names = "--training", description = "Training sequences, for novelty (FASTA).")
    Path training;
    @Option(names = "--alphabet", required = true, description = "dna, rna or protein.")
    String alphabet;
    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;
    @Option(names = "--classifier", description = "A 'seq classifier' file: report the share of samples and of reference sequences it assigns to --class.")
    Path classifier;
    @Option(names = "--class", description = "The class to count with --classifier.")
    String cls;
    @Option(names = "--overwrite", description = "Replace results already in --out.")
    boolean overwrite;

    @Override public Integer call() throws IOException {
        if (!OutputDir.existing(out, OUTPUTS).isEmpty() && !overwrite) {
            throw new CommandLine.ParameterException(spec.commandLine(), out + " already holds " + OutputDir.existing(out, OUTPUTS) + "; pass --overwrite");
        }
        List<String> gen, ref, train;
        Alphabet a;
        try {
            a = Alphabet.named(alphabet);
            gen = sequences(samples, a);
            ref = sequences(reference, a);
            train = training == null ? null : sequences(training, a);
        } catch (IllegalArgumentException | IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (ref.size() < 4) throw new CommandLine.ParameterException(spec.commandLine(), reference + ": need at least 4 reference sequences");
        List<SequenceRecord> shuffled = SequenceData.split(Fasta.read(reference, a), 0.5, common.seed).get(0);
        List<String> halfA = new ArrayList<>(), halfB = new ArrayList<>();
        for (int i = 0; i < shuffled.size(); i++) (i % 2 == 0 ? halfA : halfB).add(shuffled.get(i).sequence());
        List<String> genCut = gen.subList(0, Math.min(gen.size(), halfA.size()));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("samples", gen.size());
        summary.put("reference", ref.size());
        StringBuilder csv = new StringBuilder("k,js_samples_vs_reference_half,js_floor_half_vs_half\n");
        for (int k = 1; k <= 6; k++) {
            double js = KmerSpectrum.jensenShannon(genCut, halfB, k), floor = KmerSpectrum.jensenShannon(halfA, halfB, k);
            csv.append(String.format(Locale.ROOT, "%d,%.6f,%.6f%n", k, js, floor));
            summary.put("kmer" + k + "_js", js);
            summary.put("kmer" + k + "_js_floor", floor);
        }
        summary.put("uniqueness", SequenceSetMetrics.uniqueness(gen));
        if (train != null) {
            var nov = SequenceSetMetrics.novelty(gen, train);
            summary.put("novelty_mean_min_edit_distance", nov.meanMinDistance());
            summary.put("copied_from_training", nov.copiedFraction());
        }
        if (classifier != null) {
            var judge = SeqClassifierCommand.load(classifier);
            int c = cls == null ? -1 : judge.getValue().indexOf(cls);
            if (c < 0) throw new CommandLine.ParameterException(spec.commandLine(), "--class must be one of the classifier's classes " + judge.getValue());
            summary.put("classified_as_" + cls + "_samples", judge.getKey().fractionOf(gen, c));
            summary.put("classified_as_" + cls + "_reference", judge.getKey().fractionOf(ref, c));
            System.out.printf(Locale.ROOT, "classified as %s: %.4f of samples, %.4f of reference%n", cls, judge.getKey().fractionOf(gen, c),
                    judge.getKey().fractionOf(ref, c));
        }
        summary.put("length_mean_samples", gen.stream().mapToInt(String::length).average().orElse(0));
        summary.put("length_mean_reference", ref.stream().mapToInt(String::length).average().orElse(0));
        OutputDir.mark(out);
        AtomicFiles.writeString(out.resolve("summary.json"), Json.object(summary) + "\n");
        AtomicFiles.writeString(out.resolve("kmer.csv"), csv.toString());
        plot3mers(gen, ref, out.resolve("kmer3.png"));
        System.out.print(csv);
        System.out.printf(Locale.ROOT, "uniqueness %.4f%s; wrote %s/{%s}%n", (double) summary.get("uniqueness"),
                train == null ? "" : String.format(Locale.ROOT, ", novelty (mean min edit distance) %.2f, copied %.4f",
                        (double) summary.get("novelty_mean_min_edit_distance"), (double) summary.get("copied_from_training")),
                out, String.join(", ", OUTPUTS));
        return 0;
    }

    private static List<String> sequences(Path file, Alphabet a) throws IOException {
        return Fasta.read(file, a).stream().map(SequenceRecord::sequence).toList();
    }

    /** Every reference 3-mer as a point (reference frequency, generated frequency); a perfect model lies on y = x. */
    private static void plot3mers(List<String> gen, List<String> ref, Path file) throws IOException {
        Map<String, Double> g = KmerSpectrum.of(gen, 3), r = KmerSpectrum.of(ref, 3);
        double max = 0;
        List<double[]> pts = new ArrayList<>();
        for (var e : r.entrySet()) {
            double y = g.getOrDefault(e.getKey(), 0.0);
            pts.add(new double[] {e.getValue(), y});
            max = Math.max(max, Math.max(e.getValue(), y));
        }
        double top = max * 1.05;
        new ScatterPlot("3-mer spectra: generated vs reference")
                .frame(0, top, 0, top, niceStep(top), "reference 3-mer frequency", "generated 3-mer frequency")
                .line(new double[][] {{0, 0}, {top, top}}, new Color(0x999999)).linesLabel("y = x")
                .points(pts.toArray(double[][]::new), new Color(0x1F77B4), pts.size() + " 3-mers", 3)
                .note(String.format(Locale.ROOT, "JS divergence %.4f nats", KmerSpectrum.jensenShannon(g, r)))
                .write(file);
    }

    private static double niceStep(double span) {
        double raw = span / 5, p = Math.pow(10, Math.floor(Math.log10(raw)));
        return raw / p < 2 ? p : raw / p < 5 ? 2 * p : 5 * p;
    }
}
