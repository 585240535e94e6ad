package org.flowmatch4j.core.data;

import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.core.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The 2-D toy distributions of TorchCFM, drawn exactly as there:
 * <ul>
 *   <li>{@link #GAUSSIAN}: N(0, I).</li>
 *   <li>{@link #EIGHT_GAUSSIANS}: centres 5 (cos kπ/4, sin kπ/4), k = 0..7, chosen uniformly, plus Gaussian noise of
 *   covariance √0.1 · I (standard deviation 0.1^¼ per axis).</li>
 *   <li>{@link #MOONS}: scikit-learn's two moons: ⌊n/2⌋ points (cos θ, sin θ) and ⌈n/2⌉ points
 *   (1 - cos θ, 0.5 - sin θ), θ evenly spaced on [0, π], plus N(0, 0.2²) noise, then ×3 - 1; rows shuffled.</li>
 * </ul>
 */
public enum ToyDistribution {
    GAUSSIAN, EIGHT_GAUSSIANS, MOONS;

    /** n points, float, shape [n, 2]. */
    public INDArray sample(int n, Rng rng) {
        Checks.positive("n", n);
        float[] v = new float[2 * n];
        switch (this) {
            case GAUSSIAN -> {
                for (int i = 0; i < v.length; i++) v[i] = (float) rng.gaussian();
            }
            case EIGHT_GAUSSIANS -> {
                double sd = Math.pow(0.1, 0.25);
                for (int i = 0; i < n; i++) {
                    int k = rng.nextInt(8);
                    v[2 * i] = (float) (5 * Math.cos(k * Math.PI / 4) + sd * rng.gaussian());
                    v[2 * i + 1] = (float) (5 * Math.sin(k * Math.PI / 4) + sd * rng.gaussian());
                }
            }
            case MOONS -> {
                int outer = n / 2, inner = n - outer;
                int[] order = rng.permutation(n);
                for (int i = 0; i < n; i++) {
                    double x, y;
                    if (i < outer) {
                        double th = outer == 1 ? 0 : Math.PI * i / (outer - 1);
                        x = Math.cos(th); y = Math.sin(th);
                    } else {
                        int j = i - outer;
                        double th = inner == 1 ? 0 : Math.PI * j / (inner - 1);
                        x = 1 - Math.cos(th); y = 0.5 - Math.sin(th);
                    }
                    int r = order[i];
                    v[2 * r] = (float) ((x + 0.2 * rng.gaussian()) * 3 - 1);
                    v[2 * r + 1] = (float) ((y + 0.2 * rng.gaussian()) * 3 - 1);
                }
            }
        }
        return Nd4j.createFromArray(v).reshape(n, 2);
    }

    /** The command-line name, e.g. {@code 8gaussians}. */
    public String cliName() {
        return switch (this) {
            case GAUSSIAN -> "gaussian";
            case EIGHT_GAUSSIANS -> "8gaussians";
            case MOONS -> "moons";
        };
    }

    /** Parses a command-line name. */
    public static ToyDistribution fromCliName(String name) {
        for (ToyDistribution d : values()) if (d.cliName().equals(name)) return d;
        throw new IllegalArgumentException("unknown toy distribution '" + name + "', expected gaussian, 8gaussians or moons");
    }
}
