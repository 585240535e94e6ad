package org.flowmatch4j.molecules.model;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.flowmatch4j.core.model.NativeMemory;
import org.flowmatch4j.modules.PeriodicGraphNet;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The crystal vector field: a {@link PeriodicGraphNet} over {@link CrystalFeatures} predicting the fractional-coordinate
 * velocity v_f [N·B, 3] (atom-major rows, made translation-free by removing its mean over atoms) and the
 * lattice-code velocity v_ℓ [B, 6]. Training loss, with u the conditional target velocities (u_f mean-free) and m the atom mask:
 * L = λ_f Σ mᵢ |v_f,i − u_f,i|² / (3 Σ mᵢ) + |v_ℓ − u_ℓ|² / 6, averaged over the batch (λ_f = {@value #COORD_WEIGHT}).
 * A de-novo model adds per-atom element logits and the cross entropy −Σ mᵢ log p̂ᵢ(Zᵢ) / Σ mᵢ of the clean elements.
 * Weights live in one flat vector with AdamW and optional EMA.
 */
public final class CrystalVelocityModel extends org.flowmatch4j.core.model.SameDiffModel {
    public static final double COORD_WEIGHT = 10;

    /**
     * Sizes: padded atoms, hidden width, message-passing layers, Fourier frequencies per axis; {@code types}: the
     * de-novo model, which also reads masked elements and predicts p̂(element) per atom.
     */
    public record Config(int atoms, int hidden, int layers, int frequencies, boolean types) {
        public Config {
            if (atoms < 1 || hidden < 1 || layers < 1 || frequencies < 1)
                throw new IllegalArgumentException("crystal model sizes must be positive: " + this);
        }

        /** A structure-prediction (CSP) model. */
        public Config(int atoms, int hidden, int layers, int frequencies) { this(atoms, hidden, layers, frequencies, false); }

        public String spec() {
            return "cspnet:n=%d:h=%d:l=%d:k=%d%s".formatted(atoms, hidden, layers, frequencies, types ? ":dng" : "");
        }

        public static Config parse(String spec) {
            var m = java.util.regex.Pattern.compile("cspnet:n=(\\d+):h=(\\d+):l=(\\d+):k=(\\d+)(:dng)?").matcher(spec);
            if (!m.matches()) throw new IllegalArgumentException("not a crystal model spec: '" + spec + "'");
            return new Config(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)), m.group(5) != null);
        }
    }

    /**
     * Predicted velocities: v_f [N·B·3] (atom i of crystal b at (i·B + b)·3; mean-free over atoms), v_ℓ [B·6] and, for
     * de-novo models, p̂(element) [N·B·100] (Z − 1 at (i·B + b)·100 + Z − 1; null otherwise).
     */
    public record Velocity(float[] coords, float[] lattice, float[] types) {}

    private final Config cfg;

    public CrystalVelocityModel(Config cfg, long seed) {
        this.cfg = cfg;
        int n = cfg.atoms();
        int nodeIn = CrystalFeatures.nodeWidth(cfg.types()), k = CrystalFeatures.ELEMENTS;
        SDVariable nodes = sd.placeHolder("nodes", DataType.FLOAT, -1, nodeIn);
        SDVariable edges = sd.placeHolder("edges", DataType.FLOAT, -1, CrystalFeatures.edgeWidth(cfg.frequencies()));
        SDVariable global = sd.placeHolder("global", DataType.FLOAT, -1, CrystalFeatures.globalWidth());
        SDVariable maskH = sd.placeHolder("maskH", DataType.FLOAT, -1, cfg.hidden());
        SDVariable nodeWeight = sd.placeHolder("nodeWeightH", DataType.FLOAT, -1, cfg.hidden());
        SDVariable pairWeight = sd.placeHolder("pairWeightH", DataType.FLOAT, -1, cfg.hidden());
        SDVariable mask = sd.placeHolder("mask3", DataType.FLOAT, -1, 3);
        SDVariable weight3 = sd.placeHolder("nodeWeight3", DataType.FLOAT, -1, 3);
        PeriodicGraphNet.Outputs out = PeriodicGraphNet.apply(sd, "cspnet", nodes, edges, global, maskH, nodeWeight, pairWeight,
                new PeriodicGraphNet.Config(n, nodeIn, CrystalFeatures.edgeWidth(cfg.frequencies()),
                        CrystalFeatures.globalWidth(), cfg.hidden(), cfg.layers(), cfg.types() ? 3 + k : 3, 6), new SplittableRandom(seed));
        SDVariable coordsOut = cfg.types() ? out.nodes().get(SDIndex.all(), SDIndex.interval(0, 3)) : out.nodes();
        SDVariable mean = coordsOut.mul(weight3).reshape(n, -1).sum(true, 0);             // [1, B·3]
        SDVariable vf = coordsOut.reshape(n, -1).sub(mean).reshape(-1, 3).mul(mask).rename("vf");
        SDVariable vl = out.global().rename("vl");
        SDVariable uf = sd.placeHolder("uf", DataType.FLOAT, -1, 3);
        SDVariable ul = sd.placeHolder("ul", DataType.FLOAT, -1, 6);
        SDVariable coordLoss = vf.sub(uf).mul(mask).pow(2).sum().div(mask.sum());
        SDVariable latticeLoss = vl.sub(ul).pow(2).mean();
        SDVariable loss = coordLoss.mul(COORD_WEIGHT).add(latticeLoss);
        if (cfg.types()) {
            SDVariable typeLog = sd.nn().logSoftmax(out.nodes().get(SDIndex.all(), SDIndex.interval(3, 3 + k)));
            sd.math().exp("type_prob", typeLog);
            loss = loss.sub(typeLog.mul(sd.placeHolder("typeTarget", DataType.FLOAT, -1, k)).sum());
        }
        loss = loss.rename("loss");
        sd.setLossVariables(loss);
        finishGraph();
    }

    public Config config() { return cfg; }

    private Map<String, INDArray> inputs(CrystalFeatures f) {
        int b = f.batch(), n = cfg.atoms();
        Map<String, INDArray> ph = new HashMap<>();
        ph.put("nodes", Nd4j.createFromArray(f.nodes()).reshape((long) n * b, f.nodeWidth()));
        ph.put("edges", Nd4j.createFromArray(f.edges()).reshape((long) n * n * b, CrystalFeatures.edgeWidth(cfg.frequencies())));
        ph.put("global", Nd4j.createFromArray(f.global()).reshape(b, CrystalFeatures.globalWidth()));
        int h = cfg.hidden();
        ph.put("maskH", RepeatedColumn.of(f.mask(), h, 1));
        ph.put("nodeWeightH", RepeatedColumn.of(f.nodeWeight(), h, 1));
        ph.put("pairWeightH", RepeatedColumn.of(f.pairWeight(), h, 1));
        ph.put("mask3", RepeatedColumn.of(f.mask(), 3, 1));
        ph.put("nodeWeight3", RepeatedColumn.of(f.nodeWeight(), 3, 1));
        return ph;
    }

    /** Velocities at the features' states, with the sampling weights. */
    public Velocity predict(CrystalFeatures f) {
        weights().loadSamplingWeights();
        long start = System.nanoTime();
        Map<String, INDArray> out = cfg.types() ? sd.output(inputs(f), "vf", "vl", "type_prob") : sd.output(inputs(f), "vf", "vl");
        Velocity v = new Velocity(out.get("vf").data().asFloat(), out.get("vl").data().asFloat(),
                cfg.types() ? out.get("type_prob").data().asFloat() : null);
        NativeMemory.afterExecution(System.nanoTime() - start);   // release SameDiff's buffers promptly
        return v;
    }

    /**
     * One AdamW step on the flow-matching loss.
     *
     * @param uf mean-free target coordinate velocities [N·B·3], atom-major (zero on padding)
     * @param ul target lattice-code velocities [B·6]
     * @param types clean Z per atom row [N·B] (0 on padding) for de-novo models, else null
     * @return the loss
     */
    public double trainStep(CrystalFeatures f, float[] uf, float[] ul, int[] types, double lr, double clipNorm) {
        int b = f.batch();
        Map<String, INDArray> ph = inputs(f);
        if (cfg.types()) {
            int k = CrystalFeatures.ELEMENTS;
            long count = java.util.Arrays.stream(types).filter(z -> z > 0).count();
            float[] target = new float[types.length * k];
            for (int r = 0; r < types.length; r++) if (types[r] > 0) target[r * k + types[r] - 1] = 1f / count;
            ph.put("typeTarget", Nd4j.createFromArray(target).reshape(types.length, k));
        }
        ph.put("uf", Nd4j.createFromArray(uf).reshape((long) cfg.atoms() * b, 3));
        ph.put("ul", Nd4j.createFromArray(ul).reshape(b, 6));
        return weights().step(ph, "loss", lr, clipNorm, "crystal flow");
    }
}
