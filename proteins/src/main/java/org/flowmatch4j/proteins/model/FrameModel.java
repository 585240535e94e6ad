package org.flowmatch4j.proteins.model;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.flowmatch4j.core.model.FlatParameters;
import org.flowmatch4j.core.train.AdamW;
import org.flowmatch4j.modules.InvariantPointAttention;
import org.flowmatch4j.modules.IpaTrunk;
import org.flowmatch4j.modules.Linear;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * FrameFlow's denoiser for fixed-length crops: invariant node features (sinusoids of the residue index and of t) and
 * edge features (sinusoids of the sequence separation, Gaussian radial basis of the noisy Cα distances) feed an IPA
 * trunk ({@link IpaTrunk}) that predicts the clean frames (R̂1, x̂1) from the noisy ones. Loss per protein, weighted by
 * 1/max(1 - t, 0.1)² as the vector-field losses are: mean over residues of |x̂1 - x1|² (nm²) + ||R̂1 - R1||²_F (the chordal
 * rotation distance, smooth everywhere, in place of FrameFlow's log-map vector field). Parameters live in one flat
 * vector updated by AdamW with global-norm clipping.
 */
public final class FrameModel {
    /** Sizes; {@code length} is the crop length N every batch has. */
    public record Config(int length, int cS, int cZ, int heads, int c, int queryPoints, int valuePoints, int blocks) {
        public static Config small(int length) { return new Config(length, 64, 16, 4, 16, 4, 4, 3); }
    }

    static final int NODE_FEATURES = 32, EDGE_POSITION = 16, EDGE_RBF = 16;

    private final Config cfg;
    private final SameDiff sd = SameDiff.create();
    private final FlatParameters flat;
    private final AdamW optimizer;
    private final String rotOut, transOut;

    public FrameModel(Config cfg, long seed) {
        this.cfg = cfg;
        int n = cfg.length();
        SplittableRandom rnd = new SplittableRandom(seed);
        SDVariable node = sd.placeHolder("node", DataType.FLOAT, -1, n, NODE_FEATURES);
        SDVariable edge = sd.placeHolder("edge", DataType.FLOAT, -1, n, n, EDGE_POSITION + EDGE_RBF);
        SDVariable rot = sd.placeHolder("rot", DataType.FLOAT, -1, n, 3, 3), trans = sd.placeHolder("trans", DataType.FLOAT, -1, n, 3);
        SDVariable s0 = Linear.applyTokens(sd, "embed/node", node, n, NODE_FEATURES, cfg.cS(), rnd);
        SDVariable z0 = Linear.apply(sd, "embed/edge", edge.reshape(-1, EDGE_POSITION + EDGE_RBF), EDGE_POSITION + EDGE_RBF, cfg.cZ(), rnd)
                .reshape(-1, n, n, cfg.cZ());
        var ipa = new InvariantPointAttention.Config(cfg.cS(), cfg.cZ(), cfg.heads(), cfg.c(), cfg.queryPoints(), cfg.valuePoints());
        IpaTrunk.Result r = IpaTrunk.apply(sd, "trunk", s0, z0, rot, trans, null, n, ipa, cfg.blocks(), rnd);
        rotOut = r.rot().rename("rotPred").name();
        transOut = r.trans().rename("transPred").name();
        SDVariable rot1 = sd.placeHolder("rot1", DataType.FLOAT, -1, n, 3, 3), trans1 = sd.placeHolder("trans1", DataType.FLOAT, -1, n, 3);
        SDVariable w = sd.placeHolder("weight", DataType.FLOAT, -1, 1);
        SDVariable dr = r.rot().sub(rot1), dt = r.trans().sub(trans1);
        SDVariable perProtein = dr.mul(dr).sum(1, 2, 3).add(dt.mul(dt).sum(1, 2)).div(n).reshape(-1, 1);
        sd.setLossVariables(perProtein.mul(w).mean().rename("loss"));
        flat = new FlatParameters(sd);
        optimizer = new AdamW(flat.values().length(), DataType.FLOAT, 0.9, 0.999, 1e-8, 0);
    }

    public Config config() { return cfg; }

    /** The same weights in a graph for another length (parameters do not depend on N). */
    public FrameModel withLength(int length) {
        FrameModel m = new FrameModel(new Config(length, cfg.cS(), cfg.cZ(), cfg.heads(), cfg.c(), cfg.queryPoints(),
                cfg.valuePoints(), cfg.blocks()), 0);
        m.flat.values().assign(flat.values());
        return m;
    }

    /** Spec stored in checkpoints: the sizes without the length. */
    public String spec() {
        return String.format("frame:cs=%d:cz=%d:h=%d:c=%d:pq=%d:pv=%d:blocks=%d", cfg.cS(), cfg.cZ(), cfg.heads(), cfg.c(),
                cfg.queryPoints(), cfg.valuePoints(), cfg.blocks());
    }

    /** Parses {@link #spec()} for a given length. */
    public static Config parseSpec(String spec, int length) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("frame:cs=(\\d+):cz=(\\d+):h=(\\d+):c=(\\d+):pq=(\\d+):pv=(\\d+):blocks=(\\d+)").matcher(spec);
        if (!m.matches()) throw new IllegalArgumentException("not a frame-model spec: '" + spec + "'");
        int[] v = new int[7];
        for (int i = 0; i < 7; i++) v[i] = Integer.parseInt(m.group(i + 1));
        return new Config(length, v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
    }

    public INDArray parameters() { return flat.values(); }

    private void sync() { flat.push(); }

    /** Inputs for noisy frames as SE(3) rows [B·N, 12] (nm) and one t per protein. */
    private Map<String, INDArray> inputs(INDArray xt, double[] t) {
        int n = cfg.length(), b = t.length;
        INDArray rows = xt.castTo(DataType.FLOAT);
        Map<String, INDArray> ph = new HashMap<>();
        ph.put("rot", rows.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 9)).dup().reshape(b, n, 3, 3));
        INDArray trans = rows.get(NDArrayIndex.all(), NDArrayIndex.interval(9, 12)).dup();
        ph.put("trans", trans.reshape(b, n, 3));
        ph.put("node", Features.node(b, n, t, NODE_FEATURES));
        ph.put("edge", Features.edge(trans.castTo(DataType.DOUBLE).toDoubleMatrix(), b, n, EDGE_POSITION, EDGE_RBF));
        return ph;
    }

    /** Predicted clean frames as rows [B·N, 12]. */
    public INDArray predict(INDArray xt, double[] t) {
        sync();
        Map<String, INDArray> out = sd.output(inputs(xt, t), rotOut, transOut);
        int rowsN = t.length * cfg.length();
        return Nd4j.hstack(out.get(rotOut).reshape(rowsN, 9), out.get(transOut).reshape(rowsN, 3));
    }

    /** The weighted loss of predicting x1 from (x_t, t), without training. */
    public double loss(INDArray xt, INDArray x1, double[] t) {
        sync();
        return sd.output(lossInputs(xt, x1, t), "loss").get("loss").getDouble(0);
    }

    private Map<String, INDArray> lossInputs(INDArray xt, INDArray x1, double[] t) {
        int n = cfg.length(), b = t.length;
        Map<String, INDArray> ph = inputs(xt, t);
        INDArray target = x1.castTo(DataType.FLOAT);
        ph.put("rot1", target.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 9)).dup().reshape(b, n, 3, 3));
        ph.put("trans1", target.get(NDArrayIndex.all(), NDArrayIndex.interval(9, 12)).dup().reshape(b, n, 3));
        float[] w = new float[b];
        for (int i = 0; i < b; i++) w[i] = (float) (1 / Math.pow(Math.max(1 - t[i], 0.1), 2));
        ph.put("weight", Nd4j.createFromArray(w).reshape(b, 1));
        return ph;
    }

    /** One AdamW step on (x_t, t) → x1; returns the loss before the step. */
    public double trainStep(INDArray xt, INDArray x1, double[] t, double lr, double clipNorm) {
        sync();
        Map<String, INDArray> ph = lossInputs(xt, x1, t);
        INDArray grads = flat.gradients(sd.calculateGradients(ph, flat.names()));
        double norm = grads.norm2Number().doubleValue();
        if (!Double.isFinite(norm)) throw new org.flowmatch4j.core.train.NonFiniteException((int) optimizer.stepCount() + 1, "frame model gradient", norm);
        if (clipNorm > 0 && norm > clipNorm) grads.muli(clipNorm / norm);
        double loss = sd.output(ph, "loss").get("loss").getDouble(0);
        optimizer.step(flat.values(), grads, lr);
        return loss;
    }
}
