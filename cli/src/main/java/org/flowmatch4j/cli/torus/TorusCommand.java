package org.flowmatch4j.cli.torus;

import org.flowmatch4j.cli.GroupCommand;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowmatch4j.cli.density.DensityEvalCommand;
import org.flowmatch4j.cli.density.DensityTrainCommand;
import org.flowmatch4j.cli.density.NllSummary;
import org.flowmatch4j.cli.density.PointSet;
import org.flowmatch4j.cli.plot.ScatterPlot;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;

/** {@code flowmatch torus}: Riemannian flow matching on the flat torus T^d, e.g. backbone (φ, ψ) angles. */
@Command(name = "torus", mixinStandardHelpOptions = true,
        description = "Riemannian flow matching on the flat torus T^d (CSV of angle columns in degrees, e.g. phi,psi).",
        subcommands = {TorusCommand.Train.class, TorusCommand.Eval.class})
public final class TorusCommand extends GroupCommand {

    /** {@code torus train}. */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train on a CSV of angles in degrees (header naming the columns) with seeded 80/10/10 splits; "
                    + "select each model by validation NLL; write metrics.json (test_nll, test_nll_std, seeds), "
                    + "angles.png (the first two angles, e.g. a Ramachandran plot), samples.csv and seed-<k>.model.")
    public static final class Train extends DensityTrainCommand {
        @Override protected String plotName() { return "angles.png"; }

        @Override protected PointSet read(Path file) throws java.io.IOException { return AngleData.read(file); }

        @Override protected String defaultFeatures() { return "per6"; }

        @Override protected String samplesCsv(INDArray samples) {
            StringBuilder sb = new StringBuilder(header()).append('\n');
            for (double[] r : AngleData.toDegrees(samples)) {
                for (int k = 0; k < r.length; k++) sb.append(k > 0 ? "," : "").append(String.format(java.util.Locale.ROOT, "%.3f", r[k]));
                sb.append('\n');
            }
            return sb.toString();
        }

        private String header() {
            try {
                return Files.readAllLines(data).get(0);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override protected void plot(Path file, PointSet d, INDArray samples, NllSummary s) throws java.io.IOException {
            angles(file, d, samples, s, header());
        }
    }

    /** The first two angles of data and samples, in degrees (a Ramachandran plot for phi,psi). */
    static void angles(Path file, PointSet d, INDArray samples, NllSummary s, String header) throws java.io.IOException {
        List<String> names = List.of(header.split(","));
        String x = names.get(0), y = names.size() > 1 ? names.get(1) : names.get(0);
        new ScatterPlot(d.name() + ": data and model samples on T" + (d.manifold().dim() == 2 ? "²" : "^" + d.manifold().dim()))
                .note(String.format("test NLL %s; %d samples from the first seed's model", s, samples.size(0)))
                .frame(-180, 180, -180, 180, 60, x + " °", y + " °")
                .points(firstTwo(AngleData.toDegrees(d.points())), new Color(120, 120, 120, 150), "data", 1.5)
                .points(firstTwo(AngleData.toDegrees(samples)), new Color(31, 119, 180, 120), "samples", 1.5)
                .write(file);
    }

    private static double[][] firstTwo(double[][] p) {
        double[][] out = new double[p.length][];
        for (int i = 0; i < p.length; i++) out[i] = new double[] {p[i][0], p[i].length > 1 ? p[i][1] : 0};
        return out;
    }

    /** {@code torus eval}. */
    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Recompute each seed's test NLL of a 'torus train' output and write eval.json.")
    public static final class Eval extends DensityEvalCommand {
        @Override protected PointSet read(Path file) throws java.io.IOException { return AngleData.read(file); }

        @Override protected String plotName() { return "eval-angles.png"; }

        @Override protected void plot(Path file, PointSet d, INDArray samples, NllSummary s) throws java.io.IOException {
            angles(file, d, samples, s, Files.readAllLines(d.file()).get(0));
        }
    }
}
