package org.flowmatch4j.modules;

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

/** The graph networks (crystals, molecules): gradients against finite differences, permutation equivariance, padding. */
class GraphNetsTest {
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

    /**
     * Inputs of two crystals padded to 5 atoms (the first has 4), in the net's atom-major layout; atom order given by
     * perm (padding last). Features are drawn per crystal-major arrays and laid out here.
     */
    private Map<String, INDArray> periodicInputs(int[] perm, double padValue) {
        Nd4j.getRandom().setSeed(11);
        int b = 2, n = 5;
        INDArray nodes = Nd4j.rand(DataType.DOUBLE, b, n, 3), edges = Nd4j.rand(DataType.DOUBLE, b, n, n, 4);
        nodes.get(NDArrayIndex.point(0), NDArrayIndex.point(4), NDArrayIndex.all()).assign(padValue);
        INDArray global = Nd4j.rand(DataType.DOUBLE, b, 2);
        double[][] mask = {{1, 1, 1, 1, 0}, {1, 1, 1, 1, 1}};
        INDArray pn = Nd4j.zeros(DataType.DOUBLE, n * b, 3), pe = Nd4j.zeros(DataType.DOUBLE, n * n * b, 4);
        INDArray nm = Nd4j.zeros(DataType.DOUBLE, n * b, 1), nw = Nd4j.zeros(DataType.DOUBLE, n * b, 1), pw = Nd4j.zeros(DataType.DOUBLE, n * n * b, 1);
        for (int s = 0; s < b; s++) {
            double count = java.util.Arrays.stream(mask[s]).sum();
            for (int i = 0; i < n; i++) {
                int pi = perm[i];
                pn.getRow(i * b + s).assign(nodes.get(NDArrayIndex.point(s), NDArrayIndex.point(pi), NDArrayIndex.all()));
                nm.putScalar(i * b + s, 0, mask[s][pi]);
                nw.putScalar(i * b + s, 0, mask[s][pi] / count);
                for (int j = 0; j < n; j++) {
                    int pj = perm[j];
                    pe.getRow((i * n + j) * b + s).assign(edges.get(NDArrayIndex.point(s), NDArrayIndex.point(pi), NDArrayIndex.point(pj), NDArrayIndex.all()));
                    pw.putScalar((i * n + j) * b + s, 0, mask[s][pi] * mask[s][pj] / count);
                }
            }
        }
        int h = 8;
        return Map.of("nodes", pn, "edges", pe, "global", global, "nodeMask", nm.repeat(1, h), "nodeWeight", nw.repeat(1, h),
                "pairWeight", pw.repeat(1, h));
    }

    private PeriodicGraphNet.Outputs periodicNet() {
        return PeriodicGraphNet.apply(sd, "pgn", sd.placeHolder("nodes", DataType.DOUBLE, -1, 3),
                sd.placeHolder("edges", DataType.DOUBLE, -1, 4), sd.placeHolder("global", DataType.DOUBLE, -1, 2),
                sd.placeHolder("nodeMask", DataType.DOUBLE, -1, 8), sd.placeHolder("nodeWeight", DataType.DOUBLE, -1, 8),
                sd.placeHolder("pairWeight", DataType.DOUBLE, -1, 8), new PeriodicGraphNet.Config(5, 3, 4, 2, 8, 2, 3, 6), rnd);
    }

    @Test
    void periodicGraphNetGradientsMatchFiniteDifferences() {
        PeriodicGraphNet.Outputs o = periodicNet();
        Map<String, INDArray> ph = periodicInputs(new int[] {0, 1, 2, 3, 4}, 0);
        assertTrue(gradientsOk(sd.concat(1, o.nodes().reshape(2, -1), o.global()), ph));
    }

    /** Permuting atoms permutes per-atom outputs and keeps per-crystal ones; the padded atom changes nothing. */
    @Test
    void periodicGraphNetIsPermutationEquivariantAndIgnoresPadding() {
        PeriodicGraphNet.Outputs o = periodicNet();
        int[] perm = {2, 0, 3, 1, 4};
        Map<String, INDArray> a = periodicInputs(new int[] {0, 1, 2, 3, 4}, 0), b = periodicInputs(perm, 0);
        INDArray na = o.nodes().eval(a), nb = o.nodes().eval(b);
        for (int i = 0; i < 4; i++)
            for (int s = 0; s < 2; s++)
                assertTrue(na.getRow(perm[i] * 2 + s).equalsWithEps(nb.getRow(i * 2 + s), 1e-10), "atom " + i + " crystal " + s);
        assertTrue(o.global().eval(a).equalsWithEps(o.global().eval(b), 1e-10));
        assertTrue(o.global().eval(a).equalsWithEps(o.global().eval(periodicInputs(new int[] {0, 1, 2, 3, 4}, 7.0)), 1e-10),
                "padding must not leak");
    }

    /**
     * Two graphs padded to 5 nodes (the first has 4) for {@link DenseGraphNet}: node i holds original node perm[i], the
     * unordered pair {i, j} holds the features of original pair {perm[i], perm[j]}; padded rows get padValue.
     */
    private Map<String, INDArray> denseGraphInputs(int[] perm, double padValue) {
        Nd4j.getRandom().setSeed(12);
        int b = 2, n = 5, p = n * (n - 1) / 2, h = 8, e = 4;
        INDArray nodes = Nd4j.rand(DataType.DOUBLE, b, n, 3), edges = Nd4j.rand(DataType.DOUBLE, b, n, n, 2), global = Nd4j.rand(DataType.DOUBLE, b, 2);
        double[][] mask = {{1, 1, 1, 1, 0}, {1, 1, 1, 1, 1}};
        INDArray pn = Nd4j.zeros(DataType.DOUBLE, n * b, 3), pe = Nd4j.zeros(DataType.DOUBLE, p * b, 2);
        INDArray nm = Nd4j.zeros(DataType.DOUBLE, n * b, 1), pm = Nd4j.zeros(DataType.DOUBLE, p * b, 1);
        for (int s = 0; s < b; s++)
            for (int i = 0; i < n; i++) {
                int pi = perm[i];
                pn.getRow(i * b + s).assign(mask[s][pi] == 0 ? Nd4j.valueArrayOf(new long[] {3}, padValue) : nodes.get(NDArrayIndex.point(s), NDArrayIndex.point(pi), NDArrayIndex.all()));
                nm.putScalar(i * b + s, 0, mask[s][pi]);
                for (int j = i + 1; j < n; j++) {
                    int pj = perm[j], lo = Math.min(pi, pj), hi = Math.max(pi, pj), row = DenseGraphNet.pairIndex(i, j, n) * b + s;
                    pe.getRow(row).assign(edges.get(NDArrayIndex.point(s), NDArrayIndex.point(lo), NDArrayIndex.point(hi), NDArrayIndex.all()));
                    pm.putScalar(row, 0, mask[s][pi] * mask[s][pj]);
                }
            }
        return Map.of("nodes", pn, "edges", pe, "global", global, "nodeMask", nm.repeat(1, h), "pairMask", pm.repeat(1, e),
                "pairWeight", pm.mul(0.25).repeat(1, e));
    }

    private DenseGraphNet.Outputs denseGraphNet() {
        return DenseGraphNet.apply(sd, "dgn", sd.placeHolder("nodes", DataType.DOUBLE, -1, 3), sd.placeHolder("edges", DataType.DOUBLE, -1, 2),
                sd.placeHolder("global", DataType.DOUBLE, -1, 2), sd.placeHolder("nodeMask", DataType.DOUBLE, -1, 8),
                sd.placeHolder("pairMask", DataType.DOUBLE, -1, 4), sd.placeHolder("pairWeight", DataType.DOUBLE, -1, 4),
                new DenseGraphNet.Config(5, 3, 2, 2, 8, 4, 2, 3, 4), rnd);
    }

    @Test
    void denseGraphNetGradientsMatchFiniteDifferences() {
        DenseGraphNet.Outputs o = denseGraphNet();
        assertTrue(gradientsOk(sd.concat(0, o.nodes().reshape(-1, 1), o.edges().reshape(-1, 1)), denseGraphInputs(new int[] {0, 1, 2, 3, 4}, 0)));
    }

    /** Relabelling nodes relabels node and pair outputs; the padded node changes nothing for the real ones. */
    @Test
    void denseGraphNetIsPermutationEquivariantAndIgnoresPadding() {
        DenseGraphNet.Outputs o = denseGraphNet();
        int[] id = {0, 1, 2, 3, 4}, perm = {3, 0, 2, 4, 1};
        Map<String, INDArray> a = denseGraphInputs(id, 0), b = denseGraphInputs(perm, 0);
        INDArray na = o.nodes().eval(a), nb = o.nodes().eval(b), ea = o.edges().eval(a), eb = o.edges().eval(b);
        for (int s = 0; s < 2; s++)
            for (int i = 0; i < 5; i++) {
                if (s == 0 && perm[i] == 4) continue;
                assertTrue(nb.getRow(i * 2 + s).equalsWithEps(na.getRow(perm[i] * 2 + s), 1e-10), "node " + i + " graph " + s);
                for (int j = i + 1; j < 5; j++) {
                    if (s == 0 && perm[j] == 4) continue;
                    assertTrue(eb.getRow(DenseGraphNet.pairIndex(i, j, 5) * 2 + s).equalsWithEps(
                            ea.getRow(DenseGraphNet.pairIndex(perm[i], perm[j], 5) * 2 + s), 1e-10), "pair " + i + "," + j + " graph " + s);
                }
            }
        INDArray padded = o.nodes().eval(denseGraphInputs(id, 9.0));
        for (int i = 0; i < 4; i++) assertTrue(padded.getRow(i * 2).equalsWithEps(na.getRow(i * 2), 1e-10), "padding must not leak");
    }
}
