package org.flowmatch4j.cli.sphere;

import org.flowmatch4j.cli.GroupCommand;
import java.awt.Color;
import java.nio.file.Path;
import org.flowmatch4j.cli.density.DensityEvalCommand;
import org.flowmatch4j.cli.density.DensityTrainCommand;
import org.flowmatch4j.cli.density.NllSummary;
import org.flowmatch4j.cli.density.PointSet;
import org.flowmatch4j.cli.plot.ScatterPlot;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;

/** {@code flowmatch sphere}: Riemannian flow matching on S² for points on the Earth. */
@Command(name = "sphere", mixinStandardHelpOptions = true,
        description = "Riemannian flow matching on the sphere S² (earth-science point sets: latitude,longitude CSV).",
        subcommands = {SphereCommand.Train.class, SphereCommand.Eval.class})
public final class SphereCommand extends GroupCommand {

    /** {@code sphere train}. */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train on a latitude,longitude CSV (degrees) with seeded 80/10/10 splits, one per seed; select "
                    + "each model by validation NLL; write metrics.json (test_nll, test_nll_std, seeds), map.png, "
                    + "samples.csv and seed-<k>.model to --out. The flow starts from the uniform distribution, or with "
                    + "--base kde from von Mises–Fisher kernels on the training points.")
    public static final class Train extends DensityTrainCommand {
        @Override protected String plotName() { return "map.png"; }

        @Override protected PointSet read(Path file) throws java.io.IOException { return EarthData.read(file); }

        @Override protected String defaultFeatures() { return "rff64s4.0"; }

        @Override protected String samplesCsv(INDArray samples) {
            StringBuilder sb = new StringBuilder("latitude,longitude\n");
            for (double[] p : EarthData.toLonLat(samples)) sb.append(String.format(java.util.Locale.ROOT, "%.4f,%.4f%n", p[1], p[0]));
            return sb.toString();
        }

        @Override protected void plot(Path file, PointSet d, INDArray samples, NllSummary s) throws java.io.IOException {
            map(file, d, samples, s);
        }
    }

    /** {@code sphere eval}. */
    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Recompute each seed's test NLL of a 'sphere train' output and write eval.json.")
    public static final class Eval extends DensityEvalCommand {
        @Override protected PointSet read(Path file) throws java.io.IOException { return EarthData.read(file); }

        @Override protected String plotName() { return "eval-map.png"; }

        @Override protected void plot(Path file, PointSet d, INDArray samples, NllSummary s) throws java.io.IOException {
            map(file, d, samples, s);
        }
    }

    /** Data and samples on an equirectangular map. */
    static void map(Path file, PointSet d, INDArray samples, NllSummary s) throws java.io.IOException {
        new ScatterPlot(d.name() + ": data and model samples on S² (equirectangular)")
                .note(String.format("test NLL %s; %d samples from the first seed's model", s, samples.size(0)))
                .frame(-180, 180, -90, 90, 30, "longitude °", "latitude °")
                .points(EarthData.toLonLat(d.points()), new Color(120, 120, 120, 170), "data", 1.6)
                .points(EarthData.toLonLat(samples), new Color(214, 39, 40, 120), "samples", 1.6)
                .write(file);
    }
}
