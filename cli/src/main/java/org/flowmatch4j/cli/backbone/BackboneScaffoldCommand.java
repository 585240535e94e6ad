package org.flowmatch4j.cli.backbone;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.flowmatch4j.cli.CommonOptions;
import org.flowmatch4j.cli.OutputDir;
import org.flowmatch4j.core.util.AtomicFiles;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.proteins.align.Superposition;
import org.flowmatch4j.proteins.geometry.Frames;
import org.flowmatch4j.proteins.metrics.ScaffoldMetrics;
import org.flowmatch4j.proteins.model.FrameModel;
import org.flowmatch4j.proteins.model.FrameTrainer;
import org.flowmatch4j.proteins.task.Contig;
import org.flowmatch4j.proteins.task.MotifConditioning;
import org.flowmatch4j.proteins.task.MotifLayout;
import org.flowmatch4j.proteins.task.MotifProblem;
import org.flowmatch4j.proteins.task.MotifReplacement;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code flowmatch backbone scaffold}: backbones built around a fixed motif. */
@Command(name = "scaffold", mixinStandardHelpOptions = true,
        description = "Scaffold a motif with a 'backbone train' model: each sample draws a layout from the contig (scaffold "
                + "lengths within their ranges, total within the length range). A motif-conditioned model (trained with "
                + "--motif-prob) holds the motif fixed as its input and builds the scaffold around it (amortised "
                + "conditioning); with any model, replacement superposes the motif onto the predicted motif residues at "
                + "every step and replaces them (training-free). Writes PDBs (motif residues keep their names, scaffold is "
                + "poly-Ala) and metrics.csv.")
public final class BackboneScaffoldCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin SamplerOptions sampler;
    @Option(names = "--motif", required = true, description = "Structure holding the motif: a benchmark problem file (REMARK 999 "
            + "layout, e.g. data/proteins/motifs/design25/1prw.pdb) or any PDB/mmCIF file with --contig.")
    Path motif;
    @Option(names = "--contig", description = "Layout like 5-15/A10-25/30-40 (scaffold ranges, motif chain+residues); default: the file's.")
    String contig;
    @Option(names = "--length", description = "Total length range MIN-MAX; default: the file's, or the contig's own bounds.")
    String lengthRange;
    @Option(names = "--num", defaultValue = "8", description = "Samples (default: ${DEFAULT-VALUE}).")
    int num;
    @Option(names = "--method", defaultValue = "auto", description = "amortised (needs a motif-conditioned model), "
            + "replacement, or auto: amortised when the model was trained with motif conditioning (default: ${DEFAULT-VALUE}).")
    String method;

    @Override public Integer call() throws IOException {
        if (num < 1) throw new CommandLine.ParameterException(spec.commandLine(), "need --num >= 1");
        MotifProblem problem = problem();
        SamplerOptions.Loaded loaded = sampler.load(spec);
        FrameModel model = loaded.model();
        FrameTrainer.Sampling sampling = loaded.sampling();
        boolean amortised = switch (method) {
            case "auto" -> model.config().motif();
            case "amortised" -> {
                if (!model.config().motif()) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--method amortised needs a model trained with "
                            + "--motif-prob; this one (" + model.spec() + ") has no motif conditioning");
                }
                yield true;
            }
            case "replacement" -> false;
            default -> throw new CommandLine.ParameterException(spec.commandLine(), "--method must be auto, amortised or replacement, got '" + method + "'");
        };
        Path out = sampler.out;
        OutputDir.mark(out);
        StringBuilder csv = new StringBuilder("file,length,layout,method,motif_rmsd,junction_ca_ca_valid,junction_ca_ca_deviation,"
                + "motif_clashes," + SampleWriter.METRICS_HEADER + ",seconds\n");
        Rng rng = new Rng(common.seed);
        for (int k = 0; k < num; k++) {
            MotifLayout layout = MotifLayout.sample(problem, rng);
            long t0 = System.nanoTime();
            FrameTrainer.PredictionConstraint geometry = sampler.geometry(layout.length(), layout.motifMask());
            Frames f = amortised
                    ? FrameTrainer.sample(model, layout.length(), 1, sampling, geometry, MotifConditioning.input(layout, 1), rng).get(0)
                    : FrameTrainer.sample(model, layout.length(), 1, sampling, new MotifReplacement(layout).andThen(geometry), rng).get(0);
            double seconds = (System.nanoTime() - t0) / 1e9;
            String name = String.format(Locale.ROOT, "%s_%d.pdb", problem.name().isEmpty() ? "scaffold" : problem.name(), k);
            String metrics = SampleWriter.write(out.resolve(name), layout.sequence(), f);
            ScaffoldMetrics joins = ScaffoldMetrics.of(f.translations(), layout.motifMask());
            csv.append(String.format(Locale.ROOT, "%s,%d,%s,%s,%.4f,%.4f,%.4f,%d,%s,%.3f%n", name, layout.length(),
                    layout.describe(problem.contig()).replace('/', ';'), amortised ? "amortised" : "replacement", motifRmsd(f, layout),
                    joins.junctionValid(), joins.junctionDeviation(), joins.motifClashes(), metrics, seconds));
            System.err.printf(Locale.ROOT, "sample %d/%d: length %d, %.1f s%n", k + 1, num, layout.length(), seconds);
        }
        AtomicFiles.writeString(out.resolve("metrics.csv"), csv.toString());
        System.out.printf("wrote %d scaffolds of %s and metrics.csv to %s%n", num, problem.contig(), out);
        return 0;
    }

    private MotifProblem problem() throws IOException {
        try {
            if (contig == null) {
                MotifProblem p = MotifProblem.read(motif);
                int[] range = lengthRange == null ? new int[] {p.minLength(), p.maxLength()} : range(lengthRange);
                return new MotifProblem(p.name(), p.pdbId(), p.contig(), range[0], range[1], p.motifs());
            }
            Contig c = Contig.parse(contig);
            int[] range = lengthRange == null ? bounds(c) : range(lengthRange);
            String name = motif.getFileName().toString().replaceAll("\\.(pdb|cif|ent)(\\.gz)?$", "");
            return MotifProblem.of(motif, name, "", c, range[0], range[1]);
        } catch (IllegalArgumentException | IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static int[] bounds(Contig c) {
        int min = 0, max = 0;
        for (Contig.Segment s : c.segments()) {
            min += s instanceof Contig.Scaffold sc ? sc.min() : ((Contig.Motif) s).length();
            max += s instanceof Contig.Scaffold sc ? sc.max() : ((Contig.Motif) s).length();
        }
        return new int[] {min, max};
    }

    private static int[] range(String s) {
        String[] p = s.split("-");
        if (p.length != 2 || !p[0].matches("\\d+") || !p[1].matches("\\d+") || Integer.parseInt(p[0]) > Integer.parseInt(p[1])) {
            throw new IllegalArgumentException("--length must be MIN-MAX with MIN <= MAX, got '" + s + "'");
        }
        return new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])};
    }

    /** Cα RMSD (Å) between the sample's motif residues and the motif after superposition. */
    static double motifRmsd(Frames f, MotifLayout layout) {
        int m = layout.motifPositions().length;
        double[][] got = new double[m][];
        int[] idx = new int[m];
        for (int k = 0; k < m; k++) {
            got[k] = f.translations()[layout.motifPositions()[k]];
            idx[k] = k;
        }
        Superposition s = Superposition.fit(layout.motifFrames().translations(), got, idx, m);
        double sq = 0;
        for (int k = 0; k < m; k++) sq += s.squaredDistance(layout.motifFrames().translations()[k], got[k]) / m;
        return Math.sqrt(sq);
    }
}
