package org.flowmatch4j.cli.sphere;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.flowmatch4j.cli.CommonOptions;
import org.flowmatch4j.cli.OutputDir;
import org.flowmatch4j.cli.plot.ScatterPlot;
import org.flowmatch4j.core.util.AtomicFiles;
import org.flowmatch4j.core.util.Json;
import org.flowmatch4j.core.util.Rng;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code flowmatch sphere train}: Riemannian CFM on S² over several seeded splits; test NLL mean ± std. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train on a latitude,longitude CSV with seeded 80/10/10 splits (one per seed), select each model "
                + "by validation NLL, and write metrics.json (test_nll, test_nll_std, seeds), map.png, samples.csv and "
                + "seed-<k>.model to --out.")
public final class SphereTrainCommand implements Callable<Integer> {
    static final List<String> OUTPUTS = List.of("metrics.json", "map.png", "samples.csv");

    @Mixin CommonOptions common;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", required = true, description = "CSV with header latitude,longitude (degrees).")
    Path data;
    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;
    @Option(names = "--seeds", defaultValue = "5", description = "Number of seeds (splits and initialisations), --seed, --seed+1, … (default: ${DEFAULT-VALUE}).")
    int seeds;
    @Option(names = "--steps", defaultValue = "20000", description = "Training steps per seed (default: ${DEFAULT-VALUE}).")
    int steps;
    @Option(names = "--batch", defaultValue = "512", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--hidden", defaultValue = "256", description = "Hidden width (default: ${DEFAULT-VALUE}).")
    int hidden;
    @Option(names = "--depth", defaultValue = "4", description = "Hidden layers (default: ${DEFAULT-VALUE}).")
    int depth;
    @Option(names = "--features", defaultValue = "id",
            description = "Input features of x: id | rff<m>s<sigma> (m Gaussian Fourier features of scale sigma) (default: ${DEFAULT-VALUE}).")
    String features;
    @Option(names = "--lr", defaultValue = "1e-3", description = "Peak learning rate, warm-up then cosine (default: ${DEFAULT-VALUE}).")
    double lr;
    @Option(names = "--ema", defaultValue = "0.999", description = "EMA decay of the weights (default: ${DEFAULT-VALUE}).")
    double ema;
    @Option(names = "--val-every", defaultValue = "2000", description = "Steps between validation NLLs (default: ${DEFAULT-VALUE}).")
    int valEvery;
    @Option(names = "--ode-steps", defaultValue = "200", description = "RK4 steps for likelihoods and samples (default: ${DEFAULT-VALUE}).")
    int odeSteps;
    @Option(names = "--jobs", description = "Seeds trained at once (default: processors / native threads).")
    Integer jobs;
    @Option(names = "--overwrite", description = "Replace results already in --out.")
    boolean overwrite;

    @Override public Integer call() throws Exception {
        SphereConfig c;
        EarthData d;
        try {
            c = new SphereConfig(steps, batch, hidden, depth, features, lr, ema, valEvery, odeSteps, seeds, common.seed);
            d = EarthData.read(data);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        prepare();
        common.checkThreads(System.err);
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        OutputDir.mark(out);
        int parallel = jobs != null ? jobs : Math.max(1, Runtime.getRuntime().availableProcessors() / CommonOptions.effectiveThreads());
        System.err.printf("sphere train: %s (%d points), %d seeds, %d at a time; %s%n", data, d.size(), seeds,
                Math.min(parallel, seeds), c.describe());
        List<SphereRun.SeedResult> results = runSeeds(d, c, Math.max(1, Math.min(parallel, seeds)));
        List<Double> nlls = results.stream().map(SphereRun.SeedResult::testNll).toList();
        NllSummary s = NllSummary.of(nlls);
        SphereRun.Saved first = SphereRun.Saved.load(modelFile(out, common.seed));
        INDArray samples = SphereFlow.sample(first.net(), d.size(), c.odeSteps(), new Rng(common.seed ^ 0x5DEECE66DL));
        writeSamples(out.resolve("samples.csv"), samples);
        writeMap(out.resolve("map.png"), d, samples, s);
        writeMetrics(out.resolve("metrics.json"), d, c, results, s);
        for (SphereRun.SeedResult r : results) {
            System.out.printf("seed %d: test NLL %.4f (val %.4f at step %d, %.0f s)%n", r.seed(), r.testNll(), r.valNll(),
                    r.bestStep(), r.trainSeconds());
        }
        System.out.printf("test NLL %s%nwrote %s/{metrics.json, map.png, samples.csv, seed-*.model}%n", s, out);
        return 0;
    }

    private void prepare() throws java.io.IOException {
        List<String> present = new ArrayList<>(OutputDir.existing(out, OUTPUTS));
        if (Files.isDirectory(out)) {
            try (Stream<Path> files = Files.list(out)) {
                files.map(p -> p.getFileName().toString()).filter(n -> n.matches("seed-\\d+\\.model")).sorted().forEach(present::add);
            }
        }
        if (!present.isEmpty() && !overwrite) {
            throw new CommandLine.ParameterException(spec.commandLine(), out + " already holds results " + present
                    + "; pass --overwrite to replace them");
        }
        OutputDir.clear(out, present);
    }

    private List<SphereRun.SeedResult> runSeeds(EarthData d, SphereConfig c, int parallel) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<SphereRun.SeedResult>> futures = new ArrayList<>();
            for (int k = 0; k < seeds; k++) {
                long seed = common.seed + k;
                futures.add(pool.submit(() -> SphereRun.train(d, c, seed, modelFile(out, seed), System.err)));
            }
            List<SphereRun.SeedResult> results = new ArrayList<>();
            for (Future<SphereRun.SeedResult> f : futures) {
                try {
                    results.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof Exception ex ? ex : e;
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    static Path modelFile(Path dir, long seed) { return dir.resolve("seed-" + seed + ".model"); }

    private static void writeSamples(Path file, INDArray samples) throws java.io.IOException {
        StringBuilder sb = new StringBuilder("latitude,longitude\n");
        for (double[] p : EarthData.toLonLat(samples)) sb.append(String.format("%.4f,%.4f%n", p[1], p[0]));
        AtomicFiles.writeString(file, sb.toString());
    }

    static void writeMap(Path file, EarthData d, INDArray samples, NllSummary s) throws java.io.IOException {
        String name = d.file().getFileName().toString().replaceFirst("\\.csv$", "");
        new ScatterPlot(name + ": data and model samples on S² (equirectangular)")
                .note(String.format("test NLL %s; %d samples from the first seed's model", s, samples.size(0)))
                .frame(-180, 180, -90, 90, 30, "longitude °", "latitude °")
                .points(EarthData.toLonLat(d.points()), new Color(120, 120, 120, 170), "data", 1.6)
                .points(EarthData.toLonLat(samples), new Color(214, 39, 40, 120), "samples", 1.6)
                .write(file);
    }

    private void writeMetrics(Path file, EarthData d, SphereConfig c, List<SphereRun.SeedResult> results, NllSummary s)
            throws java.io.IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", d.file().getFileName().toString());
        m.put("data_sha256", d.sha256());
        m.put("points", d.size());
        m.put("test_nll", s.mean());
        m.put("test_nll_std", s.std());
        m.put("seeds", results.stream().map(SphereRun.SeedResult::seed).toList());
        m.put("test_nll_per_seed", results.stream().map(SphereRun.SeedResult::testNll).toList());
        m.put("val_nll_per_seed", results.stream().map(SphereRun.SeedResult::valNll).toList());
        m.put("best_step_per_seed", results.stream().map(SphereRun.SeedResult::bestStep).toList());
        m.put("train_seconds_per_seed", results.stream().map(SphereRun.SeedResult::trainSeconds).toList());
        m.put("split", "80/10/10 by seed");
        m.put("nll_units", "nats, area measure on the unit sphere");
        m.put("config", c.describe());
        AtomicFiles.writeString(file, Json.object(m) + "\n");
    }
}
