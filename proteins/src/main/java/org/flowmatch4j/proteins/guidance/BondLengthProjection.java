package org.flowmatch4j.proteins.guidance;

import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.proteins.flow.FrameFlow;

/**
 * Chain geometry in the sampler: each clean-frame prediction is projected so that consecutive Cα lie b ± τ apart
 * (b = 3.8 Å, the trans-peptide Cα–Cα distance) before the Euler step uses it; the last prediction is the sample, so
 * samples satisfy it. This is SHAKE's iteration (Ryckaert, Ciccotti &amp; Berendsen 1977) with the equality relaxed to
 * an interval: a sweep visits the bonds (i, i + 1) in order and, where d = |x_{i+1} − x_i| lies outside [b − τ, b + τ],
 * moves both ends along the bond by (d − clamp(d))/2 each (the least squares displacement that puts that one bond on
 * its bound); sweeps repeat until every bond is within (at most {@code maxSweeps}). Frames are translated, never
 * rotated, so every residue's own atoms keep their geometry. Residues flagged {@code fixed} never move (their partner
 * takes the whole correction; a bond between two fixed residues is left as it is).
 */
public final class BondLengthProjection extends ChainProjection {
    /** The Cα–Cα distance of a trans peptide bond (Å). */
    public static final double CA_CA = 3.8;

    private final int maxSweeps;
    private final double lowNm, highNm;
    private final boolean[] fixed;

    /**
     * @param length residues per protein
     * @param toleranceAngstrom τ, the slack around 3.8 Å that needs no correction (Å, ≥ 0)
     * @param fixed residues that never move (one flag per residue)
     */
    public BondLengthProjection(int length, double toleranceAngstrom, int maxSweeps, boolean[] fixed) {
        super(length);
        Checks.require(toleranceAngstrom >= 0 && toleranceAngstrom < CA_CA && maxSweeps >= 1 && fixed.length == length,
                "need 0 <= tolerance < 3.8 Å, sweeps >= 1, one fixed flag per residue");
        this.maxSweeps = maxSweeps;
        this.lowNm = (CA_CA - toleranceAngstrom) * FrameFlow.NM_PER_ANGSTROM;
        this.highNm = (CA_CA + toleranceAngstrom) * FrameFlow.NM_PER_ANGSTROM;
        this.fixed = fixed.clone();
    }

    /** Sweeps over one protein's rows from {@code first}; returns the number of sweeps that moved something. */
    @Override int project(double[][] rows, int first) {
        double slack = 1e-9 * highNm;
        for (int sweep = 0; sweep < maxSweeps; sweep++) {
            boolean moved = false;
            for (int i = first; i + 1 < first + length; i++) {
                boolean fa = fixed[i - first], fb = fixed[i + 1 - first];
                if (fa && fb) continue;
                double[] a = rows[i], b = rows[i + 1];
                double dx = b[9] - a[9], dy = b[10] - a[10], dz = b[11] - a[11], d = Math.sqrt(dx * dx + dy * dy + dz * dz);
                if (d >= lowNm - slack && d <= highNm + slack) continue;
                if (d < 1e-12) {                           // coincident: separate along x, deterministically
                    dx = 1e-12; dy = 0; dz = 0; d = 1e-12;
                }
                double target = Math.max(lowNm, Math.min(highNm, d)), s = (d - target) / d;   // total shortening, as a fraction of the bond
                double sa = fa ? 0 : fb ? s : s / 2, sb = fb ? 0 : fa ? s : s / 2;
                a[9] += sa * dx; a[10] += sa * dy; a[11] += sa * dz;
                b[9] -= sb * dx; b[10] -= sb * dy; b[11] -= sb * dz;
                moved = true;
            }
            if (!moved) return sweep;
        }
        return maxSweeps;
    }
}
