package org.flowmatch4j.cli.density;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.flowmatch4j.cli.CommonOptions;
import org.flowmatch4j.core.util.AtomicFiles;
import org.flowmatch4j.core.util.Json;
import org.flowmatch4j.manifolds.density.BaseDensity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code flowmatch <manifold> eval}: recomputes the test NLL of every seed's model in a train output (same split,
 * from the seed stored in each model; the data file is checked against its SHA-256) and writes eval.json.
 */
public abstract class DensityEvalCommand implements Callable<Integer> {
    /** Reads the data file the models were trained on. */
    protected abstract PointSet read(Path file) throws java.io.IOException;

    /** Draws data and samples (as the train command does) into {@code file}. */
    protected abstract void plot(Path file, PointSet d, org.nd4j.linalg.api.ndarray.INDArray samples, NllSummary s)
            throws java.io.IOException;

    /** Name of the plot file eval writes (beside eval.json). */
    protected abstract String plotName();

    @Mixin CommonOptions common;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, description = "Output directory of 'train'.")
    Path dir;
    @Option(names = "--data", description = "The training CSV, if it moved (default: the path stored in the models).")
    Path data;
    @Option(names = "--ode-steps", defaultValue = "100", description = "RK4 steps (default: ${DEFAULT-VALUE}).")
    int odeSteps;

    @Override public Integer call() throws Exception {
        List<Path> models = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(p -> p.getFileName().toString().matches("seed-\\d+\\.model")).sorted().forEach(models::add);
            }
        }
        if (models.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), dir + ": no seed-<k>.model files (not a 'train' output)");
        }
        if (odeSteps < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--ode-steps must be >= 1, got " + odeSteps);
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        common.checkThreads(System.err);
        PointSet d = null;
        List<Double> nlls = new ArrayList<>();
        List<Long> seeds = new ArrayList<>();
        for (Path m : models) {
            DensityRun.Saved saved = DensityRun.Saved.load(m);
            if (d == null) {
                Path file = data != null ? data : saved.data();
                if (!Files.isRegularFile(file)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), m + " was trained on " + file
                            + ", which is not there; pass --data FILE");
                }
                try {
                    d = read(file);
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
                }
            }
            if (!d.kind().equals(saved.kind())) {
                throw new CommandLine.ParameterException(spec.commandLine(), m + " is a " + saved.kind() + " model, not "
                        + d.kind());
            }
            if (!d.sha256().equals(saved.sha256())) {
                throw new CommandLine.ParameterException(spec.commandLine(), m + " was trained on data with SHA-256 "
                        + saved.sha256() + ", but " + d.file() + " has " + d.sha256());
            }
            double nll = DensityFlow.nll(d.manifold(), base(saved, d), saved.net(),
                    d.points().getRows(Split.of(d.size(), saved.seed()).test()), odeSteps);
            System.out.printf("seed %d: test NLL %.4f (model from step %d)%n", saved.seed(), nll, saved.step());
            nlls.add(nll);
            seeds.add(saved.seed());
        }
        NllSummary s = NllSummary.of(nlls);
        DensityRun.Saved first = DensityRun.Saved.load(models.get(0));
        plot(dir.resolve(plotName()), d, DensityFlow.sample(d.manifold(), base(first, d), first.net(), d.size(), odeSteps,
                new org.flowmatch4j.core.util.Rng(first.seed() ^ 0x5DEECE66DL)), s);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("data", d.file().getFileName().toString());
        out.put("test_nll", s.mean());
        out.put("test_nll_std", s.std());
        out.put("seeds", seeds);
        out.put("test_nll_per_seed", nlls);
        out.put("ode_steps", odeSteps);
        AtomicFiles.writeString(dir.resolve("eval.json"), Json.object(out) + "\n");
        System.out.printf("test NLL %s%nwrote %s and %s%n", s, dir.resolve("eval.json"), dir.resolve(plotName()));
        return 0;
    }

    private BaseDensity base(DensityRun.Saved saved, PointSet d) {
        try {
            return saved.base(d);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
