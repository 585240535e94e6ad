package org.flowmatch4j.cli.backbone;

import java.io.IOException;
import java.nio.file.Path;
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
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code flowmatch backbone sample}: backbones from a trained frame model, as PDB files with metrics. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Sample backbones of the given lengths from a 'backbone train' run: Euler steps from noise with the "
                + "exponential rotation schedule; writes poly-alanine backbone PDBs (ideal N, CA, C, O) and metrics.csv.")
public final class BackboneSampleCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin SamplerOptions sampler;
    @Option(names = "--lengths", defaultValue = "60,80,100", split = ",", description = "Lengths (default: ${DEFAULT-VALUE}).")
    List<Integer> lengths;
    @Option(names = "--num", defaultValue = "8", description = "Samples per length (default: ${DEFAULT-VALUE}).")
    int num;

    @Override public Integer call() throws IOException {
        for (int l : lengths) if (l < 8) throw new CommandLine.ParameterException(spec.commandLine(), "lengths must be >= 8, got " + l);
        if (num < 1) throw new CommandLine.ParameterException(spec.commandLine(), "need --num >= 1");
        SamplerOptions.Loaded loaded = sampler.load(spec);
        FrameModel model = loaded.model();
        FrameTrainer.Sampling sampling = loaded.sampling();
        Path out = sampler.out;
        OutputDir.mark(out);
        StringBuilder csv = new StringBuilder("file,length," + SampleWriter.METRICS_HEADER + ",seconds\n");
        Rng rng = new Rng(common.seed);
        for (int len : lengths) {
            long t0 = System.nanoTime();
            List<Frames> frames = FrameTrainer.sample(model, len, num, sampling, sampler.geometry(len, null), rng);
            double seconds = (System.nanoTime() - t0) / 1e9 / num;
            for (int k = 0; k < frames.size(); k++) {
                String name = String.format("len%d_%d.pdb", len, k);
                String metrics = SampleWriter.write(out.resolve(name), "A".repeat(len), frames.get(k));
                csv.append(String.format(Locale.ROOT, "%s,%d,%s,%.3f%n", name, len, metrics, seconds));
            }
            System.err.printf(Locale.ROOT, "length %d: %d samples, %.2f s each%n", len, num, seconds);
        }
        AtomicFiles.writeString(out.resolve("metrics.csv"), csv.toString());
        System.out.printf("wrote %d backbones and metrics.csv to %s%n", num * lengths.size(), out);
        return 0;
    }
}
