package org.flowmatch4j.proteins.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.flowmatch4j.core.util.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The in-graph edge embedding equals the documented features, built here directly in Java, times W plus b. */
class FrameGraphTest {
    @Test
    void edgeEmbeddingIsTheLinearMapOfTheDocumentedFeatures() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        int n = 7, b = 2, pos = FrameGraph.EDGE_POSITION, rbf = FrameGraph.EDGE_RBF, width = FrameGraph.EDGE_WIDTH;
        FrameModel.Config cfg = new FrameModel.Config(16, 8, 2, 8, 2, 2, 1);
        FrameGraph g = new FrameGraph(cfg, n, 3);
        Rng rng = new Rng(5);
        double[][] x = rng.normal(b * n, 3).castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] sc = rng.normal(b * n, 3).castTo(DataType.DOUBLE).toDoubleMatrix();
        INDArray w = g.sd.getVariable("embed/edge/W").getArr(), bias = g.sd.getVariable("embed/edge/b").getArr();
        for (boolean selfCond : new boolean[] {false, true}) {
            Map<String, INDArray> ph = new HashMap<>();
            ph.put("trans", Nd4j.createFromArray(x).castTo(DataType.FLOAT).reshape(b, n, 3));
            ph.put("selfCond", Nd4j.createFromArray(sc).castTo(DataType.FLOAT).reshape(b, n, 3));
            ph.put("selfCondOn", Nd4j.valueArrayOf(new long[] {b, 1, 1, 1}, selfCond ? 1f : 0f));
            ph.put("node", Nd4j.zeros(DataType.FLOAT, b, n, FrameGraph.NODE_FEATURES));
            ph.put("rot", Nd4j.zeros(DataType.FLOAT, b, n, 3, 3));
            INDArray z = g.sd.output(ph, FrameGraph.EDGE_EMBEDDING).get(FrameGraph.EDGE_EMBEDDING);
            for (int p = 0; p < b; p++) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        double[] f = new double[width];
                        for (int k = 0; k < pos / 2; k++) {
                            double freq = Math.pow(100, -k / (double) (pos / 2));
                            f[2 * k] = Math.sin((j - i) * freq);
                            f[2 * k + 1] = Math.cos((j - i) * freq);
                        }
                        double d = dist(x[p * n + i], x[p * n + j]), ds = dist(sc[p * n + i], sc[p * n + j]);
                        for (int k = 0; k < rbf; k++) {
                            double mu = 2.0 * k / (rbf - 1), sigma = 2.0 / rbf;
                            f[pos + k] = Math.exp(-0.5 * Math.pow((d - mu) / sigma, 2));
                            f[pos + rbf + k] = selfCond ? Math.exp(-0.5 * Math.pow((ds - mu) / sigma, 2)) : 0;
                        }
                        for (int c = 0; c < cfg.cZ(); c++) {
                            double expected = bias.getDouble(c);
                            for (int k = 0; k < width; k++) expected += f[k] * w.getDouble(k, c);
                            assertEquals(expected, z.getDouble(p, i, j, c), 2e-4, "edge " + p + "," + i + "," + j + "," + c);
                        }
                    }
                }
            }
        }
    }

    private static double dist(double[] a, double[] c) {
        return Math.sqrt(Math.pow(a[0] - c[0], 2) + Math.pow(a[1] - c[1], 2) + Math.pow(a[2] - c[2], 2));
    }
}
