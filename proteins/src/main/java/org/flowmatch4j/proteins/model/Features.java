package org.flowmatch4j.proteins.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Invariant inputs of the frame model. Node: sin/cos of the residue index at geometric frequencies (half the
 * channels) and of t·1000 (the other half). Edge (i, j): sin/cos of the separation j − i, and Gaussian radial basis
 * functions exp(−(d_ij − μ_k)²/(2σ²)) of the Cα distance d_ij (nm) with centres μ_k evenly over [0, 2] nm.
 */
final class Features {
    private Features() {}

    static INDArray node(int b, int n, double[] t, int width) {
        float[] out = new float[b * n * width];
        int half = width / 2, quarter = half / 2;
        for (int p = 0; p < b; p++) {
            for (int i = 0; i < n; i++) {
                int o = (p * n + i) * width;
                for (int k = 0; k < quarter; k++) {
                    double f = Math.pow(1000, -k / (double) quarter);
                    out[o + 2 * k] = (float) Math.sin(i * f);
                    out[o + 2 * k + 1] = (float) Math.cos(i * f);
                    out[o + half + 2 * k] = (float) Math.sin(t[p] * 1000 * f);
                    out[o + half + 2 * k + 1] = (float) Math.cos(t[p] * 1000 * f);
                }
            }
        }
        return Nd4j.createFromArray(out).reshape(b, n, width);
    }

    /** @param trans Cα positions (nm) as rows [B·N][3] */
    static INDArray edge(double[][] trans, int b, int n, int position, int rbf) {
        int width = position + rbf;
        float[] out = new float[b * n * n * width];
        double sigma = 2.0 / rbf;
        float[][] sep = new float[2 * n - 1][position];             // sinusoids per separation j - i, computed once
        for (int d = -(n - 1); d <= n - 1; d++) {
            for (int k = 0; k < position / 2; k++) {
                double f = Math.pow(100, -k / (double) (position / 2));
                sep[d + n - 1][2 * k] = (float) Math.sin(d * f);
                sep[d + n - 1][2 * k + 1] = (float) Math.cos(d * f);
            }
        }
        for (int p = 0; p < b; p++) {
            for (int i = 0; i < n; i++) {
                double[] a = trans[p * n + i];
                for (int j = 0; j < n; j++) {
                    int o = ((p * n + i) * n + j) * width;
                    System.arraycopy(sep[j - i + n - 1], 0, out, o, position);
                    double[] c = trans[p * n + j];
                    double d = Math.sqrt((a[0] - c[0]) * (a[0] - c[0]) + (a[1] - c[1]) * (a[1] - c[1]) + (a[2] - c[2]) * (a[2] - c[2]));
                    for (int k = 0; k < rbf; k++) {
                        double mu = 2.0 * k / (rbf - 1), z = (d - mu) / sigma;
                        out[o + position + k] = (float) Math.exp(-0.5 * z * z);
                    }
                }
            }
        }
        return Nd4j.createFromArray(out).reshape(b, n, n, width);
    }
}
