package org.flowmatch4j.cli.backbone;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.flowmatch4j.cli.CommonOptions;
import org.flowmatch4j.cli.OutputDir;
import org.flowmatch4j.cli.plot.BarPlot;
import org.flowmatch4j.cli.plot.ScatterPlot;
import org.flowmatch4j.core.util.AtomicFiles;
import org.flowmatch4j.core.util.Json;
import org.flowmatch4j.proteins.align.TmAlign;
import org.flowmatch4j.proteins.geometry.Dihedrals;
import org.flowmatch4j.proteins.io.Backbone;
import org.flowmatch4j.proteins.io.StructureReader;
import org.flowmatch4j.proteins.metrics.BackboneMetrics;
import org.flowmatch4j.proteins.metrics.SecondaryStructure;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code flowmatch backbone eval}: the metrics generative backbone papers report, per structure and for the set —
 * Cα–Cα validity, clashes, radius of gyration, DSSP fractions, diversity (mean pairwise TM-score) and novelty (max
 * TM-score to the reference set) — with Ramachandran, length-vs-Rg and secondary-structure plots against a reference.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a directory of backbones (first chain of each file) against a reference directory; write "
                + "metrics.csv (one row per sample), summary.json, ramachandran.png, rg.png and ss.png to --out.")
public final class BackboneEvalCommand implements Callable<Integer> {
    static final List<String> OUTPUTS = List.of("metrics.csv", "summary.json", "ramachandran.png", "rg.png", "ss.png");

    @Mixin CommonOptions common;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--samples", required = true, description = "Directory of structures to evaluate.")
    Path samples;
    @Option(names = "--reference", required = true, description = "Directory of reference structures (e.g. the training set).")
    Path reference;
    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;
    @Option(names = "--no-novelty", description = "Skip the TM-align of every sample against every reference structure.")
    boolean noNovelty;
    @Option(names = "--overwrite", description = "Replace results already in --out.")
    boolean overwrite;

    record Row(Backbone b, BackboneMetrics m, SecondaryStructure ss, double novelty) {}

    @Override public Integer call() throws Exception {
        List<String> present = OutputDir.existing(out, OUTPUTS);
        if (!present.isEmpty() && !overwrite) {
            throw new CommandLine.ParameterException(spec.commandLine(), out + " already holds results " + present
                    + "; pass --overwrite to replace them");
        }
        List<Backbone> sampled = readAll(samples), refs = readAll(reference);
        List<Row> rows = new ArrayList<>();
        for (Backbone b : sampled) {
            double novelty = Double.NaN;
            if (!noNovelty) {
                novelty = 0;
                for (Backbone r : refs) novelty = Math.max(novelty, TmAlign.align(b.ca(), r.ca()).tmA());
            }
            rows.add(new Row(b, BackboneMetrics.of(b), SecondaryStructure.of(b), novelty));
            System.err.printf("%s: %d residues%n", b.name(), b.length());
        }
        double diversity = 0;
        int pairs = 0;
        for (int i = 0; i < sampled.size(); i++) {
            for (int j = i + 1; j < sampled.size(); j++) {
                TmAlign.Result r = TmAlign.align(sampled.get(i).ca(), sampled.get(j).ca());
                diversity += (r.tmA() + r.tmB()) / 2;
                pairs++;
            }
        }
        diversity = pairs == 0 ? Double.NaN : diversity / pairs;
        OutputDir.clear(out, present);
        OutputDir.mark(out);
        writeCsv(rows);
        double[] refSs = meanSs(refs);
        Map<String, Object> summary = summary(rows, diversity, refSs, refs.size());
        AtomicFiles.writeString(out.resolve("summary.json"), Json.object(summary) + "\n");
        plots(rows, refs, refSs);
        System.out.printf(Locale.ROOT, "%d samples: Cα–Cα valid %.3f (FrameFlow's one-sided < 3.9 Å: %.3f), strict-clash-free %.3f, "
                + "helix %.3f strand %.3f (reference %.3f / %.3f), diversity %.3f, novelty %.3f%nwrote %s/{%s}%n", rows.size(),
                summary.get("ca_ca_valid"), summary.get("ca_ca_valid_frameflow"), summary.get("strict_clash_free"), summary.get("helix"), summary.get("strand"),
                refSs[0], refSs[1], diversity, summary.get("novelty"), out, String.join(", ", OUTPUTS));
        return 0;
    }

    private List<Backbone> readAll(Path dir) {
        if (!Files.isDirectory(dir)) throw new CommandLine.ParameterException(spec.commandLine(), dir + ": not a directory");
        List<Backbone> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(p -> p.getFileName().toString().matches(".*\\.(pdb|ent|cif)(\\.gz)?$")).sorted().toList()) {
                out.add(StructureReader.read(f).get(0));
            }
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (out.isEmpty()) throw new CommandLine.ParameterException(spec.commandLine(), dir + ": no .pdb/.cif files");
        return out;
    }

    private void writeCsv(List<Row> rows) throws IOException {
        StringBuilder sb = new StringBuilder("file,length,ca_ca_deviation,ca_ca_valid,ca_ca_valid_frameflow,clashes,strict_clashes,radius_of_gyration,"
                + "helix,strand,coil,novelty,dssp\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%s,%d,%.4f,%.4f,%.4f,%d,%d,%.3f,%.4f,%.4f,%.4f,%.4f,%s%n", r.b.name(), r.m.length(),
                    r.m.caCaDeviation(), r.m.caCaValid(), r.m.caCaValidFrameFlow(), r.m.clashes(), r.m.strictClashes(), r.m.radiusOfGyration(),
                    r.ss.helix(), r.ss.strand(), r.ss.coil(), r.novelty, r.ss.dssp()));
        }
        AtomicFiles.writeString(out.resolve("metrics.csv"), sb.toString());
    }

    private static double[] meanSs(List<Backbone> set) {
        double[] m = new double[3];
        for (Backbone b : set) {
            SecondaryStructure ss = SecondaryStructure.of(b);
            m[0] += ss.helix() / set.size();
            m[1] += ss.strand() / set.size();
            m[2] += ss.coil() / set.size();
        }
        return m;
    }

    private static Map<String, Object> summary(List<Row> rows, double diversity, double[] refSs, int refCount) {
        double valid = 0, validFrameFlow = 0, dev = 0, clashFree = 0, helix = 0, strand = 0, coil = 0, novelty = 0;
        for (Row r : rows) {
            valid += r.m.caCaValid() / rows.size();
            validFrameFlow += r.m.caCaValidFrameFlow() / rows.size();
            dev += r.m.caCaDeviation() / rows.size();
            clashFree += (r.m.strictClashes() == 0 ? 1.0 : 0.0) / rows.size();
            helix += r.ss.helix() / rows.size();
            strand += r.ss.strand() / rows.size();
            coil += r.ss.coil() / rows.size();
            novelty += r.novelty / rows.size();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("samples", rows.size());
        m.put("ca_ca_valid", valid);
        m.put("ca_ca_valid_frameflow", validFrameFlow);
        m.put("ca_ca_deviation", dev);
        m.put("strict_clash_free", clashFree);
        m.put("helix", helix);
        m.put("strand", strand);
        m.put("coil", coil);
        m.put("diversity_mean_pairwise_tm", diversity);
        m.put("novelty", novelty);
        m.put("reference_structures", refCount);
        m.put("reference_helix", refSs[0]);
        m.put("reference_strand", refSs[1]);
        m.put("reference_coil", refSs[2]);
        return m;
    }

    private void plots(List<Row> rows, List<Backbone> refs, double[] refSs) throws IOException {
        new ScatterPlot("Ramachandran: samples vs reference").frame(-180, 180, -180, 180, 60, "phi °", "psi °")
                .points(phiPsi(refs), new Color(150, 150, 150, 140), "reference", 1.5)
                .points(phiPsi(rows.stream().map(Row::b).toList()), new Color(214, 39, 40, 150), "samples", 1.8)
                .write(out.resolve("ramachandran.png"));
        new ScatterPlot("Radius of gyration vs length")
                .note("compact globular proteins follow Rg ≈ 2.2 L^0.38 Å")
                .points(refs.stream().map(b -> new double[] {b.length(), BackboneMetrics.of(b).radiusOfGyration()}).toArray(double[][]::new),
                        new Color(120, 120, 120), "reference", 3)
                .points(rows.stream().map(r -> new double[] {r.m.length(), r.m.radiusOfGyration()}).toArray(double[][]::new),
                        new Color(214, 39, 40), "samples", 3)
                .write(out.resolve("rg.png"));
        double h = 0, s = 0, c = 0;
        for (Row r : rows) {
            h += r.ss.helix() / rows.size();
            s += r.ss.strand() / rows.size();
            c += r.ss.coil() / rows.size();
        }
        new BarPlot("DSSP secondary structure (mean fraction of residues)", "helix", "strand", "coil")
                .series("reference", refSs, new Color(150, 150, 150)).series("samples", new double[] {h, s, c}, new Color(214, 39, 40))
                .write(out.resolve("ss.png"));
    }

    private static double[][] phiPsi(List<Backbone> set) {
        List<double[]> pts = new ArrayList<>();
        for (Backbone b : set) {
            double[] phi = Dihedrals.phi(b), psi = Dihedrals.psi(b);
            for (int i = 0; i < b.length(); i++) {
                if (!Double.isNaN(phi[i]) && !Double.isNaN(psi[i])) pts.add(new double[] {Math.toDegrees(phi[i]), Math.toDegrees(psi[i])});
            }
        }
        return pts.toArray(double[][]::new);
    }
}
