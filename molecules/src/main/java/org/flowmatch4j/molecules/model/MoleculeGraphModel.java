package org.flowmatch4j.molecules.model;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.flowmatch4j.core.model.NativeMemory;
import org.flowmatch4j.modules.DenseGraphNet;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The denoiser of the molecular graph flow: a {@link DenseGraphNet} over {@link GraphFeatures} predicting, for every
 * atom, p̂(token of the clean graph) and, for every atom pair i &lt; j, p̂(bond type of the clean graph). Loss: cross
 * entropy L = −Σ_i m_i log p̂_i(x₁ᵢ)/Σ m − λ Σ_{i&lt;j} m_ij log p̂_ij(e₁ᵢⱼ)/Σ m_ij with λ = {@value #EDGE_WEIGHT} (DiGress's
 * weighting: bonds are the harder, more numerous variables). Weights in one flat vector with AdamW and optional EMA.
 */
public final class MoleculeGraphModel extends org.flowmatch4j.core.model.SameDiffModel {
    public static final double EDGE_WEIGHT = 5;
    /** Scale of the summed pair messages (a typical heavy atom has 2–4 bonds). */
    static final float MESSAGE_SCALE = 0.25f;

    /** Sizes: padded atoms, atom tokens, node width, pair width, layers. */
    public record Config(int atoms, int tokens, int hidden, int edgeHidden, int layers) {
        public Config {
            if (atoms < 1 || tokens < 2 || hidden < 1 || edgeHidden < 1 || layers < 1)
                throw new IllegalArgumentException("molecule model sizes must be positive (and ≥ 2 tokens): " + this);
        }

        public String spec() { return "graphnet:n=%d:k=%d:h=%d:e=%d:l=%d".formatted(atoms, tokens, hidden, edgeHidden, layers); }

        public static Config parse(String spec) {
            var m = java.util.regex.Pattern.compile("graphnet:n=(\\d+):k=(\\d+):h=(\\d+):e=(\\d+):l=(\\d+)").matcher(spec);
            if (!m.matches()) throw new IllegalArgumentException("not a molecule model spec: '" + spec + "'");
            return new Config(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)));
        }
    }

    /** Predicted clean-graph distributions: nodes [N·B·K], pairs [P·B·4] (atom-major rows, pairs i &lt; j). */
    public record Prediction(float[] nodes, float[] edges) {}

    private final Config cfg;

    public MoleculeGraphModel(Config cfg, long seed) {
        this.cfg = cfg;
        int k = cfg.tokens(), e = GraphFeatures.BOND_TYPES;
        SDVariable nodes = sd.placeHolder("nodes", DataType.FLOAT, -1, GraphFeatures.nodeWidth(k));
        SDVariable edges = sd.placeHolder("edges", DataType.FLOAT, -1, e);
        SDVariable global = sd.placeHolder("global", DataType.FLOAT, -1, GraphFeatures.globalWidth());
        SDVariable maskH = sd.placeHolder("maskH", DataType.FLOAT, -1, cfg.hidden());
        SDVariable pairMask = sd.placeHolder("pairMaskE", DataType.FLOAT, -1, cfg.edgeHidden());
        SDVariable pairWeight = sd.placeHolder("pairWeightE", DataType.FLOAT, -1, cfg.edgeHidden());
        DenseGraphNet.Outputs out = DenseGraphNet.apply(sd, "graphnet", nodes, edges, global, maskH, pairMask, pairWeight,
                new DenseGraphNet.Config(cfg.atoms(), GraphFeatures.nodeWidth(k), e, GraphFeatures.globalWidth(), cfg.hidden(),
                        cfg.edgeHidden(), cfg.layers(), k, e), new SplittableRandom(seed));
        SDVariable nodeLog = sd.nn().logSoftmax(out.nodes());
        SDVariable edgeLog = sd.nn().logSoftmax(out.edges());
        sd.math().exp("node_prob", nodeLog);
        sd.math().exp("edge_prob", edgeLog);
        SDVariable nodeTarget = sd.placeHolder("nodeTarget", DataType.FLOAT, -1, k);
        SDVariable edgeTarget = sd.placeHolder("edgeTarget", DataType.FLOAT, -1, e);
        SDVariable loss = nodeLog.mul(nodeTarget).sum().add(edgeLog.mul(edgeTarget).sum()).neg().rename("loss");
        sd.setLossVariables(loss);
        finishGraph();
    }

    public Config config() { return cfg; }

    private Map<String, INDArray> inputs(GraphFeatures f) {
        int b = f.batch(), n = cfg.atoms();
        Map<String, INDArray> ph = new HashMap<>();
        ph.put("nodes", Nd4j.createFromArray(f.nodes()).reshape((long) n * b, GraphFeatures.nodeWidth(cfg.tokens())));
        ph.put("edges", Nd4j.createFromArray(f.edges()).reshape((long) GraphFeatures.pairs(n) * b, GraphFeatures.BOND_TYPES));
        ph.put("global", Nd4j.createFromArray(f.global()).reshape(b, GraphFeatures.globalWidth()));
        ph.put("maskH", RepeatedColumn.of(f.mask(), cfg.hidden(), 1));
        ph.put("pairMaskE", RepeatedColumn.of(f.pairMask(), cfg.edgeHidden(), 1));
        ph.put("pairWeightE", RepeatedColumn.of(f.pairMask(), cfg.edgeHidden(), MESSAGE_SCALE));
        return ph;
    }

    /** p̂(x₁ | x_t) for every atom and pair, with the sampling weights. */
    public Prediction predict(GraphFeatures f) {
        weights().loadSamplingWeights();
        long start = System.nanoTime();
        Map<String, INDArray> out = sd.output(inputs(f), "node_prob", "edge_prob");
        Prediction p = new Prediction(out.get("node_prob").data().asFloat(), out.get("edge_prob").data().asFloat());
        NativeMemory.afterExecution(System.nanoTime() - start);   // release SameDiff's buffers promptly
        return p;
    }

    /**
     * One AdamW step on the cross-entropy loss.
     *
     * @param nodeTargets clean token per atom row [N·B] (−1 on padding)
     * @param edgeTargets clean bond type per pair row [P·B] (−1 on padding)
     */
    public double trainStep(GraphFeatures f, int[] nodeTargets, int[] edgeTargets, double lr, double clipNorm) {
        int k = cfg.tokens(), e = GraphFeatures.BOND_TYPES;
        Map<String, INDArray> ph = inputs(f);
        ph.put("nodeTarget", Nd4j.createFromArray(oneHot(nodeTargets, k, 1.0)).reshape(nodeTargets.length, k));
        ph.put("edgeTarget", Nd4j.createFromArray(oneHot(edgeTargets, e, EDGE_WEIGHT)).reshape(edgeTargets.length, e));
        return weights().step(ph, "loss", lr, clipNorm, "molecule graph flow");
    }

    /** One-hot rows scaled by weight / (number of rows with a target), zero rows where the target is −1. */
    private static float[] oneHot(int[] targets, int width, double weight) {
        long count = java.util.Arrays.stream(targets).filter(t -> t >= 0).count();
        float[] r = new float[targets.length * width];
        float v = (float) (weight / Math.max(1, count));
        for (int i = 0; i < targets.length; i++) if (targets[i] >= 0) r[i * width + targets[i]] = v;
        return r;
    }
}
