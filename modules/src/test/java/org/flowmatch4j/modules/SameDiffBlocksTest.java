package org.flowmatch4j.modules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Forward values against closed forms or plain INDArray arithmetic; gradients against finite differences (double). */
class SameDiffBlocksTest {
    private SameDiff sd;
    private final SplittableRandom rnd = new SplittableRandom(1);

    @BeforeEach
    void setUp() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        Nd4j.getRandom().setSeed(2);
        sd = SameDiff.create();
    }

    private boolean gradientsOk(SDVariable out, Map<String, INDArray> ph) {
        return FiniteDifferences.gradientsOk(sd, out, ph);
    }

    @Test
    void mlpMatchesTheFusedDenseMlp() {
        int[] widths = {3, 8, 8, 2};
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 3);
        SDVariable out = Mlp.apply(sd, "mlp", x, widths, rnd);
        DenseMlp dense = new DenseMlp(widths, 0, DataType.DOUBLE);
        for (int l = 0; l < 3; l++) {
            dense.weight(l).assign(sd.getVariable("mlp/" + l + "/W").getArr());
            dense.bias(l).assign(sd.getVariable("mlp/" + l + "/b").getArr());
        }
        INDArray in = Nd4j.randn(DataType.DOUBLE, 5, 3);
        assertTrue(out.eval(Map.of("x", in)).equalsWithEps(dense.forward(in), 1e-12));
        assertTrue(gradientsOk(out, Map.of("x", in)));
    }

    @Test
    void timeEmbeddingIsSinAndCosOfScaledTime() {
        SDVariable t = sd.placeHolder("t", DataType.DOUBLE, -1, 1);
        SDVariable e = SinusoidalTimeEmbedding.apply(sd, "temb", t, 8);
        INDArray out = e.eval(Map.of("t", Nd4j.createFromArray(new double[][] {{0.25}})));
        for (int k = 0; k < 4; k++) {
            double arg = 1000 * 0.25 * Math.pow(10000, -k / 4.0);
            assertEquals(Math.sin(arg), out.getDouble(0, k), 1e-9);
            assertEquals(Math.cos(arg), out.getDouble(0, 4 + k), 1e-9);
        }
    }

    @Test
    void layerNormStandardisesRowsAndHasCorrectGradients() {
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 6);
        SDVariable y = LayerNorm.apply(sd, "ln", x, 6, 0);
        INDArray in = Nd4j.randn(DataType.DOUBLE, 4, 6).muli(3).addi(2);
        INDArray out = y.eval(Map.of("x", in));
        for (int i = 0; i < 4; i++) {
            assertEquals(0, out.getRow(i).meanNumber().doubleValue(), 1e-12);
            assertEquals(1, out.getRow(i).varNumber().doubleValue() * 5 / 6, 1e-9);   // biased variance
        }
        sd = SameDiff.create();
        SDVariable x2 = sd.placeHolder("x", DataType.DOUBLE, -1, 6);
        assertTrue(gradientsOk(LayerNorm.apply(sd, "ln", x2, 6), Map.of("x", in)));
    }

    @Test
    void attentionMatchesAPlainComputationAndRespectsTheMask() {
        int b = 2, n = 4, d = 6, h = 2, dh = 3;
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, n, d);
        SDVariable mask = sd.placeHolder("mask", DataType.DOUBLE, -1, 1, 1, n);
        SDVariable out = MultiHeadAttention.apply(sd, "mha", x, mask, n, d, h, rnd);
        INDArray in = Nd4j.randn(DataType.DOUBLE, b, n, d);
        INDArray m = Nd4j.zeros(DataType.DOUBLE, b, 1, 1, n);
        m.putScalar(new long[] {1, 0, 0, 3}, -1e9);                      // batch 1 ignores token 3
        Map<String, INDArray> ph = Map.of("x", in, "mask", m);
        INDArray got = out.eval(ph);
        for (int bi = 0; bi < b; bi++) {
            INDArray xb = in.get(NDArrayIndex.point(bi), NDArrayIndex.all(), NDArrayIndex.all());
            INDArray q = lin(xb, "mha/q"), k = lin(xb, "mha/k"), v = lin(xb, "mha/v");
            INDArray concat = Nd4j.zeros(DataType.DOUBLE, n, d);
            for (int hi = 0; hi < h; hi++) {
                INDArray qh = q.get(NDArrayIndex.all(), NDArrayIndex.interval(hi * dh, hi * dh + dh));
                INDArray kh = k.get(NDArrayIndex.all(), NDArrayIndex.interval(hi * dh, hi * dh + dh));
                INDArray vh = v.get(NDArrayIndex.all(), NDArrayIndex.interval(hi * dh, hi * dh + dh));
                INDArray logits = qh.mmul(kh.transpose()).divi(Math.sqrt(dh));
                if (bi == 1) logits.getColumn(3).assign(-1e9);
                INDArray att = Transforms.softmax(logits, true);
                concat.get(NDArrayIndex.all(), NDArrayIndex.interval(hi * dh, hi * dh + dh)).assign(att.mmul(vh));
            }
            INDArray expect = lin(concat, "mha/o");
            assertTrue(expect.equalsWithEps(got.get(NDArrayIndex.point(bi), NDArrayIndex.all(), NDArrayIndex.all()), 1e-10));
        }
        assertTrue(gradientsOk(out, ph));
    }

    private INDArray lin(INDArray x, String prefix) {
        return x.mmul(sd.getVariable(prefix + "/W").getArr()).addRowVector(sd.getVariable(prefix + "/b").getArr());
    }

    @Test
    void attentionWithoutMaskHasCorrectGradients() {
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 3, 4);
        SDVariable out = MultiHeadAttention.apply(sd, "mha", x, null, 3, 4, 2, rnd);
        assertTrue(gradientsOk(out, Map.of("x", Nd4j.randn(DataType.DOUBLE, 2, 3, 4))));
    }

    /** Regression: a keep-dims/broadcast composition gave wrong gradients once two norms were chained. */
    @Test
    void chainedLayerNormsOnTokensHaveCorrectGradients() {
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 3, 4);
        SDVariable out = LayerNorm.apply(sd, "ln", x, 4);
        SDVariable h = x.add(MultiHeadAttention.apply(sd, "mha", out, null, 3, 4, 2, rnd));
        SDVariable y = LayerNorm.apply(sd, "ln2", h, 4);
        assertTrue(gradientsOk(y, Map.of("x", Nd4j.randn(DataType.DOUBLE, 2, 3, 4))));
    }

    @Test
    void transformerBlockIsAResidualMapWithCorrectGradients() {
        int n = 3, d = 4;
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, n, d);
        SDVariable out = TransformerBlock.apply(sd, "blk", x, null, n, d, 2, 2, rnd);
        INDArray in = Nd4j.randn(DataType.DOUBLE, 2, n, d);
        assertEquals(3, out.eval(Map.of("x", in)).rank());
        assertTrue(gradientsOk(out, Map.of("x", in)));
    }

    @Test
    void dilatedConvNetSeesExactlyItsReceptiveFieldAndHasCorrectGradients() {
        int length = 10, channels = 3, d = 4, blocks = 3, kernel = 3;      // dilations 1, 1, 4: reach 6 on each side
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, length, channels);
        SDVariable c = sd.placeHolder("c", DataType.DOUBLE, -1, 2);
        SDVariable out = DilatedConvNet.apply(sd, "cnn", x, c, length, channels, 2, d, blocks, kernel, 5, rnd);
        assertEquals(6, DilatedConvNet.reach(blocks, kernel));
        INDArray in = Nd4j.randn(DataType.DOUBLE, 2, length, channels), cond = Nd4j.randn(DataType.DOUBLE, 2, 2);
        INDArray base = out.eval(Map.of("x", in, "c", cond)).dup();
        assertArrayEquals(new long[] {2, length, 5}, base.shape());
        INDArray moved = in.dup();
        moved.putScalar(new long[] {0, 0, 1}, in.getDouble(0, 0, 1) + 1);
        INDArray after = out.eval(Map.of("x", moved, "c", cond));
        // positions reachable from 0: each block adds 0 or ±δ_b (kernel 3), through positions inside the sequence
        java.util.Set<Integer> reach = new java.util.TreeSet<>(java.util.List.of(0));
        for (int b = 0; b < blocks; b++) {
            java.util.Set<Integer> next = new java.util.TreeSet<>();
            int delta = DilatedConvNet.DILATIONS[b];
            for (int p : reach) for (int o : new int[] {-delta, 0, delta}) if (p + o >= 0 && p + o < length) next.add(p + o);
            reach = next;
        }
        assertEquals(java.util.Set.of(0, 1, 2, 4, 5, 6), reach);      // 3 is skipped: dilation 4 jumps over it
        for (int pos = 0; pos < length; pos++) {
            double change = after.get(NDArrayIndex.point(0), NDArrayIndex.point(pos), NDArrayIndex.all())
                    .sub(base.get(NDArrayIndex.point(0), NDArrayIndex.point(pos), NDArrayIndex.all())).norm2Number().doubleValue();
            if (reach.contains(pos)) assertTrue(change > 1e-9, "position " + pos + " is reached from position 0");
            else assertEquals(0, change, 0, "position " + pos + " is not reached from position 0");
        }
        assertTrue(after.get(NDArrayIndex.point(1)).equalsWithEps(base.get(NDArrayIndex.point(1)), 0), "other sequences are untouched");
        assertTrue(gradientsOk(out, Map.of("x", in, "c", cond)));
    }

    /** Row-major rotation of a unit quaternion (normalised here). */
    private static double[] rotation(double w, double x, double y, double z) {
        double n = Math.sqrt(w * w + x * x + y * y + z * z);
        w /= n; x /= n; y /= n; z /= n;
        return new double[] {1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w),
            2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w),
            2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)};
    }

    /** Random rotations [b, n, 3, 3] from Gaussian quaternions. */
    private static INDArray randomRotations(int b, int n, java.util.Random r) {
        INDArray rots = Nd4j.create(DataType.DOUBLE, b, n, 3, 3);
        for (int bi = 0; bi < b; bi++) for (int i = 0; i < n; i++) {
            rots.get(NDArrayIndex.point(bi), NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all())
                    .assign(Nd4j.createFromArray(rotation(r.nextGaussian(), r.nextGaussian(), r.nextGaussian(), r.nextGaussian())).reshape(3, 3));
        }
        return rots;
    }

    /**
     * IPA is invariant to a global rigid motion of all frames (R_i → G R_i, t_i → G t_i + g): the scalar terms do not
     * see frames, point distances are preserved and output points are read back in the local frames.
     */
    @Test
    void invariantPointAttentionIgnoresGlobalRigidMotionsAndHasCorrectGradients() {
        int b = 2, n = 5, cS = 6, cZ = 3;
        var cfg = new InvariantPointAttention.Config(cS, cZ, 2, 4, 3, 2);
        SDVariable s = sd.placeHolder("s", DataType.DOUBLE, -1, n, cS), z = sd.placeHolder("z", DataType.DOUBLE, -1, n, n, cZ);
        SDVariable rot = sd.placeHolder("rot", DataType.DOUBLE, -1, n, 3, 3), trans = sd.placeHolder("trans", DataType.DOUBLE, -1, n, 3);
        SDVariable out = InvariantPointAttention.apply(sd, "ipa", s, z, rot, trans, null, n, cfg, rnd);
        java.util.Random r = new java.util.Random(5);
        INDArray rots = randomRotations(b, n, r), ts = Nd4j.randn(DataType.DOUBLE, b, n, 3).muli(3);
        INDArray sIn = Nd4j.randn(DataType.DOUBLE, b, n, cS), zIn = Nd4j.randn(DataType.DOUBLE, b, n, n, cZ);
        Map<String, INDArray> ph = Map.of("s", sIn, "z", zIn, "rot", rots, "trans", ts);
        INDArray before = out.eval(ph).dup();
        INDArray g = Nd4j.createFromArray(rotation(0.3, -0.5, 0.8, 0.1)).reshape(3, 3);
        INDArray gt = Nd4j.createFromArray(4.0, -2.0, 7.0);
        INDArray rots2 = rots.dup(), ts2 = ts.dup();
        for (int bi = 0; bi < b; bi++) for (int i = 0; i < n; i++) {
            INDArray ri = rots.get(NDArrayIndex.point(bi), NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all());
            rots2.get(NDArrayIndex.point(bi), NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all()).assign(g.mmul(ri));
            INDArray ti = ts.get(NDArrayIndex.point(bi), NDArrayIndex.point(i), NDArrayIndex.all()).reshape(3, 1);
            ts2.get(NDArrayIndex.point(bi), NDArrayIndex.point(i), NDArrayIndex.all()).assign(g.mmul(ti).reshape(3).add(gt));
        }
        INDArray after = out.eval(Map.of("s", sIn, "z", zIn, "rot", rots2, "trans", ts2));
        assertTrue(before.equalsWithEps(after, 1e-9), "max change " + before.sub(after).amaxNumber());
        INDArray moved = ts.dup();
        moved.get(NDArrayIndex.point(0), NDArrayIndex.point(1), NDArrayIndex.all()).addi(1.5);   // one residue moves
        assertTrue(out.eval(Map.of("s", sIn, "z", zIn, "rot", rots, "trans", moved)).sub(before).amaxNumber().doubleValue() > 1e-4);
        assertTrue(gradientsOk(out, ph));
    }

    /** Starts as the identity; with weights set it composes T ∘ ΔT exactly as a plain computation; gradients correct. */
    @Test
    void backboneUpdateComposesAQuaternionStepOnTheRight() {
        int n = 3, cS = 4;
        SDVariable s = sd.placeHolder("s", DataType.DOUBLE, -1, n, cS);
        SDVariable rot = sd.placeHolder("rot", DataType.DOUBLE, -1, n, 3, 3), trans = sd.placeHolder("trans", DataType.DOUBLE, -1, n, 3);
        BackboneUpdate.Frames f = BackboneUpdate.apply(sd, "bu", s, rot, trans, n, cS, rnd);
        INDArray rots = Nd4j.create(DataType.DOUBLE, 1, n, 3, 3);
        for (int i = 0; i < n; i++) {
            rots.get(NDArrayIndex.point(0), NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all())
                    .assign(Nd4j.createFromArray(rotation(1, 0.2 * i, -0.3, 0.5)).reshape(3, 3));
        }
        INDArray ts = Nd4j.randn(DataType.DOUBLE, 1, n, 3), sIn = Nd4j.randn(DataType.DOUBLE, 1, n, cS);
        Map<String, INDArray> ph = Map.of("s", sIn, "rot", rots, "trans", ts);
        assertTrue(f.rot().eval(ph).equalsWithEps(rots, 1e-12) && f.trans().eval(ph).equalsWithEps(ts, 1e-12), "identity at start");
        INDArray w = Nd4j.randn(DataType.DOUBLE, cS, 6).muli(0.3);
        sd.getVariable("bu/W").setArray(w);
        INDArray gotR = f.rot().eval(ph).dup(), gotT = f.trans().eval(ph).dup();
        for (int i = 0; i < n; i++) {
            double[] u = sIn.get(NDArrayIndex.point(0), NDArrayIndex.point(i), NDArrayIndex.all()).reshape(1, cS).mmul(w).toDoubleVector();
            INDArray dR = Nd4j.createFromArray(rotation(1, u[0], u[1], u[2])).reshape(3, 3);
            INDArray ri = rots.get(NDArrayIndex.point(0), NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all());
            INDArray ti = ts.get(NDArrayIndex.point(0), NDArrayIndex.point(i), NDArrayIndex.all());
            assertTrue(ri.mmul(dR).equalsWithEps(gotR.get(NDArrayIndex.point(0), NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all()), 1e-12));
            INDArray expT = ri.mmul(Nd4j.createFromArray(u[3], u[4], u[5]).reshape(3, 1)).reshape(3).add(ti);
            assertTrue(expT.equalsWithEps(gotT.get(NDArrayIndex.point(0), NDArrayIndex.point(i), NDArrayIndex.all()), 1e-12));
        }
        SDVariable both = sd.concat(2, f.rot().reshape(-1, n, 9), f.trans());
        assertTrue(gradientsOk(both, ph));
    }

    /** Two IPA blocks with backbone updates: output frames move with the input frames under a global rigid motion. */
    @Test
    void ipaTrunkPredictsEquivariantFrames() {
        assertTrunkEquivariant(IpaTrunk.Options.PLAIN);
    }

    /**
     * The same with FrameFlow's additions (a sequence-transformer layer after each IPA, its output projection set away
     * from zero, and the edge update between the blocks), which see only invariant features. (Each part's gradients
     * are checked on its own: the whole trunk has too many variables for finite differences in a unit test.)
     */
    @Test
    void ipaTrunkWithTransformerAndEdgeUpdatesStaysEquivariant() {
        assertTrunkEquivariant(new IpaTrunk.Options(1, 2, true));
    }

    /** Checks equivariance of a two-block trunk with these options. */
    private void assertTrunkEquivariant(IpaTrunk.Options options) {
        int b = 2, n = 4, cS = 6, cZ = 2;
        var cfg = new InvariantPointAttention.Config(cS, cZ, 2, 3, 2, 2);
        SDVariable s = sd.placeHolder("s", DataType.DOUBLE, -1, n, cS), z = sd.placeHolder("z", DataType.DOUBLE, -1, n, n, cZ);
        SDVariable rot = sd.placeHolder("rot", DataType.DOUBLE, -1, n, 3, 3), trans = sd.placeHolder("trans", DataType.DOUBLE, -1, n, 3);
        IpaTrunk.Result res = IpaTrunk.apply(sd, "trunk", s, z, rot, trans, null, n, cfg, 2, options, rnd);
        for (String name : new String[] {"trunk/0/bb/W", "trunk/1/bb/W"}) sd.getVariable(name).setArray(Nd4j.randn(DataType.DOUBLE, cS, 6).muli(0.5));
        if (options.seqLayers() > 0) {
            for (String name : new String[] {"trunk/0/post/W", "trunk/1/post/W"}) sd.getVariable(name).setArray(Nd4j.randn(DataType.DOUBLE, cS, cS).muli(0.5));
        }
        java.util.Random r = new java.util.Random(9);
        INDArray rots = randomRotations(b, n, r), ts = Nd4j.randn(DataType.DOUBLE, b, n, 3);
        INDArray sIn = Nd4j.randn(DataType.DOUBLE, b, n, cS), zIn = Nd4j.randn(DataType.DOUBLE, b, n, n, cZ);
        Map<String, INDArray> ph = Map.of("s", sIn, "z", zIn, "rot", rots, "trans", ts);
        INDArray r1 = res.rot().eval(ph).dup(), t1 = res.trans().eval(ph).dup();
        INDArray g = Nd4j.createFromArray(rotation(0.2, 0.7, -0.4, 0.3)).reshape(3, 3), gt = Nd4j.createFromArray(-3.0, 1.0, 2.5);
        INDArray rots2 = rots.dup(), ts2 = ts.dup();
        for (int bi = 0; bi < b; bi++) for (int i = 0; i < n; i++) {
            var ri = NDArrayIndex.point(i);
            var bp = NDArrayIndex.point(bi);
            rots2.get(bp, ri, NDArrayIndex.all(), NDArrayIndex.all()).assign(g.mmul(rots.get(bp, ri, NDArrayIndex.all(), NDArrayIndex.all())));
            ts2.get(bp, ri, NDArrayIndex.all()).assign(g.mmul(ts.get(bp, ri, NDArrayIndex.all()).reshape(3, 1)).reshape(3).add(gt));
        }
        Map<String, INDArray> moved = Map.of("s", sIn, "z", zIn, "rot", rots2, "trans", ts2);
        INDArray r2 = res.rot().eval(moved), t2 = res.trans().eval(moved);
        for (int bi = 0; bi < b; bi++) for (int i = 0; i < n; i++) {
            var ri = NDArrayIndex.point(i);
            var bp = NDArrayIndex.point(bi);
            INDArray expR = g.mmul(r1.get(bp, ri, NDArrayIndex.all(), NDArrayIndex.all()));
            assertTrue(expR.equalsWithEps(r2.get(bp, ri, NDArrayIndex.all(), NDArrayIndex.all()), 1e-9), "rotation " + i);
            INDArray expT = g.mmul(t1.get(bp, ri, NDArrayIndex.all()).reshape(3, 1)).reshape(3).add(gt);
            assertTrue(expT.equalsWithEps(t2.get(bp, ri, NDArrayIndex.all()), 1e-9), "translation " + i);
        }
    }

    /** SiLU's gradient is σ(x)(1 + x(1 − σ(x))) everywhere, in float too, also far out where ND4J's swish_bp gave NaN. */
    @Test
    void siluGradientIsFiniteAndExactForLargeInputs() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        float[] xs = {-200, -100, -50, -3, 0, 2, 44, 50, 100, 200};
        SameDiff g = SameDiff.create();
        SDVariable x = g.var("x", Nd4j.createFromArray(xs));
        g.setLossVariables(Mlp.silu(g, x).sum());
        INDArray grad = g.calculateGradients(Map.of(), "x").get("x");
        for (int i = 0; i < xs.length; i++) {
            double sig = 1 / (1 + Math.exp(-xs[i])), expected = sig * (1 + xs[i] * (1 - sig));
            assertEquals(expected, grad.getDouble(i), 1e-5, "x = " + xs[i]);
        }
    }
}
