package org.flowmatch4j.proteins.guidance;

import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.proteins.flow.FrameFlow;

/**
 * Steric exclusion in the sampler: at every step the clean-frame prediction is projected onto "no two Cα at least
 * {@code minSeparation} apart in sequence closer than r" before the Euler step uses it (a guiding potential in the
 * sense of RFdiffusion's, applied as a projection; the last prediction is the sample, so samples satisfy it).
 * Each sweep visits the pairs in order and pushes every violating pair (i, j), d_ij &lt; r, apart along their line
 * by (r + δ − d_ij)/2 each (δ = 0.01 Å, an overshoot that saves sweeps where pushes undo each other), at once
 * (position-based projection); a residue's push also moves its sequence neighbours i ± m by the same vector times
 * exp(−m² / (2 s²)) (|m| ≤ 3s), so a segment moves as a piece and the bonds inside it keep their lengths up to the
 * kernel's slope. Frames are translated, never rotated. Sweeps repeat until no pair violates (at most
 * {@code maxSweeps}).
 */
public final class StericRepulsion extends ChainProjection {
    private final int minSeparation, maxSweeps;
    /** How far past r a push goes (nm): a little overshoot saves many sweeps where constraints overlap. */
    static final double MARGIN_NM = 0.001;
    private final double radiusNm;
    private final double[] kernel;
    private final boolean[] fixed;

    /**
     * @param length residues per protein
     * @param radiusAngstrom r, the closest two non-neighbouring Cα may come (Å)
     * @param minSeparation the smallest |i − j| that counts as non-neighbouring
     * @param spread s, in residues (0: only the two residues move)
     */
    public StericRepulsion(int length, double radiusAngstrom, int minSeparation, double spread, int maxSweeps) {
        this(length, radiusAngstrom, minSeparation, spread, maxSweeps, new boolean[length]);
    }

    /**
     * As above, with residues that never move ({@code fixed}[i], e.g. a motif held exactly): a violating pair with
     * one fixed residue pushes the other by the whole r − d_ij, a pair of fixed residues is left as it is, and
     * spreading skips fixed residues.
     */
    public StericRepulsion(int length, double radiusAngstrom, int minSeparation, double spread, int maxSweeps, boolean[] fixed) {
        super(length);
        Checks.require(radiusAngstrom > 0 && minSeparation >= 1 && spread >= 0 && maxSweeps >= 1 && fixed.length == length,
                "need radius > 0, separation >= 1, spread >= 0, sweeps >= 1, one fixed flag per residue");
        this.fixed = fixed.clone();
        this.radiusNm = radiusAngstrom * FrameFlow.NM_PER_ANGSTROM;
        this.minSeparation = minSeparation;
        this.maxSweeps = maxSweeps;
        int reach = (int) Math.ceil(3 * spread);
        kernel = new double[reach + 1];
        for (int m = 0; m <= reach; m++) kernel[m] = spread == 0 ? 1 : Math.exp(-m * m / (2 * spread * spread));
    }

    /**
     * Sweeps over one protein's rows from {@code first} (each push applied at once, Gauss–Seidel order); returns the
     * number of sweeps that moved something.
     */
    @Override int project(double[][] rows, int first) {
        double r2 = radiusNm * radiusNm, target = radiusNm + MARGIN_NM;
        for (int sweep = 0; sweep < maxSweeps; sweep++) {
            boolean moved = false;
            for (int i = 0; i < length; i++) {
                for (int j = i + minSeparation; j < length; j++) {
                    if (fixed[i] && fixed[j]) continue;
                    double[] a = rows[first + i], b = rows[first + j];
                    double dx = a[9] - b[9], dy = a[10] - b[10], dz = a[11] - b[11], d2 = dx * dx + dy * dy + dz * dz;
                    if (d2 >= r2 * (1 - 1e-9)) continue;
                    double d = Math.sqrt(d2), s = (target - d) / 2 / d;
                    if (d < 1e-9) {                        // coincident: separate along x, deterministically
                        dx = 1; dy = 0; dz = 0; s = target / 2;
                    }
                    double si = fixed[i] ? 0 : fixed[j] ? 2 * s : s, sj = fixed[j] ? 0 : fixed[i] ? 2 * s : s;
                    spread(rows, first, i, dx * si, dy * si, dz * si);
                    spread(rows, first, j, -dx * sj, -dy * sj, -dz * sj);
                    moved = true;
                }
            }
            if (!moved) return sweep;
        }
        return maxSweeps;
    }

    /** Moves residue {@code centre} by (x, y, z) and its neighbours i ± m by the kernel's share of it. */
    private void spread(double[][] rows, int first, int centre, double x, double y, double z) {
        for (int m = -(kernel.length - 1); m < kernel.length; m++) {
            int i = centre + m;
            if (i < 0 || i >= length || fixed[i]) continue;
            double w = kernel[Math.abs(m)];
            rows[first + i][9] += w * x;
            rows[first + i][10] += w * y;
            rows[first + i][11] += w * z;
        }
    }
}
