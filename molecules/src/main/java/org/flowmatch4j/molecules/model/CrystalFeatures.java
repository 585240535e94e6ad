package org.flowmatch4j.molecules.model;

import org.flowmatch4j.molecules.lattice.Lattice;
import org.flowmatch4j.molecules.lattice.Mat3;

/**
 * Network inputs for a batch of B noisy crystals padded to N atoms, all invariant to rotations, periodic images and
 * common translations:
 * Rows are atom-major as {@link org.flowmatch4j.modules.PeriodicGraphNet} takes them: atom i of crystal b is row
 * i·B + b, pair (i, j) of crystal b is row (i·N + j)·B + b.
 * <ul>
 *   <li>nodes [N·B, {@value #ELEMENTS}]: one-hot element (Z ≤ {@value #ELEMENTS}); for de-novo generation one more
 *       column, the mask token of atoms whose element is not drawn yet (Z = 0);</li>
 *   <li>edges [N²·B, 6K + R]: sin and cos of 2πk(f_j − f_i) for k = 1…K and each axis, and R Gaussian radial
 *       features exp(−(d_ij − μ_r)²/2w²) of the minimum-image distance d_ij in the current lattice,
 *       μ_r = 0…{@value #RBF_MAX} Å evenly, w = spacing;</li>
 *   <li>global [B, T + 6]: the time's sinusoidal features (sin, cos of t·1000^(−2m/T)·100) and the lattice code z;</li>
 *   <li>mask m [N·B], node weights m_i/n_b [N·B] and pair weights m_i m_j/n_b [N²·B].</li>
 * </ul>
 */
public record CrystalFeatures(int batch, int atoms, int nodeWidth, float[] nodes, float[] edges, float[] global, float[] mask,
                               float[] nodeWeight, float[] pairWeight) {
    public static final int ELEMENTS = 100;
    public static final int RBF = 8;
    public static final double RBF_MAX = 8.0;
    public static final int TIME = 32;

    /** Node input width: the elements, plus the mask token when types are generated. */
    public static int nodeWidth(boolean masked) { return ELEMENTS + (masked ? 1 : 0); }

    public static int edgeWidth(int frequencies) { return 6 * frequencies + RBF; }

    public static int globalWidth() { return TIME + 6; }

    /**
     * @param numbers  atomic numbers per crystal (lengths ≤ atoms)
     * @param frac     fractional coordinates per crystal, [n][3]
     * @param codes    lattice codes z per crystal, length 6
     * @param lattices decoded lattices (for distances)
     * @param t        time per crystal
     */
    public static CrystalFeatures of(int atoms, int frequencies, int[][] numbers, double[][][] frac, double[][] codes,
                                     Lattice[] lattices, double[] t) {
        return of(atoms, frequencies, numbers, frac, codes, lattices, t, false);
    }

    /** As above; with {@code masked}, Z = 0 marks an atom whose element is masked (de-novo generation). */
    public static CrystalFeatures of(int atoms, int frequencies, int[][] numbers, double[][][] frac, double[][] codes,
                                     Lattice[] lattices, double[] t, boolean masked) {
        int b = numbers.length, ew = edgeWidth(frequencies), gw = globalWidth(), nw = nodeWidth(masked);
        float[] nodes = new float[b * atoms * nw], edges = new float[b * atoms * atoms * ew];
        float[] global = new float[b * gw], mask = new float[b * atoms], nodeWeight = new float[b * atoms];
        float[] pairWeight = new float[b * atoms * atoms];
        double spacing = RBF_MAX / (RBF - 1);
        for (int s = 0; s < b; s++) {
            int n = numbers[s].length;
            if (n > atoms) throw new IllegalArgumentException("crystal %d has %d atoms; the model takes at most %d".formatted(s, n, atoms));
            double[][] m = lattices[s].matrix();
            for (int i = 0; i < n; i++) {
                int z = numbers[s][i];
                if (z < (masked ? 0 : 1) || z > ELEMENTS) throw new IllegalArgumentException("element Z=%d is outside 1..%d".formatted(z, ELEMENTS));
                nodes[(i * b + s) * nw + (z == 0 ? ELEMENTS : z - 1)] = 1;
                mask[i * b + s] = 1;
                nodeWeight[i * b + s] = 1f / n;
                for (int j = 0; j < n; j++) {
                    pairWeight[(i * atoms + j) * b + s] = 1f / n;
                    int o = ((i * atoms + j) * b + s) * ew;
                    double[] d = new double[3];
                    for (int k = 0; k < 3; k++) d[k] = frac[s][j][k] - frac[s][i][k];
                    for (int k = 0; k < 3; k++)
                        for (int f = 1; f <= frequencies; f++) {
                            double a = 2 * Math.PI * f * d[k];
                            edges[o++] = (float) Math.sin(a);
                            edges[o++] = (float) Math.cos(a);
                        }
                    double dist = i == j ? 0 : minimumImage(Mat3.wrapCentered(d), m);
                    for (int r = 0; r < RBF; r++) {
                        double u = (dist - r * spacing) / spacing;
                        edges[o++] = (float) Math.exp(-0.5 * u * u);
                    }
                }
            }
            int g = s * gw;
            TimeFeatures.write(global, g, TIME, t[s]);
            for (int k = 0; k < 6; k++) global[g + TIME + k] = (float) codes[s][k];
        }
        return new CrystalFeatures(b, atoms, nw, nodes, edges, global, mask, nodeWeight, pairWeight);
    }

    /** The shortest |(d + k)·M| over the 27 neighbouring images k ∈ {−1, 0, 1}³ of a centred difference d. */
    static double minimumImage(double[] d, double[][] m) {
        double[] v = new Lattice(m).shortestImage(d, false);
        return Math.sqrt(Mat3.dot(v, v));
    }
}
