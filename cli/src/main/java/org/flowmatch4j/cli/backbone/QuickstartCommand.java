package org.flowmatch4j.cli.backbone;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.flowmatch4j.cli.CommonOptions;
import org.flowmatch4j.cli.OutputDir;
import org.flowmatch4j.core.util.AtomicFiles;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.proteins.geometry.Frames;
import org.flowmatch4j.proteins.model.FrameModel;
import org.flowmatch4j.proteins.model.FrameTrainer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code flowmatch quickstart}: protein backbones from the shipped pretrained model, with their metrics. */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "The main job on CPU with embedded defaults: sample protein backbones of 60-120 residues from the shipped "
                + "pretrained SE(3) flow (models/backbone-small, FrameFlow-style, trained by 'backbone train' on data/proteins), "
                + "write them as PDB files and print their geometry: Cα-Cα validity, clashes, radius of gyration, DSSP.")
public final class QuickstartCommand implements Callable<Integer> {
    static final int[] LENGTHS = {60, 80, 100, 120};

    @Mixin CommonOptions common;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--out", defaultValue = "runs/quickstart", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;
    @Option(names = "--num", defaultValue = "2", description = "Backbones per length (default: ${DEFAULT-VALUE}).")
    int num;
    @Option(names = "--steps", defaultValue = "100", description = "Sampler steps (default: ${DEFAULT-VALUE}).")
    int steps;

    static List<String> outputs(int num) {
        List<String> names = new ArrayList<>(List.of("metrics.csv"));
        for (int len : LENGTHS) for (int k = 0; k < num; k++) names.add(String.format(Locale.ROOT, "len%d_%d.pdb", len, k));
        return names;
    }

    @Override public Integer call() throws Exception {
        if (num < 1 || steps < 1) throw new CommandLine.ParameterException(spec.commandLine(), "need --num >= 1 and --steps >= 1");
        List<String> present = OutputDir.existing(out, outputs(num));
        // Replace only our own earlier quickstart output; anything else in --out is the user's.
        if (!present.isEmpty() && !OutputDir.isOurs(out)) {
            throw new CommandLine.ParameterException(spec.commandLine(), out + " already holds " + present + " not written by flowmatch");
        }
        common.checkThreads(System.err);
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        SampleWriter.Trained trained = SampleWriter.load(null);
        FrameModel model = trained.model();
        FrameTrainer.Sampling sampling = trained.sampling(steps, null, null);
        System.out.printf(Locale.ROOT, "FlowMatch4j quickstart: %d backbones each of %s residues from the pretrained SE(3) flow "
                + "(IPA trunk, %s), %d Euler steps, steric exclusion at %.1f Å, Cα–Cα bonds held to 3.8 ± %.2f Å%n", num,
                java.util.Arrays.toString(LENGTHS), model.spec(), steps, SampleWriter.STERIC_RADIUS, SampleWriter.BOND_TOLERANCE);
        OutputDir.mark(out);
        OutputDir.clear(out, present);
        StringBuilder csv = new StringBuilder("file,length," + SampleWriter.METRICS_HEADER + ",seconds\n");
        Rng rng = new Rng(common.seed);
        double valid = 0, clashFree = 0, seconds = 0, helixStrand = 0;
        int total = 0;
        for (int len : LENGTHS) {
            long t0 = System.nanoTime();
            List<Frames> frames = FrameTrainer.sample(model, len, num, sampling, SampleWriter.geometry(len, SampleWriter.STERIC_RADIUS, SampleWriter.BOND_TOLERANCE, null), rng);
            double each = (System.nanoTime() - t0) / 1e9 / num;
            seconds += each * num;
            for (int k = 0; k < num; k++) {
                String name = String.format(Locale.ROOT, "len%d_%d.pdb", len, k);
                String metrics = SampleWriter.write(out.resolve(name), "A".repeat(len), frames.get(k));
                csv.append(String.format(Locale.ROOT, "%s,%d,%s,%.3f%n", name, len, metrics, each));
                String[] f = metrics.split(",");
                valid += Double.parseDouble(f[0]);
                clashFree += Integer.parseInt(f[2]) == 0 ? 1 : 0;
                helixStrand += Double.parseDouble(f[4]) + Double.parseDouble(f[5]);
                total++;
            }
            System.err.printf(Locale.ROOT, "length %d: %d backbones, %.2f s each%n", len, num, each);
        }
        AtomicFiles.writeString(out.resolve("metrics.csv"), csv.toString());
        System.out.printf(Locale.ROOT, "sampled %d backbones in %.1f s (%.2f s each)%n", total, seconds, seconds / total);
        System.out.printf(Locale.ROOT, "Cα-Cα distances within 3.8 ± 0.1 Å: %.1f %% (mean over backbones)%n", 100 * valid / total);
        System.out.printf(Locale.ROOT, "free of strict clashes (Cα pairs |i-j| >= 3 closer than 3 Å): %d of %d%n", (int) clashFree, total);
        System.out.printf(Locale.ROOT, "DSSP helix + strand: %.1f %% of residues (mean)%n", 100 * helixStrand / total);
        System.out.printf("wrote %s: %d PDB files (poly-Ala backbones), metrics.csv; next: flowmatch backbone eval --samples %s "
                + "--reference data/proteins --out runs/eval%n", out, total, out);
        return 0;
    }
}
