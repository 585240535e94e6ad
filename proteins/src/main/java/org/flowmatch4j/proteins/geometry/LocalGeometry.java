package org.flowmatch4j.proteins.geometry;

import org.flowmatch4j.proteins.io.Backbone;

/**
 * The non-ideal part of a real backbone: each residue's N, C and O in its own frame (R_iᵀ(p - t_i)). With the
 * frames it rebuilds the input exactly, where {@link IdealBackbone} substitutes Engh–Huber geometry (0.05–0.1 Å
 * RMSD on N/C/O for crystal structures, since real N-Cα-C angles spread by several degrees).
 *
 * @param n local N per residue [L][3] (z = 0 by construction)
 * @param c local C per residue [L][3] (on the x axis)
 * @param o local O per residue [L][3], rows null where the input had none
 */
public record LocalGeometry(double[][] n, double[][] c, double[][] o) {
    public static LocalGeometry of(Backbone b, Frames f) {
        int len = b.length();
        double[][] n = new double[len][], c = new double[len][], o = new double[len][];
        for (int i = 0; i < len; i++) {
            n[i] = local(f, i, b.n()[i]);
            c[i] = local(f, i, b.c()[i]);
            o[i] = b.o()[i] == null ? null : local(f, i, b.o()[i]);
        }
        return new LocalGeometry(n, c, o);
    }

    /** R_iᵀ (p - t_i). */
    public static double[] local(Frames f, int i, double[] p) {
        double[] r = f.rotations()[i], d = Vec3.sub(p, f.translations()[i]);
        return new double[] {r[0] * d[0] + r[3] * d[1] + r[6] * d[2], r[1] * d[0] + r[4] * d[1] + r[7] * d[2],
                r[2] * d[0] + r[5] * d[1] + r[8] * d[2]};
    }

    /** The backbone these local atoms make with the frames. */
    public Backbone rebuild(String name, String chainId, String sequence, int[] numbers, Frames f) {
        int len = f.length();
        double[][] an = new double[len][], aca = new double[len][], ac = new double[len][], ao = new double[len][];
        for (int i = 0; i < len; i++) {
            an[i] = f.apply(i, n[i]);
            aca[i] = f.translations()[i].clone();
            ac[i] = f.apply(i, c[i]);
            ao[i] = o[i] == null ? null : f.apply(i, o[i]);
        }
        return new Backbone(name, chainId, sequence, numbers, an, aca, ac, ao);
    }
}
