package org.flowmatch4j.cli.density;

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

/**
 * {@code flowmatch <manifold> train}: Riemannian CFM density estimation over several seeded 80/10/10 splits, each
 * model selected by validation NLL; writes metrics.json (test_nll, test_nll_std, seeds), a plot, samples.csv and
 * seed-&lt;k&gt;.model. Subclasses read the data, name the default input features and draw the plot.
 */
public abstract class DensityTrainCommand implements Callable<Integer> {
    /** The plot file and the other result files (besides seed-&lt;k&gt;.model). */
    protected abstract String plotName();

    /** Reads and validates the data file (IllegalArgumentException for bad content). */
    protected abstract PointSet read(Path file) throws java.io.IOException;

    /** Input features when --features is not given. */
    protected abstract String defaultFeatures();

    /** The CSV of samples (with header). */
    protected abstract String samplesCsv(INDArray samples);

    /** Data and samples in the manifold's natural chart. */
    protected abstract void plot(Path file, PointSet d, INDArray samples, NllSummary s) throws java.io.IOException;

    @Mixin CommonOptions common;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", required = true, description = "The data CSV (see the command's description).")
    protected Path data;
    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;
    @Option(names = "--seeds", defaultValue = "5", description = "Number of seeds (splits and initialisations), --seed, --seed+1, … (default: ${DEFAULT-VALUE}).")
    int seeds;
    @Option(names = "--steps", defaultValue = "30000", description = "Training steps per seed (default: ${DEFAULT-VALUE}).")
    int steps;
    @Option(names = "--batch", defaultValue = "512", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--hidden", defaultValue = "256", description = "Hidden width (default: ${DEFAULT-VALUE}).")
    int hidden;
    @Option(names = "--depth", defaultValue = "4", description = "Hidden layers (default: ${DEFAULT-VALUE}).")
    int depth;
    @Option(names = "--features", description = "Input features of x: id | rff<m>s<sigma> (m Gaussian Fourier features of "
            + "scale sigma) | per<M> (angle harmonics 1..M) (default: per manifold).")
    String features;
    @Option(names = "--lr", defaultValue = "3e-3", description = "Peak learning rate, warm-up then cosine (default: ${DEFAULT-VALUE}).")
    double lr;
    @Option(names = "--ema", defaultValue = "0.999", description = "EMA decay of the weights (default: ${DEFAULT-VALUE}).")
    double ema;
    @Option(names = "--val-every", defaultValue = "5000", description = "Steps between validation NLLs (default: ${DEFAULT-VALUE}).")
    int valEvery;
    @Option(names = "--ode-steps", defaultValue = "100", description = "RK4 steps for likelihoods and samples (default: ${DEFAULT-VALUE}).")
    int odeSteps;
    @Option(names = "--coupling", defaultValue = "independent", description = "Pairing of noise and data in each batch: "
            + "independent | ot (exact minibatch OT, squared geodesic cost) (default: ${DEFAULT-VALUE}).")
    String coupling;
    @Option(names = "--clip", defaultValue = "0", description = "Clip the gradient's global norm to this (0 = off) (default: ${DEFAULT-VALUE}).")
    double clip;
    @Option(names = "--time-harmonics", defaultValue = "6", description = "Sine–cosine pairs of t fed to the network "
            + "besides t, frequencies π·2^j (0 = t alone) (default: ${DEFAULT-VALUE}).")
    int timeHarmonics;
    @Option(names = "--base", defaultValue = "uniform", description = "Base distribution: uniform | kde (von Mises(–Fisher) "
            + "kernels on the training points, the plain kernel estimate's concentration fitted on the validation points; "
            + "each draw is paired with its centre) | kde:<kappa> (default: ${DEFAULT-VALUE}).")
    String base;
    @Option(names = "--base-widen", defaultValue = "1", description = "With --base kde: multiply the fitted bandwidth by "
            + "this (default: ${DEFAULT-VALUE}).")
    double baseWiden;
    @Option(names = "--base-uniform", defaultValue = "0.01", description = "With a kernel base: its uniform share, which "
            + "bounds the density far from every training point (default: ${DEFAULT-VALUE}).")
    double baseUniform;
    @Option(names = "--jobs", description = "Seeds trained at once (default: processors / native threads).")
    Integer jobs;
    @Option(names = "--overwrite", description = "Replace results already in --out.")
    boolean overwrite;

    @Override public Integer call() throws Exception {
        DensityConfig c;
        PointSet d;
        try {
            c = new DensityConfig(steps, batch, hidden, depth, features != null ? features : defaultFeatures(), lr, ema,
                    valEvery, odeSteps, seeds, common.seed, coupling, clip, timeHarmonics, base, baseWiden, baseUniform);
            d = read(data);
            BaseSpec.checkManifold(c.base(), d);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        prepare();
        common.checkThreads(System.err);
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        OutputDir.mark(out);
        int parallel = jobs != null ? jobs : Math.max(1, Runtime.getRuntime().availableProcessors() / CommonOptions.effectiveThreads());
        System.err.printf("%s train: %s (%d points), %d seeds, %d at a time; %s%n", spec.parent().name(), data, d.size(), seeds,
                Math.min(parallel, seeds), c.describe());
        List<DensityRun.SeedResult> results = runSeeds(d, c, Math.max(1, Math.min(parallel, seeds)));
        List<Double> nlls = results.stream().map(DensityRun.SeedResult::testNll).toList();
        NllSummary s = NllSummary.of(nlls);
        DensityRun.Saved first = DensityRun.Saved.load(modelFile(out, common.seed));
        INDArray samples = DensityFlow.sample(d.manifold(), first.base(d), first.net(), d.size(), c.odeSteps(),
                new Rng(common.seed ^ 0x5DEECE66DL));
        AtomicFiles.writeString(out.resolve("samples.csv"), samplesCsv(samples));
        plot(out.resolve(plotName()), d, samples, s);
        writeMetrics(out.resolve("metrics.json"), d, c, results, s);
        for (DensityRun.SeedResult r : results) {
            System.out.printf("seed %d: test NLL %.4f (val %.4f at step %d, %.0f s)%n", r.seed(), r.testNll(), r.valNll(),
                    r.bestStep(), r.trainSeconds());
        }
        System.out.printf("test NLL %s%nwrote %s/{metrics.json, %s, samples.csv, seed-*.model}%n", s, out, plotName());
        return 0;
    }

    private void prepare() throws java.io.IOException {
        List<String> present = new ArrayList<>(OutputDir.existing(out, List.of("metrics.json", plotName(), "samples.csv", "eval.json", "eval-" + plotName())));
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

    private List<DensityRun.SeedResult> runSeeds(PointSet d, DensityConfig c, int parallel) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<DensityRun.SeedResult>> futures = new ArrayList<>();
            for (int k = 0; k < seeds; k++) {
                long seed = common.seed + k;
                futures.add(pool.submit(() -> DensityRun.train(d, c, seed, modelFile(out, seed), System.err)));
            }
            List<DensityRun.SeedResult> results = new ArrayList<>();
            for (Future<DensityRun.SeedResult> f : futures) {
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

    private void writeMetrics(Path file, PointSet d, DensityConfig c, List<DensityRun.SeedResult> results, NllSummary s)
            throws java.io.IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", d.file().getFileName().toString());
        m.put("data_sha256", d.sha256());
        m.put("points", d.size());
        m.put("test_nll", s.mean());
        m.put("test_nll_std", s.std());
        m.put("seeds", results.stream().map(DensityRun.SeedResult::seed).toList());
        m.put("test_nll_per_seed", results.stream().map(DensityRun.SeedResult::testNll).toList());
        m.put("val_nll_per_seed", results.stream().map(DensityRun.SeedResult::valNll).toList());
        m.put("best_step_per_seed", results.stream().map(DensityRun.SeedResult::bestStep).toList());
        m.put("train_seconds_per_seed", results.stream().map(DensityRun.SeedResult::trainSeconds).toList());
        m.put("split", "80/10/10 by seed");
        m.put("manifold", d.kind());
        m.put("nll_units", "nats, w.r.t. the Riemannian volume");
        m.put("config", c.describe());
        AtomicFiles.writeString(file, Json.object(m) + "\n");
    }
}
