package org.flowmatch4j.manifolds.coupling;

import org.flowmatch4j.core.coupling.Coupling;
import org.flowmatch4j.core.coupling.LinearAssignment;
import org.flowmatch4j.core.coupling.Pairing;
import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.manifolds.FlatTorus;
import org.flowmatch4j.manifolds.Manifold;
import org.flowmatch4j.manifolds.Sphere;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Exact minibatch optimal transport on a manifold (Tong et al. 2023 with the Riemannian cost of Chen &amp; Lipman
 * 2024): within each block of {@code block} consecutive rows, the permutation π minimising
 * Σ_i d_g(x0_i, x1_π(i))², where d_g is the manifold's geodesic distance ({@link Manifold#dist}), found by
 * {@link LinearAssignment}. The plan keeps both batch marginals, so a flow trained on the pairs still carries the base
 * distribution to the data; its conditional paths cross less, which lowers the variance of the regression target.
 * Blocks bound the O(B³) assignment: rows of a batch are independent draws, so a block is itself a minibatch.
 */
public record GeodesicOtCoupling(Manifold manifold, int block) implements Coupling {
    public GeodesicOtCoupling { Checks.positive("block", block); }

    @Override public Pairing pair(INDArray x0, INDArray x1, Rng rng) {
        int n = (int) x0.size(0);
        Checks.require(x1.size(0) == n, "x0 and x1 must have the same number of rows, got %d and %d", n, x1.size(0));
        int d = (int) x0.size(1);
        double[] a = rowMajor(x0), b = rowMajor(x1);
        int[] src = new int[n], dst = new int[n];
        for (int from = 0; from < n; from += block) {
            int size = Math.min(block, n - from);
            int[] col = LinearAssignment.solve(squaredDistances(manifold, a, from, size, b, from, size, d), size, size);
            for (int k = 0; k < size; k++) {
                src[from + k] = from + k;
                dst[from + k] = from + col[k];
            }
        }
        return new Pairing(src, dst);
    }

    /** Row-major n×m matrix of d_g(x0_i, x1_j)². */
    public static double[] squaredDistances(Manifold m, INDArray x0, INDArray x1) {
        return squaredDistances(m, rowMajor(x0), 0, (int) x0.size(0), rowMajor(x1), 0, (int) x1.size(0), (int) x0.size(1));
    }

    /** Row-major n×k squared distances between rows i0..i0+n-1 of a and j0..j0+k-1 of b (row-major, d columns). */
    private static double[] squaredDistances(Manifold m, double[] a, int i0, int n, double[] b, int j0, int k, int d) {
        double[] out = new double[n * k];
        if (m instanceof Sphere || m instanceof FlatTorus) {             // closed forms, no array round trip
            boolean sphere = m instanceof Sphere;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < k; j++) {
                    int u = (i0 + i) * d, v = (j0 + j) * d;
                    out[i * k + j] = sphere ? sphereSquared(a, u, b, v, d) : torusSquared(a, u, b, v, d);
                }
            }
            return out;
        }
        double[] left = new double[n * k * d], right = new double[n * k * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {                       // row i·k + j holds (x0_i, x1_j)
                System.arraycopy(a, (i0 + i) * d, left, (i * k + j) * d, d);
                System.arraycopy(b, (j0 + j) * d, right, (i * k + j) * d, d);
            }
        }
        double[] dist = m.dist(Nd4j.createFromArray(left).reshape((long) n * k, d),
                Nd4j.createFromArray(right).reshape((long) n * k, d)).toDoubleVector();
        for (int i = 0; i < dist.length; i++) out[i] = dist[i] * dist[i];
        return out;
    }

    /** arccos(⟨x, y⟩)², as {@link Sphere#dist}. */
    private static double sphereSquared(double[] a, int u, double[] b, int v, int d) {
        double c = 0;
        for (int k = 0; k < d; k++) c += a[u + k] * b[v + k];
        double th = Math.acos(Math.max(-1, Math.min(1, c)));
        return th * th;
    }

    /** Σ_k wrap(y_k − x_k)² with wrap into [−π, π), as {@link FlatTorus#dist}. */
    private static double torusSquared(double[] a, int u, double[] b, int v, int d) {
        double s = 0;
        for (int k = 0; k < d; k++) {
            double w = Math.IEEEremainder(b[v + k] - a[u + k], 2 * Math.PI);
            s += w * w;
        }
        return s;
    }

    private static double[] rowMajor(INDArray x) { return x.castTo(DataType.DOUBLE).dup('c').data().asDouble(); }
}
