package org.flowmatch4j.proteins.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Invariant inputs of the frame model. Node: sin/cos of the residue index at geometric frequencies (half the
 * channels) and of t·1000 (the other half). Edge (i, j): sin/cos of the separation j − i, and Gaussian radial basis
 * functions exp(−(d_ij − μ_k)²/(2σ²)) of the Cα distance d_ij (nm) with centres μ_k evenly over [0, 2] nm, σ = 2/K,
 * then the same basis of the self-conditioning Cα distances (zeros without self-conditioning). The edge features are
 * assembled inside the graph ({@link FrameGraph}); this class holds their constants.
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

    /** sin/cos of the separation j − i at geometric frequencies 100^(−k/(position/2)), as [N·N·position] (i, j, k). */
    static float[] separation(int n, int position) {
        float[] out = new float[n * n * position];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int o = (i * n + j) * position;
                for (int k = 0; k < position / 2; k++) {
                    double f = Math.pow(100, -k / (double) (position / 2));
                    out[o + 2 * k] = (float) Math.sin((j - i) * f);
                    out[o + 2 * k + 1] = (float) Math.cos((j - i) * f);
                }
            }
        }
        return out;
    }

    /** Centre μ_k of radial basis function k of {@code rbf}, evenly over [0, 2] nm. */
    static double rbfCentre(int k, int rbf) { return 2.0 * k / (rbf - 1); }

    /** Width σ of the radial basis functions (nm). */
    static double rbfWidth(int rbf) { return 2.0 / rbf; }
}
