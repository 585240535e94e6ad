package org.flowmatch4j.proteins.geometry;

import org.flowmatch4j.proteins.io.Backbone;

/**
 * Per-residue rigid frames T_i = (R_i, t_i) of a backbone (AlphaFold 2 / FrameFlow convention): t_i = Cα_i and
 * R_i = [e1 e2 e3] by Gram–Schmidt on v1 = C_i - Cα_i, v2 = N_i - Cα_i: e1 = v1/|v1|, e2 = (v2 - (e1·v2) e1)/|…|,
 * e3 = e1 × e2. A local point p maps to R_i p + t_i.
 *
 * @param rotations   row-major 3×3 rotation per residue, [L][9] (do not mutate)
 * @param translations Cα positions, [L][3], Å
 */
public record Frames(double[][] rotations, double[][] translations) {
    public int length() { return translations.length; }

    public static Frames of(Backbone b) {
        int n = b.length();
        double[][] rot = new double[n][], trans = new double[n][];
        for (int i = 0; i < n; i++) {
            rot[i] = gramSchmidt(Vec3.sub(b.c()[i], b.ca()[i]), Vec3.sub(b.n()[i], b.ca()[i]));
            trans[i] = b.ca()[i].clone();
        }
        return new Frames(rot, trans);
    }

    /** Row-major R = [e1 e2 e3] (columns e_k). */
    public static double[] gramSchmidt(double[] v1, double[] v2) {
        double[] e1 = Vec3.unit(v1);
        double[] e2 = Vec3.unit(Vec3.sub(v2, Vec3.scale(e1, Vec3.dot(e1, v2))));
        double[] e3 = Vec3.cross(e1, e2);
        return new double[] {e1[0], e2[0], e3[0], e1[1], e2[1], e3[1], e1[2], e2[2], e3[2]};
    }

    /** R_i p + t_i. */
    public double[] apply(int i, double[] p) {
        double[] r = rotations[i], t = translations[i];
        return new double[] {r[0] * p[0] + r[1] * p[1] + r[2] * p[2] + t[0], r[3] * p[0] + r[4] * p[1] + r[5] * p[2] + t[1],
                r[6] * p[0] + r[7] * p[1] + r[8] * p[2] + t[2]};
    }
}
