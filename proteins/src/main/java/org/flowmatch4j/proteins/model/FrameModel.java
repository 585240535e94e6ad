package org.flowmatch4j.proteins.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flowmatch4j.core.model.NativeMemory;
import org.flowmatch4j.core.train.AdamW;
import org.flowmatch4j.core.train.Ema;
import org.flowmatch4j.core.train.NonFiniteException;
import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.modules.IpaTrunk;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * FrameFlow's denoiser: invariant node features (sinusoids of the residue index and of t) and edge features
 * (sinusoids of the sequence separation, Gaussian radial basis of the noisy Cα distances and of the self-conditioning
 * Cα distances — the previous clean prediction's, zero when absent) feed an IPA trunk that predicts the clean frames
 * (R̂1, x̂1) from the noisy ones. The loss is {@link FrameGraph}'s: chordal rotation and translation errors weighted by
 * 1/max(1 − t, 0.1)², plus FrameFlow's auxiliary backbone-atom and local distance-matrix losses at late t. The
 * weights do not depend on the chain length: one graph per length is built on demand and shares one flat parameter
 * vector, updated by AdamW with global-norm clipping and averaged by an EMA (the weights sampling uses).
 */
public final class FrameModel {
    /**
     * Sizes of the network; {@code seqLayers} and {@code edgeUpdates} add FrameFlow's sequence transformer (that many
     * layers, {@link #SEQ_HEADS} heads) after each IPA and its edge transitions between blocks ({@link IpaTrunk});
     * {@code motif} adds FrameFlow's amortised motif conditioning: a motif mask m_i ∈ {0, 1} per
     * residue enters the node embedding (s0 += m_i w_s) and the edge embedding (z0 += m_i m_j w_z), both zero at
     * initialisation so a conditioned network started from an unconditioned one computes the same function.
     */
    public record Config(int cS, int cZ, int heads, int c, int queryPoints, int valuePoints, int blocks, int seqLayers,
                         boolean edgeUpdates, boolean motif) {
        /** A plain IPA trunk (no sequence transformer, no edge updates), unconditioned. */
        public Config(int cS, int cZ, int heads, int c, int queryPoints, int valuePoints, int blocks) {
            this(cS, cZ, heads, c, queryPoints, valuePoints, blocks, 0, false, false);
        }

        /** The same sizes with motif conditioning. */
        public Config withMotif() { return new Config(cS, cZ, heads, c, queryPoints, valuePoints, blocks, seqLayers, edgeUpdates, true); }

        /** The network's spec as checkpoints store it, e.g. {@code frame2:cs=64:cz=16:h=4:c=16:pq=4:pv=4:blocks=3:tfmr=2:edges}. */
        public String spec() {
            return String.format("frame2:cs=%d:cz=%d:h=%d:c=%d:pq=%d:pv=%d:blocks=%d%s%s%s", cS, cZ, heads, c, queryPoints, valuePoints,
                    blocks, seqLayers > 0 ? ":tfmr=" + seqLayers : "", edgeUpdates ? ":edges" : "", motif ? ":motif" : "");
        }

        /** The same sizes as a plain, unconditioned IPA trunk. */
        public Config plain() { return new Config(cS, cZ, heads, c, queryPoints, valuePoints, blocks); }

        /** The trunk's block options. */
        public IpaTrunk.Options trunk() { return new IpaTrunk.Options(seqLayers, seqLayers > 0 ? SEQ_HEADS : 0, edgeUpdates); }

        /** The default that trains on 2 CPU cores: IPA blocks only (the shipped backbone-small's trunk). */
        public static Config small() { return new Config(64, 16, 4, 16, 4, 4, 3); }

        /** FrameFlow's block structure (sequence transformer, edge updates) at {@link #small()}'s widths. */
        public static Config smallFrameFlow() { return new Config(64, 16, 4, 16, 4, 4, 3, 2, true, false); }

        /** FrameFlow's published size (GPU runs). */
        public static Config frameFlow() { return new Config(256, 128, 8, 16, 8, 12, 6, 2, true, false); }
    }

    /** Heads of the sequence transformer (FrameFlow's). */
    public static final int SEQ_HEADS = 4;

    /** Late-t threshold above which the auxiliary losses apply. */
    public static final double AUX_FROM_T = 0.75;

    /** The default weight of the Cα clash loss (0: FrameFlow's loss; see {@link FrameGraph}). */
    public static final double CLASH_WEIGHT = 0;

    private final Config cfg;
    private final long seed;
    private final Map<Integer, FrameGraph> graphs = new HashMap<>();
    private final INDArray params;
    private final AdamW optimizer;
    private Ema ema;
    private long version;                                  // bumped whenever the weights may have changed
    private double clashWeight = CLASH_WEIGHT, auxWeight = 1;

    public FrameModel(Config cfg, long seed) {
        this.cfg = cfg;
        this.seed = seed;
        FrameGraph first = graph(16);
        params = first.flat.values().dup();
        optimizer = new AdamW(params.length(), DataType.FLOAT, 0.9, 0.999, 1e-8, 0);
    }

    public Config config() { return cfg; }

    private FrameGraph graph(int length) {
        return graphs.computeIfAbsent(length, n -> new FrameGraph(cfg, n, seed));
    }

    /** Starts averaging the weights: θ̄ ← d θ̄ + (1 − d) θ after every step. */
    public void useEma(double decay) {
        ema = new Ema(params, decay);
        version++;
    }

    /**
     * Starts from {@code from}'s sampling weights: the same IPA sizes and blocks, with at most this network's additions
     * (sequence transformer, edge updates, motif conditioning). Weights only this network has keep their
     * initialisation: the motif weights and the transformer's output projection start at zero, so those additions
     * leave {@code from}'s function unchanged; edge updates do change it (they replace the pair features between
     * blocks), and fine-tuning starts from there.
     */
    public void initFrom(FrameModel from) {
        Config a = from.cfg;
        boolean sameSizes = a.plain().equals(cfg.plain());
        boolean subset = (a.seqLayers() == 0 || a.seqLayers() == cfg.seqLayers()) && (!a.edgeUpdates() || cfg.edgeUpdates())
                && (!a.motif() || cfg.motif());
        Checks.require(sameSizes && subset, "cannot start network %s from %s", spec(), from.spec());
        graph(16).flat.copyMatching(from.graph(16).flat, from.samplingParameters(), params);
        version++;
    }

    /** Sets the weight of the Cα clash loss (≥ 0; 0 trains without it). */
    public void setClashWeight(double weight) {
        Checks.require(weight >= 0 && Double.isFinite(weight), "clash weight must be >= 0, got %s", weight);
        clashWeight = weight;
    }

    /** Sets the weight of the auxiliary backbone-atom and local-distance losses (≥ 0; FrameFlow: 1). */
    public void setAuxWeight(double weight) {
        Checks.require(weight >= 0 && Double.isFinite(weight), "auxiliary loss weight must be >= 0, got %s", weight);
        auxWeight = weight;
    }

    /** Spec stored in checkpoints ({@link Config#spec()}). */
    public String spec() { return cfg.spec(); }

    /** Parses {@link Config#spec()} (specs without the transformer and edge fields are plain IPA trunks). */
    public static Config parseSpec(String spec) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("frame2:cs=(\\d+):cz=(\\d+):h=(\\d+):c=(\\d+):pq=(\\d+):pv=(\\d+):blocks=(\\d+)(?::tfmr=(\\d+))?(:edges)?(:motif)?")
                .matcher(spec);
        if (!m.matches()) throw new IllegalArgumentException("not a frame-model spec of this version: '" + spec + "'");
        int[] v = new int[7];
        for (int i = 0; i < 7; i++) v[i] = Integer.parseInt(m.group(i + 1));
        int seqLayers = m.group(8) == null ? 0 : Integer.parseInt(m.group(8));
        return new Config(v[0], v[1], v[2], v[3], v[4], v[5], v[6], seqLayers, m.group(9) != null, m.group(10) != null);
    }

    /** The trained weights (mutable: handing them out counts as a change, so graphs copy them again). */
    public INDArray parameters() {
        version++;
        return params;
    }

    /** The weights to sample with: the EMA when one is kept, else the trained weights. */
    public INDArray samplingParameters() { return ema == null ? params : ema.weights(); }

    /**
     * The graph for this length holding {@code weights}. Sampling calls it with the same weights every step, so a graph
     * remembers what it holds (which array, after how many updates) and copies only when that changed.
     */
    private FrameGraph load(int length, INDArray weights) {
        FrameGraph g = graph(length);
        if (g.holds != weights || g.holdsVersion != version) {
            g.flat.push(weights);
            g.holds = weights;
            g.holdsVersion = version;
        }
        return g;
    }

    /**
     * Predicted clean frames as rows [B·N, 12] from noisy rows (nm) with one t per protein.
     *
     * @param selfCond the previous prediction's rows, or null
     * @param motifMask 1 for the motif residues of each row, 0 elsewhere (length B·N), or null: no motif; only a
     *                  network built with motif conditioning accepts one
     */
    public INDArray predict(INDArray xt, double[] t, INDArray selfCond, int length, float[] motifMask) {
        return predictWith(params, xt, t, selfCond, length, motifMask);
    }

    /** As {@link #predict} with the sampling weights. */
    public INDArray predictForSampling(INDArray xt, double[] t, INDArray selfCond, int length, float[] motifMask) {
        return predictWith(samplingParameters(), xt, t, selfCond, length, motifMask);
    }

    private INDArray predictWith(INDArray weights, INDArray xt, double[] t, INDArray selfCond, int length, float[] motifMask) {
        FrameGraph g = load(length, weights);
        long start = System.nanoTime();
        Map<String, INDArray> out = g.sd.output(inputs(xt, t, selfCond, length, motifMask), g.rotOut, g.transOut);
        int rowsN = t.length * length;
        INDArray frames = Nd4j.hstack(out.get(g.rotOut).reshape(rowsN, 9), out.get(g.transOut).reshape(rowsN, 3));
        NativeMemory.afterExecution(System.nanoTime() - start);   // release SameDiff's buffers promptly
        return frames;
    }

    /** The loss of predicting x1 from (x_t, t), without training. */
    public double loss(INDArray xt, INDArray x1, double[] t, INDArray selfCond, int length, float[] motifMask) {
        FrameGraph g = load(length, params);
        return g.sd.output(lossInputs(xt, x1, t, selfCond, length, motifMask), "loss").get("loss").getDouble(0);
    }

    /** One AdamW step on (x_t, t) → x1 (one forward and one backward pass); returns the loss before the step. */
    public double trainStep(INDArray xt, INDArray x1, double[] t, INDArray selfCond, int length, float[] motifMask, double lr,
                            double clipNorm) {
        FrameGraph g = load(length, params);
        OutAndGrad og = g.sd.calculateGradientsAndOutputs(lossInputs(xt, x1, t, selfCond, length, motifMask), List.of("loss"),
                List.of(g.flat.names()));
        INDArray grads = g.flat.gradients(og.getGradients());
        double loss = og.getOutputs().get("loss").getDouble(0);
        double norm = grads.norm2Number().doubleValue();
        int step = (int) optimizer.stepCount() + 1;
        if (!Double.isFinite(loss)) throw new NonFiniteException(step, "frame model loss", loss);
        if (!Double.isFinite(norm)) throw new NonFiniteException(step, "frame model gradient", norm);
        if (clipNorm > 0 && norm > clipNorm) grads.muli(clipNorm / norm);
        optimizer.step(params, grads, lr);
        if (ema != null) ema.update(params);
        version++;
        return loss;
    }

    private Map<String, INDArray> inputs(INDArray xt, double[] t, INDArray selfCond, int n, float[] motifMask) {
        int b = t.length;
        INDArray rows = xt.castTo(DataType.FLOAT);
        Map<String, INDArray> ph = new HashMap<>();
        ph.put("rot", rows.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 9)).dup().reshape(b, n, 3, 3));
        INDArray trans = rows.get(NDArrayIndex.all(), NDArrayIndex.interval(9, 12)).dup();
        ph.put("trans", trans.reshape(b, n, 3));
        ph.put("node", Features.node(b, n, t, FrameGraph.NODE_FEATURES));
        ph.put("selfCond", selfCond == null ? Nd4j.zeros(DataType.FLOAT, b, n, 3)
                : selfCond.castTo(DataType.FLOAT).get(NDArrayIndex.all(), NDArrayIndex.interval(9, 12)).dup().reshape(b, n, 3));
        ph.put("selfCondOn", Nd4j.valueArrayOf(new long[] {b, 1, 1, 1}, selfCond == null ? 0f : 1f));
        if (cfg.motif()) {
            ph.put(FrameGraph.MOTIF_MASK, motifMask == null ? Nd4j.zeros(DataType.FLOAT, b, n, 1) : Nd4j.createFromArray(motifMask).reshape(b, n, 1));
        } else if (motifMask != null) {
            throw new IllegalArgumentException("this network (" + spec() + ") has no motif conditioning; train one with motif conditioning");
        }
        return ph;
    }

    private Map<String, INDArray> lossInputs(INDArray xt, INDArray x1, double[] t, INDArray selfCond, int n, float[] motifMask) {
        int b = t.length;
        Map<String, INDArray> ph = inputs(xt, t, selfCond, n, motifMask);
        INDArray target = x1.castTo(DataType.FLOAT);
        ph.put("rot1", target.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 9)).dup().reshape(b, n, 3, 3));
        ph.put("trans1", target.get(NDArrayIndex.all(), NDArrayIndex.interval(9, 12)).dup().reshape(b, n, 3));
        float[] w = new float[b], aux = new float[b], clash = new float[b];
        for (int i = 0; i < b; i++) {
            w[i] = (float) (1 / Math.pow(Math.max(1 - t[i], 0.1), 2));
            aux[i] = t[i] > AUX_FROM_T ? w[i] : 0;
            clash[i] = (float) (aux[i] * clashWeight);
            aux[i] *= (float) auxWeight;
        }
        ph.put("weight", Nd4j.createFromArray(w).reshape(b, 1));
        ph.put("aux", Nd4j.createFromArray(aux).reshape(b, 1));
        ph.put(FrameGraph.CLASH, Nd4j.createFromArray(clash).reshape(b, 1));
        return ph;
    }
}
