package org.flowmatch4j.molecules.fingerprint;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flowmatch4j.molecules.crystal.Crystal;

/**
 * CrystalNN (Pan, Ganose, Horton, Aykol, Persson, Zimmermann and Jain, Inorg. Chem. 60, 1590 (2021)) with its default
 * settings, as pymatgen's {@code CrystalNN()} computes it for structures without oxidation states: a probability over
 * coordination numbers for one site.
 *
 * <ol>
 *   <li>Voronoi facets of the site among every periodic image within 7 Å (the radius doubled, up to the cell
 *       diagonal, while the cell is unbounded); the weight of neighbour j is Ωⱼ/max Ω.</li>
 *   <li>Porous adjustment wⱼ ← wⱼ·Ωⱼ/Aⱼ (solid angle over facet area); electronegativity wⱼ ← wⱼ·(1 + 3·√(|χᵢ − χⱼ|/3.3))
 *       where both Pauling χ exist; renormalise so the largest weight is 1.</li>
 *   <li>Distance taper with d₀ = rᵢ + rⱼ (covalent radii, Cordero et al. 2008, else atomic radii): ×1 up to d₀ + 0.5 Å,
 *       ×(1 + cos(π(r − d₀ − 0.5)/0.5))/2 up to d₀ + 1 Å, ×0 beyond; weights rounded to 3 decimals, zeros dropped.</li>
 *   <li>With the distinct weights 1 ≥ b₁ > b₂ > … > b_m > b_{m+1} = 0, coordination number #{j : wⱼ ≥ b_k} gets the
 *       quarter-circle area between b_{k+1} and b_k, S(x) = (x√(1−x²) + asin x)/2 normalised by π/4; CN 0 takes the rest.</li>
 * </ol>
 */
public final class CrystalNearNeighbors {
    private CrystalNearNeighbors() {}

    /** The initial search radius, Å. */
    public static final double SEARCH_CUTOFF = 7.0;

    private static final double X_DIFF_WEIGHT = 3.0, CUTOFF_LOW = 0.5, CUTOFF_HIGH = 1.0;
    private static final double[] ELECTRONEGATIVITY, RADIUS;

    static {
        TsvTable t = TsvTable.load("crystalnn-elements.tsv");
        ELECTRONEGATIVITY = t.column(2);
        RADIUS = t.column(3);
    }

    /** A neighbour: the periodic image's displacement from the site (Å), its atomic number, and its final weight. */
    public record Neighbour(double[] displacement, int number, double weight) {}

    /**
     * The result for one site.
     *
     * @param weights    coordination number → probability (sums to 1)
     * @param neighbours coordination number → the neighbours counted at that number, by decreasing weight
     */
    public record Result(Map<Integer, Double> weights, Map<Integer, List<Neighbour>> neighbours) {}

    /**
     * CrystalNN for site {@code site} of {@code c}.
     *
     * @throws IllegalArgumentException when no bounded Voronoi cell exists up to the cell-diagonal radius, or when two
     *                                  atoms coincide
     */
    public static Result of(Crystal c, int site) {
        List<double[]> disp = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        List<VoronoiFacets.Facet> facets = facets(c, site, disp, index);
        double maxAngle = 0;
        for (VoronoiFacets.Facet f : facets) maxAngle = Math.max(maxAngle, f.solidAngle());
        int zi = c.numbers()[site];
        double xi = ELECTRONEGATIVITY[zi - 1];
        double[] w = new double[facets.size()];
        for (int k = 0; k < w.length; k++) {
            VoronoiFacets.Facet f = facets.get(k);
            int zj = c.numbers()[index.get(f.neighbour())];
            double weight = f.solidAngle() / maxAngle * (f.solidAngle() / f.area());
            double xj = ELECTRONEGATIVITY[zj - 1];
            if (!Double.isNaN(xi) && !Double.isNaN(xj)) weight *= 1 + X_DIFF_WEIGHT * Math.sqrt(Math.abs(xi - xj) / 3.3);
            w[k] = weight;
        }
        Integer[] order = sortedByWeight(w);
        if (facets.isEmpty() || w[order[0]] == 0) return coordinationZero();
        double top = w[order[0]];
        double ri = radius(zi);
        for (int k = 0; k < w.length; k++) {
            VoronoiFacets.Facet f = facets.get(k);
            double[] d = disp.get(f.neighbour());
            double d0 = ri + radius(c.numbers()[index.get(f.neighbour())]);
            double r = VoronoiFacets.norm(d), low = d0 + CUTOFF_LOW, high = d0 + CUTOFF_HIGH;
            double taper = r <= low ? 1 : r < high ? (Math.cos((r - low) / (high - low) * Math.PI) + 1) * 0.5 : 0;
            w[k] = w[k] / top * taper;
        }
        order = sortedByWeight(w, order);
        if (w[order[0]] == 0) return coordinationZero();
        List<Neighbour> nn = new ArrayList<>();
        for (int k : order) {
            double rounded = new BigDecimal(w[k]).setScale(3, RoundingMode.HALF_EVEN).doubleValue();
            if (rounded <= 0) continue;
            VoronoiFacets.Facet f = facets.get(k);
            nn.add(new Neighbour(disp.get(f.neighbour()), c.numbers()[index.get(f.neighbour())], rounded));
        }
        List<Double> bins = new ArrayList<>();
        for (Neighbour n : nn) if (bins.isEmpty() || bins.get(bins.size() - 1) != n.weight()) bins.add(n.weight());
        bins.add(0.0);
        Map<Integer, Double> weights = new TreeMap<>();
        Map<Integer, List<Neighbour>> members = new TreeMap<>();
        for (int b = 0; b + 1 < bins.size(); b++) {
            double val = bins.get(b);
            List<Neighbour> in = new ArrayList<>();
            for (Neighbour n : nn) if (n.weight() >= val) in.add(n);
            double p = semicircle(bins.get(b), bins.get(b + 1));
            weights.put(in.size(), p);
            members.put(in.size(), in);
        }
        double sum = 0;
        for (double p : weights.values()) sum += p;
        if (1 - sum > 0) {
            weights.put(0, 1 - sum);
            members.put(0, List.of());
        }
        return new Result(weights, members);
    }

    private static List<VoronoiFacets.Facet> facets(Crystal c, int site, List<double[]> disp, List<Integer> index) {
        double maxCutoff = 0;
        for (double[] corner : new double[][] {{1, 1, 1}, {-1, 1, 1}, {1, -1, 1}, {1, 1, -1}})
            maxCutoff = Math.max(maxCutoff, VoronoiFacets.norm(c.lattice().toCartesian(corner)));
        maxCutoff += 0.01;
        for (double cutoff = SEARCH_CUTOFF; ; cutoff = Math.min(2 * cutoff, maxCutoff + 0.001)) {
            disp.clear();
            index.clear();
            PeriodicSphere.collect(c, site, cutoff, disp, index);
            List<VoronoiFacets.Facet> f = VoronoiFacets.of(disp.toArray(new double[0][]), cutoff);
            if (f != null && !f.isEmpty()) return f;
            if (cutoff >= maxCutoff)
                throw new IllegalArgumentException("site %d of %s has no bounded Voronoi cell within %.1f Å".formatted(site, c.name(), cutoff));
        }
    }

    private static Integer[] sortedByWeight(double[] w) {
        Integer[] o = new Integer[w.length];
        for (int i = 0; i < o.length; i++) o[i] = i;
        return sortedByWeight(w, o);
    }

    /** Stable sort by decreasing weight, starting from a previous order (as Python's sorted(…, reverse=True)). */
    private static Integer[] sortedByWeight(double[] w, Integer[] previous) {
        Integer[] o = previous.clone();
        Arrays.sort(o, Comparator.comparingDouble((Integer k) -> -w[k]));
        return o;
    }

    private static double radius(int z) {
        double r = RADIUS[z - 1];
        if (Double.isNaN(r)) throw new IllegalArgumentException("no covalent or atomic radius for Z = " + z);
        return r;
    }

    /** Fraction of the unit quarter circle's area between x = lo and x = hi. */
    static double semicircle(double hi, double lo) {
        double a1 = hi == 1 ? 0.25 * Math.PI : 0.5 * (hi * Math.sqrt(1 - hi * hi) + Math.atan(hi / Math.sqrt(1 - hi * hi)));
        double a2 = 0.5 * (lo * Math.sqrt(1 - lo * lo) + Math.atan(lo / Math.sqrt(1 - lo * lo)));
        return (a1 - a2) / (0.25 * Math.PI);
    }

    private static Result coordinationZero() {
        return new Result(Map.of(0, 1.0), Map.of(0, List.of()));
    }
}
