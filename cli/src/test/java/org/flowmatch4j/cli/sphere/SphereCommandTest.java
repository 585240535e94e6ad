package org.flowmatch4j.cli.sphere;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.flowmatch4j.cli.Main;
import org.flowmatch4j.cli.density.DensityFlow;
import org.flowmatch4j.cli.density.DensityRun;
import org.flowmatch4j.cli.density.NllSummary;
import org.flowmatch4j.core.util.Rng;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code sphere train} and {@code sphere eval} on two clusters of points (10° Gaussian spread around two centres):
 * the model must beat the uniform density, eval must reproduce train's numbers, and the learned density must
 * integrate to one over S² (Monte Carlo with uniform points, tolerance from the estimate's own standard error).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class SphereCommandTest {
    Path data, out;
    int exit;
    String err;

    @BeforeAll
    void train(@TempDir Path dir) throws Exception {
        data = dir.resolve("clusters.csv");
        StringBuilder sb = new StringBuilder("latitude,longitude\n");
        Rng rng = new Rng(11);
        for (int i = 0; i < 300; i++) {
            double lat = i % 2 == 0 ? 40 : -20, lon = i % 2 == 0 ? 10 : 120;
            sb.append(String.format(Locale.ROOT, "%.4f,%.4f%n", Math.max(-90, Math.min(90, lat + 10 * rng.gaussian())), lon + 10 * rng.gaussian()));
        }
        Files.writeString(data, sb.toString());
        out = dir.resolve("run");
        var r = run("sphere", "train", "--data", data.toString(), "--out", out.toString(), "--seeds", "2", "--steps", "800",
                "--batch", "256", "--hidden", "64", "--depth", "2", "--lr", "3e-3", "--val-every", "400", "--ode-steps", "50",
                "--jobs", "2");
        exit = r[0].equals("0") ? 0 : 1;
        err = r[1];
    }

    public static String[] run(String... args) {
        java.io.PrintStream old = System.out;
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(buf, true));
        java.io.StringWriter e = new java.io.StringWriter();
        int code;
        try {
            var cl = Main.commandLine();
            cl.setErr(new java.io.PrintWriter(e, true));
            code = cl.execute(args);
        } finally {
            System.setOut(old);
        }
        return new String[] {Integer.toString(code), buf + e.toString()};
    }

    public static double[] numbers(Path json, String key) throws Exception {
        Matcher m = Pattern.compile("\"" + key + "\": \\[([^\\]]*)\\]").matcher(Files.readString(json));
        assertTrue(m.find(), key + " in " + json);
        return Pattern.compile(",\\s*").splitAsStream(m.group(1)).mapToDouble(Double::parseDouble).toArray();
    }

    public static double number(Path json, String key) throws Exception {
        Matcher m = Pattern.compile("\"" + key + "\": ([-0-9.eE]+)").matcher(Files.readString(json));
        assertTrue(m.find(), key + " in " + json);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void trainWritesMetricsMapSamplesAndModelsAndBeatsTheUniformDensity() throws Exception {
        assertEquals(0, exit, err);
        Path metrics = out.resolve("metrics.json");
        double[] perSeed = numbers(metrics, "test_nll_per_seed");
        assertEquals(2, perSeed.length);
        NllSummary s = NllSummary.of(java.util.List.of(perSeed[0], perSeed[1]));
        assertEquals(s.mean(), number(metrics, "test_nll"), 1e-12);
        assertEquals(s.std(), number(metrics, "test_nll_std"), 1e-12);
        assertEquals(Math.abs(perSeed[0] - perSeed[1]) / Math.sqrt(2), s.std(), 1e-12);
        assertTrue(s.mean() < Math.log(4 * Math.PI) - 1, "test NLL " + s.mean() + " vs uniform " + Math.log(4 * Math.PI));
        assertEquals(301, Files.readAllLines(out.resolve("samples.csv")).size());
        assertTrue(ImageIO.read(out.resolve("map.png").toFile()).getWidth() > 1000);
        assertTrue(Files.exists(out.resolve("seed-0.model")) && Files.exists(out.resolve("seed-1.model")));
    }

    @Test
    void evalReproducesTheTestNllOfEachSeed() throws Exception {
        assertEquals(0, exit, err);
        String[] r = run("sphere", "eval", "--model", out.toString(), "--ode-steps", "50");
        assertEquals("0", r[0], r[1]);
        double[] trained = numbers(out.resolve("metrics.json"), "test_nll_per_seed");
        double[] evaluated = numbers(out.resolve("eval.json"), "test_nll_per_seed");
        for (int i = 0; i < 2; i++) assertEquals(trained[i], evaluated[i], 1e-9);
        assertTrue(ImageIO.read(out.resolve("eval-map.png").toFile()).getWidth() > 1000);
    }

    @Test
    void theLearnedDensityIntegratesToOne() throws Exception {
        assertEquals(0, exit, err);
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        DensityRun.Saved saved = DensityRun.Saved.load(out.resolve("seed-0.model"));
        INDArray u = EarthData.S2.sampleBase(4000, new Rng(5));
        assertMassOne(DensityFlow.logLikelihood(EarthData.S2, org.flowmatch4j.manifolds.density.BaseDensity.uniform(EarthData.S2),
                saved.net(), u, 50));
    }

    /** Monte Carlo ∫ p dA with uniform points (log-densities lp): one, within four standard errors plus 0.01. */
    private static void assertMassOne(double[] lp) {
        int n = lp.length;
        double mean = 0, sq = 0;
        for (double v : lp) {
            double w = Math.exp(v) * 4 * Math.PI;
            mean += w / n;
            sq += w * w / n;
        }
        double se = Math.sqrt((sq - mean * mean) / n);
        assertEquals(1, mean, 4 * se + 0.01, "∫ p dA ≈ " + mean + " ± " + se);
    }

    /** Minibatch-OT pairing and clipping are recorded in the run's config and train a density that beats uniform. */
    @Test
    void otCouplingTrainsAndIsRecorded(@TempDir Path dir) throws Exception {
        Path ot = dir.resolve("ot");
        String[] r = run("sphere", "train", "--data", data.toString(), "--out", ot.toString(), "--seeds", "1", "--steps", "800",
                "--batch", "256", "--hidden", "64", "--depth", "2", "--val-every", "400", "--ode-steps", "50",
                "--coupling", "ot", "--clip", "1", "--time-harmonics", "3");
        assertEquals("0", r[0], r[1]);
        String json = Files.readString(ot.resolve("metrics.json"));
        assertTrue(json.contains("coupling=ot clip=1.0 time_harmonics=3"), json);
        assertTrue(numbers(ot.resolve("metrics.json"), "test_nll_per_seed")[0] < Math.log(4 * Math.PI) - 1, json);
    }

    /**
     * A kernel base: the model records it, beats uniform, eval rebuilds the base from the split and reproduces the
     * test NLL, and samples stay on the sphere.
     */
    @Test
    void kernelBaseTrainsAndEvalRebuildsIt(@TempDir Path dir) throws Exception {
        Path kde = dir.resolve("kde");
        String[] r = run("sphere", "train", "--data", data.toString(), "--out", kde.toString(), "--seeds", "1", "--steps", "600",
                "--batch", "256", "--hidden", "64", "--depth", "2", "--val-every", "300", "--ode-steps", "40", "--base", "kde",
                "--base-widen", "1.5");
        assertEquals("0", r[0], r[1]);
        String json = Files.readString(kde.resolve("metrics.json"));
        assertTrue(json.contains("base=kde base_widen=1.5"), json);
        double trained = numbers(kde.resolve("metrics.json"), "test_nll_per_seed")[0];
        assertTrue(trained < Math.log(4 * Math.PI) - 1, json);
        // the stored base: the plain kernel fit on this split's validation points, bandwidth widened 1.5 times
        String stored = DensityRun.Saved.load(kde.resolve("seed-0.model")).base();
        var points = EarthData.read(data);
        var split = org.flowmatch4j.cli.density.Split.of(points.size(), 0);
        INDArray centres = points.points().getRows(split.train());
        double fitted = org.flowmatch4j.manifolds.density.KernelDensity.fitKappa(
                k -> new org.flowmatch4j.manifolds.density.SphereKernelDensity(centres, k), points.points().getRows(split.val()));
        assertEquals("vmf-kde:" + fitted / 2.25 + ":uniform=0.01", stored);
        // the model density (kernel base pushed by the scaled flow) integrates to one over S²
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        DensityRun.Saved saved = DensityRun.Saved.load(kde.resolve("seed-0.model"));
        assertMassOne(DensityFlow.logLikelihood(EarthData.S2, saved.base(points), saved.net(),
                EarthData.S2.sampleBase(4000, new Rng(6)), 40));
        String[] e = run("sphere", "eval", "--model", kde.toString(), "--ode-steps", "40");
        assertEquals("0", e[0], e[1]);
        assertEquals(trained, numbers(kde.resolve("eval.json"), "test_nll_per_seed")[0], 1e-9);
        for (String line : Files.readAllLines(kde.resolve("samples.csv")).subList(1, 301)) {
            String[] f = line.split(",");
            double lat = Double.parseDouble(f[0]), lon = Double.parseDouble(f[1]);
            assertTrue(Math.abs(lat) <= 90 && Math.abs(lon) <= 180, line);
        }
    }

    @Test
    void kernelBaseRefusesOtAndBadSpecs(@TempDir Path dir) {
        String[][] cases = {{"--base", "kde", "--coupling", "ot"}, {"--base", "kde:-3"}, {"--base", "gauss"},
            {"--base", "kde", "--base-widen", "0"}};
        String[] says = {"a kernel base is paired with its own centres", "kappa must be positive",
            "base must be uniform, kde or kde:<kappa>, got 'gauss'", "widening factor must be positive"};
        for (int i = 0; i < cases.length; i++) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("sphere", "train", "--data",
                    data.toString(), "--out", dir.resolve("x").toString()));
            args.addAll(java.util.List.of(cases[i]));
            String[] r = run(args.toArray(String[]::new));
            assertEquals("2", r[0], r[1]);
            assertTrue(r[1].contains(says[i]), r[1]);
            assertFalse(Files.exists(dir.resolve("x")), "nothing written");
        }
    }

    @Test
    void unknownCouplingIsOneClearError(@TempDir Path dir) {
        String[] r = run("sphere", "train", "--data", data.toString(), "--out", dir.resolve("x").toString(), "--coupling", "sinkhorn");
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("coupling must be independent or ot, got 'sinkhorn'"), r[1]);
        assertFalse(Files.exists(dir.resolve("x")), "nothing written");
    }

    @Test
    void resultsAreNotOverwrittenUnasked() {
        String[] r = run("sphere", "train", "--data", data.toString(), "--out", out.toString(), "--seeds", "1", "--steps", "10");
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("already holds results"), r[1]);
    }
}
