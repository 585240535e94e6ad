package org.flowmatch4j.proteins.geometry;

import org.flowmatch4j.proteins.io.Backbone;

/**
 * Backbone atoms from frames with ideal geometry (Engh &amp; Huber values as tabulated by AlphaFold 2): in the local
 * frame N = (-0.525, 1.363, 0), Cα = 0, C = (1.526, 0, 0), Cβ = (-0.529, -0.774, -1.205) Å. The carbonyl O lies in
 * the peptide plane: at 1.231 Å from C_i opposite the bisector of C→Cα_i and C→N_{i+1}; for the last residue (or
 * before a chain break) it is placed from ψ with angle Cα-C-O = 120.5° and torsion N-Cα-C-O = ψ + π.
 */
public final class IdealBackbone {
    public static final double[] N = {-0.525, 1.363, 0.0};
    public static final double[] C = {1.526, 0.0, 0.0};
    public static final double[] CB = {-0.529, -0.774, -1.205};
    public static final double C_O = 1.231;
    public static final double CA_C_O = Math.toRadians(120.5);

    private IdealBackbone() {}

    /**
     * @param psi ψ per residue in radians, used where O cannot be placed from the next residue (NaN: -47°, helical)
     */
    public static Backbone build(String name, String chainId, String sequence, Frames f, double[] psi) {
        int[] numbers = new int[f.length()];
        for (int i = 0; i < numbers.length; i++) numbers[i] = i + 1;
        return build(name, chainId, sequence, numbers, f, psi);
    }

    /** As {@link #build(String, String, String, Frames, double[])} keeping the given residue numbers. */
    public static Backbone build(String name, String chainId, String sequence, int[] numbers, Frames f, double[] psi) {
        int n = f.length();
        double[][] an = new double[n][], aca = new double[n][], ac = new double[n][], ao = new double[n][];
        for (int i = 0; i < n; i++) {
            an[i] = f.apply(i, N);
            aca[i] = f.translations()[i].clone();
            ac[i] = f.apply(i, C);
        }
        for (int i = 0; i < n; i++) {
            boolean next = i + 1 < n && Vec3.dist(ac[i], an[i + 1]) <= Backbone.MAX_PEPTIDE_BOND;
            if (next) {
                double[] bis = Vec3.add(Vec3.unit(Vec3.sub(aca[i], ac[i])), Vec3.unit(Vec3.sub(an[i + 1], ac[i])));
                ao[i] = Vec3.add(ac[i], Vec3.scale(Vec3.unit(bis), -C_O));
            } else {
                double p = psi != null && i < psi.length && !Double.isNaN(psi[i]) ? psi[i] : Math.toRadians(-47);
                ao[i] = Vec3.place(an[i], aca[i], ac[i], C_O, CA_C_O, p + Math.PI);
            }
        }
        return new Backbone(name, chainId, sequence, numbers, an, aca, ac, ao);
    }
}
