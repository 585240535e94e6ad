package org.flowmatch4j.molecules.fingerprint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.flowmatch4j.molecules.crystal.Crystal;

/** Every periodic image of every site within a radius of one site, nearest first. */
final class PeriodicSphere {
    private PeriodicSphere() {}

    /**
     * Appends to {@code disp} the displacement rⱼ + kM − rᵢ of each image with 0 < |·| ≤ cutoff and to {@code index} its
     * site j, sorted by distance. Lattice translations k range over |kₐ| ≤ ⌈cutoff·|b*ₐ|⌉ + 1, b* the reciprocal rows,
     * which covers the sphere for any cell shape.
     *
     * @throws IllegalArgumentException when another atom (or an image of the site itself) sits within 10⁻⁶ Å
     */
    static void collect(Crystal c, int site, double cutoff, List<double[]> disp, List<Integer> index) {
        double[] recip = c.lattice().reciprocal().lengths();
        int[] range = new int[3];
        for (int a = 0; a < 3; a++) range[a] = (int) Math.ceil(cutoff * recip[a]) + 1;
        double[] fi = c.frac()[site];
        List<double[]> found = new ArrayList<>();
        for (int j = 0; j < c.size(); j++) {
            double[] fj = c.frac()[j];
            for (int ka = -range[0]; ka <= range[0]; ka++)
                for (int kb = -range[1]; kb <= range[1]; kb++)
                    for (int kc = -range[2]; kc <= range[2]; kc++) {
                        if (j == site && ka == 0 && kb == 0 && kc == 0) continue;
                        double[] d = c.lattice().toCartesian(new double[] {fj[0] - fi[0] + ka, fj[1] - fi[1] + kb, fj[2] - fi[2] + kc});
                        double r = VoronoiFacets.norm(d);
                        if (r > cutoff) continue;
                        if (r < 1e-6)
                            throw new IllegalArgumentException("sites %d and %d of %s coincide".formatted(site, j, c.name()));
                        found.add(new double[] {r, j, d[0], d[1], d[2]});
                    }
        }
        found.sort(Comparator.comparingDouble(x -> x[0]));
        for (double[] x : found) {
            disp.add(new double[] {x[2], x[3], x[4]});
            index.add((int) x[1]);
        }
    }
}
