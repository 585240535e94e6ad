package org.flowmatch4j.proteins.geometry;

import org.flowmatch4j.proteins.io.Backbone;

/**
 * Backbone torsion angles in radians, (-π, π], IUPAC sign convention: for points p0..p3 with b1 = p1 - p0,
 * b2 = p2 - p1, b3 = p3 - p2, the dihedral is atan2(|b2| b1·(b2 × b3), (b1 × b2)·(b2 × b3)).
 * φ_i = dihedral(C_{i-1}, N_i, Cα_i, C_i), ψ_i = dihedral(N_i, Cα_i, C_i, N_{i+1}),
 * ω_i = dihedral(Cα_i, C_i, N_{i+1}, Cα_{i+1}); NaN at chain ends and across chain breaks.
 */
public final class Dihedrals {
    private Dihedrals() {}

    public static double dihedral(double[] p0, double[] p1, double[] p2, double[] p3) {
        double[] b1 = Vec3.sub(p1, p0), b2 = Vec3.sub(p2, p1), b3 = Vec3.sub(p3, p2);
        double[] n1 = Vec3.cross(b1, b2), n2 = Vec3.cross(b2, b3);
        double y = Vec3.norm(b2) * Vec3.dot(b1, n2), x = Vec3.dot(n1, n2);
        return Math.atan2(y, x);
    }

    /** φ per residue, NaN where the previous residue is missing or not bonded. */
    public static double[] phi(Backbone b) {
        double[] out = new double[b.length()];
        out[0] = Double.NaN;
        for (int i = 1; i < out.length; i++) {
            out[i] = b.bonded(i - 1) ? dihedral(b.c()[i - 1], b.n()[i], b.ca()[i], b.c()[i]) : Double.NaN;
        }
        return out;
    }

    /** ψ per residue, NaN where the next residue is missing or not bonded. */
    public static double[] psi(Backbone b) {
        double[] out = new double[b.length()];
        out[out.length - 1] = Double.NaN;
        for (int i = 0; i + 1 < out.length; i++) {
            out[i] = b.bonded(i) ? dihedral(b.n()[i], b.ca()[i], b.c()[i], b.n()[i + 1]) : Double.NaN;
        }
        return out;
    }

    /** ω per residue (the peptide bond to the next residue), NaN at the end and across breaks. */
    public static double[] omega(Backbone b) {
        double[] out = new double[b.length()];
        out[out.length - 1] = Double.NaN;
        for (int i = 0; i + 1 < out.length; i++) {
            out[i] = b.bonded(i) ? dihedral(b.ca()[i], b.c()[i], b.n()[i + 1], b.ca()[i + 1]) : Double.NaN;
        }
        return out;
    }

    /**
     * ψ as the carbonyl defines it, dihedral(N, Cα, C, O) - π wrapped to (-π, π] (AlphaFold 2's ψ torsion; equal to
     * the N_{i+1}-based ψ for planar peptides), NaN where O is missing. Places O at chain ends and breaks.
     */
    public static double[] oxygenPsi(Backbone b) {
        double[] out = new double[b.length()];
        for (int i = 0; i < out.length; i++) {
            if (b.o()[i] == null) {
                out[i] = Double.NaN;
                continue;
            }
            double p = dihedral(b.n()[i], b.ca()[i], b.c()[i], b.o()[i]) - Math.PI;
            out[i] = p <= -Math.PI ? p + 2 * Math.PI : p;
        }
        return out;
    }
}
