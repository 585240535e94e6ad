package org.flowmatch4j.cli.density;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flowmatch4j.cli.nets.InputFeatures;
import org.flowmatch4j.cli.nets.MlpVelocityNetwork;
import org.flowmatch4j.core.FlowMatch4j;
import org.flowmatch4j.core.coupling.IndependentCoupling;
import org.flowmatch4j.core.model.ScaledVelocityNetwork;
import org.flowmatch4j.core.model.VelocityNetwork;
import org.flowmatch4j.core.path.scheduler.CondOtScheduler;
import org.flowmatch4j.core.train.Checkpoint;
import org.flowmatch4j.core.train.CheckpointException;
import org.flowmatch4j.core.train.FlowBatch;
import org.flowmatch4j.core.train.LrSchedule;
import org.flowmatch4j.core.train.Trainer;
import org.flowmatch4j.core.train.TrainerConfig;
import org.flowmatch4j.manifolds.Manifold;
import org.flowmatch4j.manifolds.RiemannianCfmLoss;
import org.flowmatch4j.manifolds.coupling.GeodesicOtCoupling;
import org.flowmatch4j.manifolds.density.BaseDensity;
import org.flowmatch4j.manifolds.density.KernelDensity;
import org.flowmatch4j.manifolds.density.SphereKernelDensity;
import org.flowmatch4j.manifolds.path.GeodesicProbPath;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One seed of a density run: split the data 80/10/10 with the seed, train a Riemannian CFM model on the training
 * points (geodesic conditional path from the base distribution — the manifold's, paired independently or by minibatch
 * OT, or a kernel density on the training points, each draw paired with the centre it was drawn around), evaluate the
 * validation NLL of the EMA weights every {@code valEvery} steps, keep the best, and report its test NLL.
 */
public final class DensityRun {
    /** What one seed produced. */
    public record SeedResult(long seed, double testNll, double valNll, int bestStep, double trainSeconds) {}

    private DensityRun() {}

    public static SeedResult train(PointSet data, DensityConfig c, long seed, Path model, PrintStream log)
            throws IOException {
        Split split = Split.of(data.size(), seed);
        Manifold m = data.manifold();
        int dim = m.ambientDim();
        INDArray train = data.points().getRows(split.train()).castTo(DataType.FLOAT).dup('c');
        INDArray val = data.points().getRows(split.val()), test = data.points().getRows(split.test());
        BaseDensity base = BaseSpec.build(c.base(), c.baseWiden(), c.baseUniform(), data,
                data.points().getRows(split.train()), val);
        KernelDensity kernel = base instanceof KernelDensity k ? k : null;
        if (kernel != null) {
            double baseNll = -java.util.Arrays.stream(kernel.logDensity(val)).average().orElse(Double.NaN);
            log.printf("[%s seed %d] base: %s kernels on %d training points, kappa %.4g (bandwidth %.3g°), "
                    + "val NLL of the base alone %.4f%n", data.name(), seed,
                    kernel instanceof SphereKernelDensity ? "von Mises–Fisher" : "von Mises", kernel.centres(), kernel.kappa(),
                    Math.toDegrees(1 / Math.sqrt(kernel.kappa())), baseNll);
        }
        MlpVelocityNetwork mlp = new MlpVelocityNetwork(dim, c.hidden(), c.depth(), 0, InputFeatures.parse(c.features()),
                c.timeHarmonics(), seed);
        // with a kernel base the targets are about one bandwidth long: the MLP predicts them in that unit
        double outScale = kernel != null ? 1 / Math.sqrt(kernel.kappa()) : 1;
        VelocityNetwork net = outScale == 1 ? mlp : new ScaledVelocityNetwork(mlp, outScale);
        TrainerConfig tc = TrainerConfig.builder().steps(c.steps()).batchSize(c.batch()).learningRate(c.learningRate())
                .emaDecay(c.emaDecay()).gradClipNorm(c.clip())
                .schedule(LrSchedule.warmupCosine(Math.min(500, c.steps() / 10), 0.05)).seed(seed).build();
        int nTrain = (int) train.size(0);
        float[] rows = train.data().asFloat();
        Trainer trainer = new Trainer(net, new GeodesicProbPath(new CondOtScheduler(), m),
                c.coupling().equals("ot") ? new GeodesicOtCoupling(m, 128) : new IndependentCoupling(), (b, rng) -> {
                    float[] x1 = new float[dim * b];
                    for (int i = 0; i < b; i++) System.arraycopy(rows, dim * rng.nextInt(nTrain), x1, dim * i, dim);
                    INDArray target = Nd4j.createFromArray(x1).reshape(b, dim);
                    INDArray x0 = kernel != null ? kernel.perturb(target, rng) : base.sample(b, rng).castTo(DataType.FLOAT);
                    return new FlowBatch(x0, target, null);
                }, tc, new RiemannianCfmLoss(m));
        INDArray best = net.parameters().dup(), live = net.parameters().dup();
        double[] bestVal = {Double.POSITIVE_INFINITY};
        int[] bestStep = {0};
        String name = data.name();
        long t0 = System.nanoTime();
        trainer.addListener(info -> {
            if (info.step() % c.valEvery() != 0 && info.step() != info.totalSteps()) return;
            live.assign(net.parameters());
            net.parameters().assign(trainer.emaWeights());
            double v = DensityFlow.nll(m, base, net, val, c.odeSteps());
            boolean improved = v < bestVal[0];
            if (improved) {
                bestVal[0] = v;
                bestStep[0] = info.step();
                best.assign(net.parameters());
            }
            net.parameters().assign(live);
            log.printf("[%s seed %d] step %d/%d  loss %.4f  val NLL %.4f%s  %.0f s%n", name, seed, info.step(),
                    info.totalSteps(), info.loss(), v, improved ? " (best)" : "", (System.nanoTime() - t0) / 1e9);
        });
        trainer.train(null);
        double seconds = (System.nanoTime() - t0) / 1e9;
        net.parameters().assign(best);
        double testNll = DensityFlow.nll(m, base, net, test, c.odeSteps());
        save(model, net, outScale, base, data, c, seed, bestStep[0], bestVal[0]);
        return new SeedResult(seed, testNll, bestVal[0], bestStep[0], seconds);
    }

    private static void save(Path file, VelocityNetwork net, double outScale, BaseDensity base, PointSet data,
                             DensityConfig c, long seed, int step, double valNll) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("library", "FlowMatch4j " + FlowMatch4j.VERSION);
        meta.put("network", net.spec());
        if (outScale != 1) meta.put("output_scale", Double.toString(outScale));
        meta.put("manifold", data.kind());
        meta.put("base", base.describe());
        meta.put("data", data.file().toAbsolutePath().normalize().toString());
        meta.put("data.sha256", data.sha256());
        meta.put("split.seed", Long.toString(seed));
        meta.put("config", c.describe());
        meta.put("val_nll", Double.toString(valNll));
        new Checkpoint(meta, step, new byte[0], Map.of("params", net.parameters())).save(file);
    }

    /** A model saved by {@link #train}, with the split seed and data fingerprint it was trained on. */
    public record Saved(VelocityNetwork net, long seed, Path data, String sha256, String kind, int step, String base) {
        /** The model's base distribution, rebuilt on its training split of d (the data it was trained on). */
        public BaseDensity base(PointSet d) {
            return BaseSpec.restore(base, d, d.points().getRows(Split.of(d.size(), seed).train()));
        }

        public static Saved load(Path file) throws CheckpointException {
            Checkpoint ck = Checkpoint.load(file);
            Map<String, String> m = ck.metadata();
            if (m.get("manifold") == null || m.get("split.seed") == null) {
                throw new CheckpointException(file + ": not a density model (no manifold or split seed in its metadata)");
            }
            MlpVelocityNetwork net = MlpVelocityNetwork.fromSpec(m.get("network"), 0);
            INDArray p = ck.array("params");
            if (p.length() != net.parameters().length()) {
                throw new CheckpointException(file + ": " + p.length() + " parameters, network " + net.spec() + " has "
                        + net.parameters().length());
            }
            net.parameters().assign(p.reshape(net.parameters().shape()));
            double outScale = Double.parseDouble(m.getOrDefault("output_scale", "1"));
            return new Saved(outScale == 1 ? net : new ScaledVelocityNetwork(net, outScale),
                    Long.parseLong(m.get("split.seed")), Path.of(m.get("data")), m.get("data.sha256"), m.get("manifold"),
                    Math.toIntExact(ck.step()), m.getOrDefault("base", "uniform"));
        }
    }
}
