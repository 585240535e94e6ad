package org.flowmatch4j.molecules.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flowmatch4j.core.coupling.LinearAssignment;
import org.flowmatch4j.molecules.crystal.Crystal;
import org.flowmatch4j.molecules.crystal.PrimitiveCell;
import org.flowmatch4j.molecules.lattice.Lattice;
import org.flowmatch4j.molecules.lattice.Mat3;
import org.flowmatch4j.molecules.lattice.Reduction;

/**
 * Are two crystals the same structure, and how far apart are their sites? The procedure of pymatgen's
 * {@code StructureMatcher.get_rms_dist}, which CDVAE, DiffCSP and FlowMM use for CSP match rate and RMSE:
 * <ol>
 *   <li>both crystals to their Niggli, then primitive cells (site tolerance 0.25 Å);</li>
 *   <li>volumes equalised: lattices scaled by (V₂/V₁)^(±1/6), so both have volume √(V₁V₂);</li>
 *   <li>every basis of crystal 1's lattice whose lengths are within a factor (1 + ltol) of crystal 2's and whose
 *       angles are within angle_tol degrees (unit-determinant supercell) is tried; distances are measured in the
 *       lattice with the averaged parameters;</li>
 *   <li>for each translation that puts a site of the rarest element on its counterpart, sites are paired by a
 *       minimum-cost assignment of squared periodic distances (same element only), the mean displacement is removed,
 *       and the RMS displacement is normalised by (V/n)^(1/3);</li>
 *   <li>the smallest RMS is the result; a match needs it below stol.</li>
 * </ol>
 * Unequal site counts or compositions after reduction never match.
 *
 * @param ltol      fractional length tolerance
 * @param stol      site tolerance, in units of (V/n)^(1/3)
 * @param angleTol  angle tolerance in degrees
 */
public record StructureMatcher(double ltol, double stol, double angleTol) {

    /** The tolerances CDVAE, DiffCSP and FlowMM report with: ltol 0.3, stol 0.5, angle_tol 10°. */
    public static StructureMatcher cdvae() {
        return new StructureMatcher(0.3, 0.5, 10);
    }

    /** pymatgen's defaults: ltol 0.2, stol 0.3, angle_tol 5°. */
    public static StructureMatcher strict() {
        return new StructureMatcher(0.2, 0.3, 5);
    }

    public StructureMatcher {
        if (!(ltol > 0 && stol > 0 && angleTol > 0))
            throw new IllegalArgumentException("tolerances must be positive, got ltol=%s stol=%s angle_tol=%s".formatted(ltol, stol, angleTol));
    }

    /** Result of a match: normalised RMS and maximum site displacement. */
    public record Match(double rms, double maxDistance) {}

    /** The match of {@code a} onto {@code b}, empty when they are not the same structure under these tolerances. */
    public Optional<Match> rmsDistance(Crystal a, Crystal b) {
        Crystal s1 = PrimitiveCell.reduced(a, 0.25), s2 = PrimitiveCell.reduced(b, 0.25);
        double ratio = Math.pow(s2.lattice().volume() / s1.lattice().volume(), 1.0 / 6);
        s1 = s1.withLattice(s1.lattice().scaled(ratio));
        s2 = s2.withLattice(s2.lattice().scaled(1 / ratio));
        if (s1.size() < s2.size()) { Crystal t = s1; s1 = s2; s2 = t; }
        if (s1.size() != s2.size() || !s1.counts().equals(s2.counts())) return Optional.empty();
        return strictMatch(s1, s2);
    }

    /** True when the structures match. */
    public boolean matches(Crystal a, Crystal b) {
        return rmsDistance(a, b).isPresent();
    }

    private Optional<Match> strictMatch(Crystal s1, Crystal s2) {
        int n = s1.size();
        int anchor = rarestSite(s2);
        List<Integer> anchors = new ArrayList<>();
        for (int j = 0; j < n; j++) if (s1.numbers()[j] == s2.numbers()[anchor]) anchors.add(j);
        double[][] cart1 = s1.cartesian();
        Match best = null;
        for (Lattice l : latticeMappings(s1.lattice(), s2.lattice())) {
            double[][] inv = Mat3.inverse(l.matrix());
            double[][] fc1 = new double[n][];
            for (int i = 0; i < n; i++) fc1[i] = Mat3.wrapUnit(Mat3.rowTimes(cart1[i], inv));
            double[] p1 = l.parameters(), p2 = s2.lattice().parameters();
            Lattice avg = Lattice.fromParameters((p1[0] + p2[0]) / 2, (p1[1] + p2[1]) / 2, (p1[2] + p2[2]) / 2,
                    (p1[3] + p2[3]) / 2, (p1[4] + p2[4]) / 2, (p1[5] + p2[5]) / 2);
            double normalization = Math.cbrt(n / avg.volume());
            double[] fracTol = fracTolerance(avg, normalization);
            Lattice lll = Reduction.lll(avg);
            double[] lllTol = fracTolerance(lll, normalization);
            for (int s1i : anchors) {
                double[] t = sub(fc1[s1i], s2.frac()[anchor]);
                double[][] fc2 = new double[n][];
                for (int i = 0; i < n; i++) fc2[i] = add(s2.frac()[i], t);
                if (!isSubset(fc2, s2.numbers(), fc1, s1.numbers(), fracTol)) continue;
                double[] dist = cartesianDistances(fc1, s1.numbers(), fc2, s2.numbers(), avg, lll, lllTol, normalization);
                if (dist == null) continue;
                double ss = 0, max = 0;
                for (double d : dist) { ss += d * d; max = Math.max(max, d); }
                double rms = Math.sqrt(ss / n);
                if (best == null || rms < best.rms) best = new Match(rms, max);
            }
        }
        return best != null && best.rms < stol ? Optional.of(best) : Optional.empty();
    }

    /** Fractional tolerance per axis for a Cartesian tolerance of 2·stol·(V/n)^(1/3): |b*ᵢ| times it. */
    private double[] fracTolerance(Lattice l, double normalization) {
        double[] recip = l.reciprocal().lengths();
        double[] tol = new double[3];
        for (int k = 0; k < 3; k++) tol[k] = recip[k] * 2 * stol / normalization;
        return tol;
    }

    /** The site of s2 whose element is rarest (fewest candidates). */
    private static int rarestSite(Crystal s) {
        int best = 0, bestCount = Integer.MAX_VALUE;
        for (int i = 0; i < s.size(); i++) {
            int count = 0;
            for (int z : s.numbers()) if (z == s.numbers()[i]) count++;
            if (count < bestCount) { bestCount = count; best = i; }
        }
        return best;
    }

    /** Every site of fc2 has a site of the same element in fc1 within the per-axis fractional tolerance. */
    private static boolean isSubset(double[][] fc2, int[] z2, double[][] fc1, int[] z1, double[] tol) {
        outer:
        for (int i = 0; i < fc2.length; i++) {
            for (int j = 0; j < fc1.length; j++) {
                if (z1[j] != z2[i]) continue;
                boolean ok = true;
                for (int k = 0; k < 3 && ok; k++) {
                    double d = fc2[i][k] - fc1[j][k];
                    ok = Math.abs(d - Math.rint(d)) <= tol[k];
                }
                if (ok) continue outer;
            }
            return false;
        }
        return true;
    }

    /**
     * Optimal pairing by squared shortest periodic distance (pairs of different elements or beyond the LLL fractional
     * tolerance are forbidden), mean displacement removed; distances normalised. Null when no allowed pairing exists.
     */
    private static double[] cartesianDistances(double[][] fc1, int[] z1, double[][] fc2, int[] z2, Lattice avg,
                                               Lattice lll, double[] lllTol, double normalization) {
        int n = fc1.length;
        double[][] toLll = Mat3.multiply(avg.matrix(), Mat3.inverse(lll.matrix()));
        double[][] l1 = new double[n][], l2 = new double[n][];
        for (int i = 0; i < n; i++) {
            l1[i] = Mat3.rowTimes(fc1[i], toLll);
            l2[i] = Mat3.rowTimes(fc2[i], toLll);
        }
        double forbidden = 1e20;
        double[] cost = new double[n * n];
        double[][][] vec = new double[n][n][];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                if (z2[i] != z1[j] || !within(l2[i], l1[j], lllTol)) { cost[i * n + j] = forbidden; continue; }
                double[] d = Mat3.wrapCentered(sub(l1[j], l2[i]));
                double[] bestV = lll.shortestImage(d, false);
                double best = Mat3.dot(bestV, bestV);
                cost[i * n + j] = best;
                vec[i][j] = bestV;
            }
        int[] assignment = LinearAssignment.solveDense(cost, n);
        double[] mean = new double[3];
        for (int i = 0; i < n; i++) {
            if (cost[i * n + assignment[i]] >= forbidden) return null;
            for (int k = 0; k < 3; k++) mean[k] += vec[i][assignment[i]][k] / n;
        }
        double[] dist = new double[n];
        for (int i = 0; i < n; i++) {
            double[] v = sub(vec[i][assignment[i]], mean);
            dist[i] = Math.sqrt(Mat3.dot(v, v)) * normalization;
        }
        return dist;
    }

    private static boolean within(double[] u, double[] v, double[] tol) {
        for (int k = 0; k < 3; k++) {
            double d = u[k] - v[k];
            if (Math.abs(d - Math.rint(d)) > tol[k]) return false;
        }
        return true;
    }

    /**
     * Bases of {@code self}'s lattice (rows are lattice vectors of self) whose lengths and angles match
     * {@code target}'s within the tolerances and whose determinant equals self's (unimodular change of basis).
     */
    List<Lattice> latticeMappings(Lattice self, Lattice target) {
        double[] len = target.lengths(), ang = target.angles();
        double r = Math.max(len[0], Math.max(len[1], len[2])) * (1 + ltol);
        double[] recip = self.reciprocal().lengths();
        int[] bound = new int[3];
        for (int k = 0; k < 3; k++) bound[k] = (int) Math.ceil(r * recip[k]);
        List<List<double[]>> cand = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<List<int[]>> candIdx = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i = -bound[0]; i <= bound[0]; i++)
            for (int j = -bound[1]; j <= bound[1]; j++)
                for (int k = -bound[2]; k <= bound[2]; k++) {
                    double[] v = self.toCartesian(new double[] {i, j, k});
                    double d = Math.sqrt(Mat3.dot(v, v));
                    if (d > r) continue;
                    for (int q = 0; q < 3; q++) {
                        double ratio = d / len[q];
                        if (ratio < 1 + ltol && ratio > 1 / (1 + ltol)) {
                            cand.get(q).add(v);
                            candIdx.get(q).add(new int[] {i, j, k});
                        }
                    }
                }
        List<Lattice> out = new ArrayList<>();
        for (int i = 0; i < cand.get(0).size(); i++) {
            double[] va = cand.get(0).get(i);
            for (int j = 0; j < cand.get(1).size(); j++) {
                double[] vb = cand.get(1).get(j);
                if (Math.abs(angle(va, vb) - ang[2]) >= angleTol) continue;
                for (int k = 0; k < cand.get(2).size(); k++) {
                    double[] vc = cand.get(2).get(k);
                    if (Math.abs(angle(vb, vc) - ang[0]) >= angleTol || Math.abs(angle(va, vc) - ang[1]) >= angleTol) continue;
                    int[] ia = candIdx.get(0).get(i), ib = candIdx.get(1).get(j), ic = candIdx.get(2).get(k);
                    double det = Mat3.det(new double[][] {
                        {ia[0], ia[1], ia[2]}, {ib[0], ib[1], ib[2]}, {ic[0], ic[1], ic[2]}});
                    if (Math.abs(Math.abs(det) - 1) < 0.5) out.add(new Lattice(new double[][] {va, vb, vc}));
                }
            }
        }
        return out;
    }

    private static double angle(double[] u, double[] v) {
        double c = Mat3.dot(u, v) / Math.sqrt(Mat3.dot(u, u) * Mat3.dot(v, v));
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, c))));
    }

    private static double[] sub(double[] u, double[] v) {
        return new double[] {u[0] - v[0], u[1] - v[1], u[2] - v[2]};
    }

    private static double[] add(double[] u, double[] v) {
        return new double[] {u[0] + v[0], u[1] + v[1], u[2] + v[2]};
    }
}
