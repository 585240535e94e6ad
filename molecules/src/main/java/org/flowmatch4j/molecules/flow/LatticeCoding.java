package org.flowmatch4j.molecules.flow;

import java.util.List;
import org.flowmatch4j.molecules.crystal.Crystal;
import org.flowmatch4j.molecules.lattice.Lattice;

/**
 * Lattices as points of ℝ⁶ for a Euclidean flow with a data-fitted Gaussian base (FlowMM's lattice-parameter
 * representation): ℓ = (log(a/n^⅓), log(b/n^⅓), log(c/n^⅓), α, β, γ), standardised by the training set's mean μ and
 * standard deviation σ, z = (ℓ − μ)/σ, so the base N(0, I) in z is the normal fitted to the data. Dividing lengths by
 * n^⅓ removes the trivial growth of the cell with its atom count. Decoding clamps angles to [{@value #MIN_ANGLE}°,
 * {@value #MAX_ANGLE}°] and, for a parameter set that spans no cell, pulls the angles towards 90° until it does.
 *
 * @param mean μ, length 6; do not mutate
 * @param std  σ, length 6, each &gt; 0; do not mutate
 */
public record LatticeCoding(double[] mean, double[] std) {
    public static final double MIN_ANGLE = 30, MAX_ANGLE = 150;
    private static final double MIN_STD = 1e-2;

    public LatticeCoding {
        if (mean.length != 6 || std.length != 6) throw new IllegalArgumentException("lattice coding needs 6 means and 6 deviations");
        for (double s : std) if (!(s > 0)) throw new IllegalArgumentException("lattice deviations must be positive");
    }

    /** μ and σ of the (Niggli-reduced) training crystals; σ floored at 0.01 so constant parameters (cubic cells) stay finite. */
    public static LatticeCoding fit(List<Crystal> crystals) {
        double[] mean = new double[6], sq = new double[6];
        for (Crystal c : crystals) {
            double[] l = raw(c.lattice(), c.size());
            for (int k = 0; k < 6; k++) { mean[k] += l[k]; sq[k] += l[k] * l[k]; }
        }
        double[] std = new double[6];
        int n = crystals.size();
        for (int k = 0; k < 6; k++) {
            mean[k] /= n;
            std[k] = Math.max(MIN_STD, Math.sqrt(Math.max(0, sq[k] / n - mean[k] * mean[k])));
        }
        return new LatticeCoding(mean, std);
    }

    static double[] raw(Lattice l, int atoms) {
        double[] p = l.parameters();
        double s = Math.cbrt(atoms);
        return new double[] {Math.log(p[0] / s), Math.log(p[1] / s), Math.log(p[2] / s), p[3], p[4], p[5]};
    }

    /** z = (ℓ − μ)/σ. */
    public double[] encode(Lattice l, int atoms) {
        double[] r = raw(l, atoms);
        for (int k = 0; k < 6; k++) r[k] = (r[k] - mean[k]) / std[k];
        return r;
    }

    /** The lattice of z, made valid as described in the class comment. */
    public Lattice decode(double[] z, int atoms) {
        double s = Math.cbrt(atoms);
        double[] p = new double[6];
        for (int k = 0; k < 6; k++) p[k] = mean[k] + std[k] * z[k];
        double a = Math.exp(clampLog(p[0])) * s, b = Math.exp(clampLog(p[1])) * s, c = Math.exp(clampLog(p[2])) * s;
        double[] ang = {clampAngle(p[3]), clampAngle(p[4]), clampAngle(p[5])};
        for (int tries = 0; tries < 60; tries++) {
            try {
                return Lattice.fromParameters(a, b, c, ang[0], ang[1], ang[2]);
            } catch (IllegalArgumentException e) {
                for (int k = 0; k < 3; k++) ang[k] = 90 + 0.9 * (ang[k] - 90);
            }
        }
        return Lattice.fromParameters(a, b, c, 90, 90, 90);
    }

    private static double clampLog(double v) {
        return Double.isFinite(v) ? Math.max(-3, Math.min(4, v)) : 0;
    }

    private static double clampAngle(double v) {
        return Double.isFinite(v) ? Math.max(MIN_ANGLE, Math.min(MAX_ANGLE, v)) : 90;
    }
}
