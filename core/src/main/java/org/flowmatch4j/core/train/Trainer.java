package org.flowmatch4j.core.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowmatch4j.core.FlowMatch4j;
import org.flowmatch4j.core.coupling.Coupling;
import org.flowmatch4j.core.coupling.Pairing;
import org.flowmatch4j.core.guidance.ClassifierFreeGuidance;
import org.flowmatch4j.core.loss.CfmLoss;
import org.flowmatch4j.core.loss.FlowLoss;
import org.flowmatch4j.core.model.VelocityNetwork;
import org.flowmatch4j.core.path.PathSample;
import org.flowmatch4j.core.path.ProbPath;
import org.flowmatch4j.core.util.HostFloats;
import org.flowmatch4j.core.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The flow-matching training loop: per step draw (x0, x1, y), couple them, sample t ~ U[0,1) and (x_t, u_t) on the
 * path, regress v_θ(x_t, t, y) onto u_t with the CFM loss, clip the global gradient norm, take an AdamW step at the
 * scheduled learning rate and update the EMA. Every random number comes from one {@link Rng} whose state is
 * checkpointed, so {@link #resume} continues bit-identically.
 *
 * <pre>{@code
 * Trainer tr = new Trainer(net, new AffineProbPath(new CondOtScheduler()), new ExactOtCoupling(),
 *         (b, rng) -> new FlowBatch(rng.normal(b, 2), ToyDistribution.MOONS.sample(b, rng), null), config);
 * tr.addListener(new ProgressBar(System.err));
 * tr.train(Path.of("run/model"));
 * }</pre>
 */
public final class Trainer {
    private final VelocityNetwork net;
    private final ProbPath path;
    private final Coupling coupling;
    private final FlowBatchSource data;
    private final TrainerConfig config;
    private final FlowLoss loss;
    private final Rng rng;
    private final AdamW optimizer;
    private final Ema ema;
    private final List<TrainingListener> listeners = new ArrayList<>(List.of(new GradientWatch(System.err)));
    private final Map<String, String> provenance = new LinkedHashMap<>();
    private int step;

    public Trainer(VelocityNetwork net, ProbPath path, Coupling coupling, FlowBatchSource data, TrainerConfig config) {
        this(net, path, coupling, data, config, new CfmLoss());
    }

    public Trainer(VelocityNetwork net, ProbPath path, Coupling coupling, FlowBatchSource data, TrainerConfig config,
                   FlowLoss loss) {
        this.net = net;
        this.path = path;
        this.coupling = coupling;
        this.data = data;
        this.config = config;
        this.loss = loss;
        this.rng = new Rng(config.seed());
        INDArray p = net.parameters();
        this.optimizer = new AdamW(p.length(), p.dataType(), config.beta1(), config.beta2(), config.adamEps(),
                config.weightDecay());
        this.ema = config.emaDecay() > 0 ? new Ema(p, config.emaDecay()) : null;
        provenance.put("library", "FlowMatch4j " + FlowMatch4j.VERSION);
        provenance.put("backend", FlowMatch4j.backendName());
        provenance.put("network", net.spec());
        provenance.put("config", config.describe());
        provenance.put("seed", Long.toString(config.seed()));
    }

    public Trainer addListener(TrainingListener l) { listeners.add(l); return this; }

    /** Adds provenance (e.g. a data fingerprint or the CLI command) stored in every checkpoint. */
    public Trainer putProvenance(String key, String value) { provenance.put(key, value); return this; }

    public int step() { return step; }

    public VelocityNetwork network() { return net; }

    /** EMA weights, or the live weights when EMA is off (do not mutate). */
    public INDArray emaWeights() { return ema != null ? ema.weights() : net.parameters(); }

    /** Runs until {@code config.steps()}; writes checkpoints to {@code checkpoint} (null: none). */
    public void train(Path checkpoint) throws IOException {
        long start = System.nanoTime();
        while (step < config.steps()) {
            StepInfo info = trainStep(start);
            for (TrainingListener l : listeners) l.onStep(info);
            boolean last = step == config.steps();
            if (checkpoint != null && (last || (config.checkpointEvery() > 0 && step % config.checkpointEvery() == 0))) {
                save(checkpoint);
                for (TrainingListener l : listeners) l.onCheckpoint(step, checkpoint);
            }
        }
        for (TrainingListener l : listeners) l.onEnd(step);
    }

    /** One optimisation step; returns what happened (with the time of each phase). */
    public StepInfo trainStep(long startNanos) {
        int b = config.batchSize();
        long t0 = System.nanoTime();
        FlowBatch batch = data.next(b, rng);
        long t1 = System.nanoTime();
        Pairing pairing = coupling.pair(batch.x0(), batch.x1(), rng);
        INDArray x0 = pairing.sources(batch.x0()), x1 = pairing.targets(batch.x1());
        int[] labels = batch.labels() == null ? null : pairing.targetLabels(batch.labels());
        if (labels != null && config.conditionDropout() > 0) {
            labels = ClassifierFreeGuidance.dropLabels(labels, config.conditionDropout(), net.numClasses(), rng);
        }
        long t2 = System.nanoTime();
        INDArray t = rng.uniform(pairing.size()).castTo(x0.dataType());
        PathSample s = path.sample(x0, x1, t);
        long t3 = System.nanoTime();
        INDArray v = net.forward(s.xt(), t, labels);
        long t4 = System.nanoTime();
        INDArray grad = v.ulike();
        double l = loss.lossAndGradient(s, v, grad);
        if (!Double.isFinite(l)) throw new NonFiniteException(step + 1, "loss", l);
        long t5 = System.nanoTime();
        net.backward(grad);
        long t6 = System.nanoTime();
        INDArray g = net.gradients();
        double norm = HostFloats.accessible(g) ? Math.sqrt(VectorAdam.sumOfSquares(HostFloats.bytes(g), (int) g.length()))
                : g.norm2Number().doubleValue();
        if (!Double.isFinite(norm)) throw new NonFiniteException(step + 1, "gradient of " + net.spec(), norm);
        if (config.gradClipNorm() > 0 && norm > config.gradClipNorm()) g.muli(config.gradClipNorm() / norm);
        double lr = config.learningRate() * config.schedule().factor(step, config.steps());
        optimizer.step(net.parameters(), g, lr);
        if (ema != null) ema.update(net.parameters());
        long t7 = System.nanoTime();
        step++;
        return new StepInfo(step, config.steps(), l, norm, lr, (t7 - startNanos) / 1e9,
                new StepInfo.Phases(t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5, t7 - t6));
    }

    /** Saves weights, EMA, optimiser moments, step, random state and provenance atomically. */
    public void save(Path file) throws IOException {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("params", net.parameters());
        if (ema != null) arrays.put("ema", ema.weights());
        arrays.put("adam.m", optimizer.firstMoment());
        arrays.put("adam.v", optimizer.secondMoment());
        Map<String, String> meta = new LinkedHashMap<>(provenance);
        meta.put("adam.step", Long.toString(optimizer.stepCount()));
        meta.put("saved", java.time.Instant.now().toString());
        new Checkpoint(meta, step, rng.saveState(), arrays).save(file);
    }

    /** Restores the complete state of {@link #save}; the network spec must match. */
    public void resume(Path file) throws CheckpointException {
        Checkpoint c = Checkpoint.load(file);
        String spec = c.metadata().get("network");
        if (!net.spec().equals(spec)) {
            throw new CheckpointException(file + ": checkpoint holds network '" + spec + "', this run builds '"
                    + net.spec() + "'");
        }
        INDArray p = c.array("params");
        if (p.length() != net.parameters().length()) {
            throw new CheckpointException(file + ": parameter count " + p.length() + " != " + net.parameters().length());
        }
        net.parameters().assign(p.reshape(net.parameters().shape()));
        if (ema != null) ema.restore(c.arrays().containsKey("ema") ? c.array("ema") : p);
        optimizer.restore(c.array("adam.m"), c.array("adam.v"), Long.parseLong(c.metadata().getOrDefault("adam.step",
                Long.toString(c.step()))));
        rng.restoreState(c.rngState());
        step = Math.toIntExact(c.step());
    }
}
