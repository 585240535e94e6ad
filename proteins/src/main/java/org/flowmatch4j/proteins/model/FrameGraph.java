package org.flowmatch4j.proteins.model;

import java.util.SplittableRandom;
import org.flowmatch4j.core.model.FlatParameters;
import org.flowmatch4j.core.model.GradientGraph;
import org.flowmatch4j.modules.InvariantPointAttention;
import org.flowmatch4j.modules.IpaTrunk;
import org.flowmatch4j.modules.Linear;
import org.flowmatch4j.proteins.geometry.IdealBackbone;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The frame model's SameDiff graph for one chain length N (the weights do not depend on N; {@link FrameModel} keeps
 * one graph per length and one set of weights). Losses per protein p, all in nm:
 * <pre>
 *   main_p = w_p · mean_i ( ||R̂_i − R_i||²_F + |x̂_i − x_i|² ),        w_p = 1 / max(1 − t_p, 0.1)²
 *   aux_p  = a_p · ( mean over atoms |â − a|²  +  Σ_{d_kl &lt; 0.6 nm} (d̂_kl − d_kl)² / #pairs )
 *   clash_p = c_p · Σ_{|i − j| ≥ 3} max(0, 0.34 nm − |x̂_i − x̂_j|)² / N
 * </pre>
 * where a ranges over the backbone atoms N, Cα, C placed from the frames with ideal local coordinates and d_kl over
 * their pairwise distances within 6 Å (FrameFlow's auxiliary backbone and distance-matrix losses); a_p = w_p times
 * the auxiliary weight (FrameFlow: 1) for late t (t_p &gt; 0.75) and 0 otherwise. The clash term is a steric
 * violation loss in the spirit of AlphaFold's: Cα pairs at least three apart in sequence closer than 3.4 Å (below
 * every such pair of the shipped structures, whose closest is 3.45 Å), so it is zero on real backbones; c_p is w_p
 * times the clash weight for late t (0 by default: FrameFlow's loss).
 */
final class FrameGraph {
    static final int NODE_FEATURES = 32, EDGE_POSITION = 16, EDGE_RBF = 16, EDGE_WIDTH = EDGE_POSITION + 2 * EDGE_RBF;
    static final double PROXIMITY_NM = 0.6, CLASH_NM = 0.34;
    static final int CLASH_SEPARATION = 3;
    static final String EDGE_EMBEDDING = "edgeEmbedding", MOTIF_MASK = "motifMask", CLASH = "clash";

    final int length;
    final SameDiff sd = SameDiff.create();
    final FlatParameters flat;
    final String rotOut, transOut;
    INDArray holds;                                        // the weights last pushed into the graph, and their version
    long holdsVersion = -1;

    FrameGraph(FrameModel.Config cfg, int n, long seed) {
        this.length = n;
        SplittableRandom rnd = new SplittableRandom(seed);
        SDVariable node = sd.placeHolder("node", DataType.FLOAT, -1, n, NODE_FEATURES);
        SDVariable rot = sd.placeHolder("rot", DataType.FLOAT, -1, n, 3, 3), trans = sd.placeHolder("trans", DataType.FLOAT, -1, n, 3);
        SDVariable sc = sd.placeHolder("selfCond", DataType.FLOAT, -1, n, 3), scOn = sd.placeHolder("selfCondOn", DataType.FLOAT, -1, 1, 1, 1);
        SDVariable s0 = Linear.applyTokens(sd, "embed/node", node, n, NODE_FEATURES, cfg.cS(), rnd);
        SDVariable z0 = edgeEmbedding(Linear.variables(sd, "embed/edge", DataType.FLOAT, EDGE_WIDTH, cfg.cZ(), rnd), trans, sc, scOn, n, cfg.cZ());
        if (cfg.motif()) {                                 // s0 += m_i w_s, z0 += m_i m_j w_z (zero-initialised)
            SDVariable mask = sd.placeHolder(MOTIF_MASK, DataType.FLOAT, -1, n, 1);
            s0 = s0.add(mask.mul(sd.var("embed/motifNode/W", Nd4j.zeros(DataType.FLOAT, 1, 1, cfg.cS()))));
            SDVariable pair = mask.reshape(-1, n, 1, 1).mul(mask.reshape(-1, 1, n, 1));
            z0 = z0.add(pair.mul(sd.var("embed/motifEdge/W", Nd4j.zeros(DataType.FLOAT, 1, 1, 1, cfg.cZ()))));
        }
        var ipa = new InvariantPointAttention.Config(cfg.cS(), cfg.cZ(), cfg.heads(), cfg.c(), cfg.queryPoints(), cfg.valuePoints());
        IpaTrunk.Result r = IpaTrunk.apply(sd, "trunk", s0, z0, rot, trans, null, n, ipa, cfg.blocks(), cfg.trunk(), rnd);
        rotOut = r.rot().rename("rotPred").name();
        transOut = r.trans().rename("transPred").name();

        SDVariable rot1 = sd.placeHolder("rot1", DataType.FLOAT, -1, n, 3, 3), trans1 = sd.placeHolder("trans1", DataType.FLOAT, -1, n, 3);
        SDVariable w = sd.placeHolder("weight", DataType.FLOAT, -1, 1), aux = sd.placeHolder("aux", DataType.FLOAT, -1, 1);
        SDVariable clashWeight = sd.placeHolder(CLASH, DataType.FLOAT, -1, 1);
        SDVariable dr = r.rot().sub(rot1), dt = r.trans().sub(trans1);
        SDVariable main = dr.mul(dr).sum(1, 2, 3).add(dt.mul(dt).sum(1, 2)).div(n).reshape(-1, 1);
        SDVariable atomsPred = atoms(r.rot(), r.trans(), n), atomsTrue = atoms(rot1, trans1, n);
        SDVariable da = atomsPred.sub(atomsTrue);
        SDVariable atomLoss = da.mul(da).sum(1, 2).div(3 * n).reshape(-1, 1);
        SDVariable dPred = distances(atomsPred, 3 * n), dTrue = distances(atomsTrue, 3 * n);
        SDVariable near = dTrue.lt(PROXIMITY_NM).castTo(DataType.FLOAT);
        SDVariable dd = dPred.sub(dTrue);
        SDVariable distLoss = dd.mul(dd).mul(near).sum(1, 2).div(near.sum(1, 2).add(1)).reshape(-1, 1);
        SDVariable perProtein = main.mul(w).add(atomLoss.add(distLoss).mul(aux)).add(clashLoss(dPred, n).mul(clashWeight));
        sd.setLossVariables(perProtein.mean().rename("loss"));
        flat = new FlatParameters(sd);
        GradientGraph.build(sd);
    }

    /**
     * The edge embedding z0 = [sep(j − i) | rbf(d_ij) | on · rbf(d̂_ij)] W + b (the features {@link Features} documents),
     * computed in the graph blockwise: the separation block is a constant [N, N] table times its rows of W, the two
     * radial-basis blocks come from the Cα distances of the noisy and of the self-conditioning positions.
     */
    private SDVariable edgeEmbedding(SDVariable[] wb, SDVariable trans, SDVariable sc, SDVariable scOn, int n, int cZ) {
        SDVariable w = wb[0];
        SDVariable wSep = w.get(SDIndex.interval(0, EDGE_POSITION), SDIndex.all());
        SDVariable wRbf = w.get(SDIndex.interval(EDGE_POSITION, EDGE_POSITION + EDGE_RBF), SDIndex.all());
        SDVariable wSc = w.get(SDIndex.interval(EDGE_POSITION + EDGE_RBF, EDGE_WIDTH), SDIndex.all());
        SDVariable sep = sd.constant(Nd4j.createFromArray(Features.separation(n, EDGE_POSITION)).reshape(n * n, EDGE_POSITION));
        SDVariable z = rbf(distances(trans, n), n).mmul(wRbf).reshape(-1, n, n, cZ)
                .add(rbf(distances(sc, n), n).mmul(wSc).reshape(-1, n, n, cZ).mul(scOn));
        return z.add(sep.mmul(wSep).reshape(1, n, n, cZ)).add(wb[1]).rename(EDGE_EMBEDDING);
    }

    /**
     * Σ over Cα pairs |i − j| ≥ 3 of max(0, 0.34 nm − d_ij)², over N, per protein [B, 1] (each pair counted once), from
     * the backbone-atom distances [B, 3N, 3N] (atom 3i + 1 is Cα i) that the auxiliary loss already computed.
     */
    private SDVariable clashLoss(SDVariable atomDistances, int n) {
        float[] far = new float[n * n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) far[i * n + j] = Math.abs(i - j) >= CLASH_SEPARATION ? 0.5f : 0f;
        SDVariable ca = atomDistances.reshape(-1, n, 3, n, 3).get(SDIndex.all(), SDIndex.all(), SDIndex.point(1), SDIndex.all(), SDIndex.point(1));
        SDVariable overlap = sd.nn().relu(ca.rsub(CLASH_NM), 0);
        return overlap.mul(overlap).mul(sd.constant(Nd4j.createFromArray(far).reshape(1, n, n))).sum(1, 2).div(n).reshape(-1, 1);
    }

    /** Gaussian radial basis of distances [B, N, N] as rows [B·N·N, EDGE_RBF]. */
    private SDVariable rbf(SDVariable d, int n) {
        float[] mu = new float[EDGE_RBF];
        for (int k = 0; k < EDGE_RBF; k++) mu[k] = (float) Features.rbfCentre(k, EDGE_RBF);
        SDVariable z = d.reshape(-1, 1).sub(sd.constant(Nd4j.createFromArray(mu).reshape(1, EDGE_RBF))).div(Features.rbfWidth(EDGE_RBF));
        return sd.math().exp(z.mul(z).mul(-0.5));
    }

    /** Backbone atoms N, Cα, C of every residue, [B, 3N, 3] in nm: R·local + x with ideal local coordinates. */
    private SDVariable atoms(SDVariable rot, SDVariable trans, int n) {
        SDVariable t = trans.reshape(-1, n, 1, 3);
        SDVariable[] placed = new SDVariable[3];
        double[][] local = {IdealBackbone.N, {0, 0, 0}, IdealBackbone.C};
        for (int k = 0; k < 3; k++) {
            float[] l = {(float) (local[k][0] * 0.1), (float) (local[k][1] * 0.1), (float) (local[k][2] * 0.1)};   // Å → nm
            SDVariable row = sd.constant(Nd4j.createFromArray(l).reshape(1, 1, 1, 3));
            placed[k] = rot.mul(row).sum(true, 3).reshape(-1, n, 1, 3).add(t);          // Σ_b R_ab l_b + x_a
        }
        return sd.concat(2, placed).reshape(-1, 3 * n, 3);
    }

    /**
     * Pairwise distances [B, M, M] of points [B, M, 3] (M = {@code m}), with a small floor under the square root. d² = |a|² + |b|² − 2a·b
     * cancels on the diagonal, where float32 GEMM rounding (which differs between BLAS kernels) left up to ~1e-5 nm²:
     * the diagonal is set to exactly zero.
     */
    private SDVariable distances(SDVariable p, int m) {
        SDVariable sq = p.mul(p).sum(true, 2);                                          // [B, M, 1]
        SDVariable gram = sd.mmul(p, p, false, true, false);
        SDVariable d2 = sq.add(sq.permute(0, 2, 1)).sub(gram.mul(2))
                .mul(sd.constant(Nd4j.ones(DataType.FLOAT, m, m).subi(Nd4j.eye(m).castTo(DataType.FLOAT))));
        return sd.math().sqrt(sd.math().max(d2, sd.constant(1e-8f)).add(1e-8f));
    }
}
