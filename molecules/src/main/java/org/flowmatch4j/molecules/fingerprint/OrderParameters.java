package org.flowmatch4j.molecules.fingerprint;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.flowmatch4j.molecules.lattice.Mat3;

/**
 * Local structure order parameters of a site from its neighbours' directions (Zimmermann, Horton, Jain and Haranczyk,
 * Front. Mater. 4, 34 (2017); Zimmermann and Jain, RSC Adv. 10, 6063 (2020)), the subset and the definitions of
 * pymatgen's {@code LocalStructOrderParams} that CrystalNN fingerprints use.
 *
 * <p>The geometric parameters put each neighbour j in turn at the north pole ẑ = r̂ⱼ and each other neighbour k on the
 * prime meridian; θ_k is k's polar angle, and each further neighbour m has polar angle θ_m and azimuth φ (the angle
 * between the components of r̂_k and r̂_m normal to ẑ). With Gaussians g(x) = exp(−x²/2) of scaled angle offsets they score
 * how well the (j, k) frame fits the motif: e.g. "tet_max" adds g(w(θ_k/π − TA)) and, per m,
 * g(w(θ_m/π − TA))·cos²(1.5φ), normalises by the number of terms, and takes the maximum over frames. The Steinhardt
 * bond-orientational parameters are q_l = √(Σᵢⱼ P_l(r̂ᵢ·r̂ⱼ))/N — the rotation-invariant form of
 * √(4π/(2l+1) Σ_m |N⁻¹ Σᵢ Y_lm(r̂ᵢ)|²). "sgl_bd" is 1 − d₁/d₂ of the two shortest bonds (1 for a single bond).
 * A value that cannot be defined (one neighbour for an angular parameter) is NaN.
 */
final class OrderParameters {
    private OrderParameters() {}

    private static final double VERY_SMALL = 1e-12, FAC_BCC = 1 / Math.exp(-0.5);
    private static final List<String> MAX_TYPES = List.of("T", "tri_pyr", "see_saw_rect", "sq_pyr", "tri_bipyr", "pent_pyr",
            "hex_pyr", "pent_bipyr", "hex_bipyr", "oct_max", "tri_plan_max", "tet_max", "sq_plan_max", "pent_plan_max",
            "cuboct_max", "hex_plan_max");
    private static final List<String> EQUATORIAL = List.of("T", "tri_pyr", "sq_pyr", "pent_pyr", "hex_pyr");
    private static final List<String> BIPYRAMIDAL = List.of("see_saw_rect", "tri_bipyr", "pent_bipyr", "hex_bipyr", "oct_max",
            "sq_plan_max", "hex_plan_max");

    /** The order parameter {@code type} with parameters {@code p} for neighbours at displacements {@code r}. */
    static double value(String type, Map<String, Double> p, List<double[]> r) {
        int n = r.size();
        double[][] u = new double[n][];
        double[] dist = new double[n];
        for (int i = 0; i < n; i++) {
            dist[i] = VoronoiFacets.norm(r.get(i));
            u[i] = VoronoiFacets.scale(r.get(i), 1 / dist[i]);
        }
        switch (type) {
            case "sgl_bd": {
                if (n == 0) return 0;
                if (n == 1) return 1;
                double[] s = dist.clone();
                Arrays.sort(s);
                return 1 - s[0] / s[1];
            }
            case "q2": return n == 0 ? Double.NaN : steinhardt(2, u);
            case "q4": return n == 0 ? Double.NaN : steinhardt(4, u);
            case "q6": return n == 0 ? Double.NaN : steinhardt(6, u);
            default: return geometric(type, p, u);
        }
    }

    private static double steinhardt(int l, double[][] u) {
        double acc = 0;
        for (double[] a : u) for (double[] b : u) acc += legendre(l, clamp(Mat3.dot(a, b)));
        return Math.sqrt(Math.max(acc, 0)) / u.length;
    }

    private static double legendre(int l, double x) {
        double x2 = x * x;
        return switch (l) {
            case 2 -> (3 * x2 - 1) / 2;
            case 4 -> (35 * x2 * x2 - 30 * x2 + 3) / 8;
            case 6 -> (231 * x2 * x2 * x2 - 315 * x2 * x2 + 105 * x2 - 5) / 16;
            default -> throw new IllegalArgumentException("l = " + l);
        };
    }

    private static double geometric(String t, Map<String, Double> p, double[][] u) {
        int n = u.length;
        double[][] q = new double[n][Math.max(n - 1, 0)], norms = new double[n][Math.max(n - 1, 0)];
        boolean bipyr = BIPYRAMIDAL.contains(t), hex = t.equals("hex_plan_max");
        for (int j = 0; j < n; j++) {
            double[] z = u[j];
            int kc = 0;
            for (int k = 0; k < n; k++) {
                if (k == j) continue;
                double thetaK = Math.acos(clamp(Mat3.dot(z, u[k])));
                double[] x = gramSchmidt(u[k], z);
                boolean flatX = VoronoiFacets.norm(x) < VERY_SMALL;
                if (!flatX) x = VoronoiFacets.unit(x);
                boolean pair = !t.equals("bcc") || j < k;
                if (pair) kTerm(t, p, thetaK, q[j], norms[j], kc, bipyr, hex);
                if (!flatX) for (int m = 0; m < n; m++) {
                    if (m == j || m == k) continue;
                    double thetaM = Math.acos(clamp(Mat3.dot(z, u[m])));
                    double[] x2 = gramSchmidt(u[m], z);
                    double l = VoronoiFacets.norm(x2);
                    if (bipyr && thetaM >= p.get("min_SPP")) add(q[j], norms[j], kc, gauss(p.get("IGW_SPP") * (thetaM / Math.PI - 1)), 1);
                    if (l < VERY_SMALL || !pair) continue;
                    double phi = Math.acos(clamp(Mat3.dot(VoronoiFacets.scale(x2, 1 / l), x)));
                    mTerm(t, p, thetaK, thetaM, phi, q[j], norms[j], kc, bipyr, hex);
                }
                kc++;
            }
        }
        if (t.equals("bent")) {
            double s = 0, w = 0;
            for (int j = 0; j < n; j++) for (int k = 0; k < n - 1; k++) { s += q[j][k]; w += norms[j][k]; }
            return w > VERY_SMALL ? s / w : Double.NaN;
        }
        if (t.equals("bcc")) {
            if (n <= 3) return Double.NaN;
            double s = 0;
            for (double[] row : q) for (double v : row) s += v;
            return s / (0.5 * n * (6 + (n - 2) * (n - 3)));
        }
        if (!MAX_TYPES.contains(t)) throw new IllegalArgumentException("unknown order parameter " + t);
        if (n <= 1) return Double.NaN;
        double best = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) for (int k = 0; k < n - 1; k++)
            best = Math.max(best, norms[j][k] > VERY_SMALL ? q[j][k] / norms[j][k] : 0);
        return best;
    }

    /** The contribution of neighbour k alone in the frame (j at the pole, k on the prime meridian). */
    private static void kTerm(String t, Map<String, Double> p, double thetaK, double[] q, double[] w, int kc, boolean bipyr, boolean hex) {
        double tk = thetaK / Math.PI;
        switch (t) {
            case "bent", "tri_plan_max", "tet_max" -> add(q, w, kc, gauss(p.get("IGW_TA") * (tk - p.get("TA"))), 1);
            case "T", "tri_pyr", "sq_pyr", "pent_pyr", "hex_pyr" -> add(q, w, kc, gauss(p.get("IGW_EP") * (tk - 0.5)), 1);
            case "cuboct_max", "bcc" -> {
                if (thetaK >= p.get("min_SPP"))
                    add(q, w, kc, p.get("w_SPP") * gauss(p.get("IGW_SPP") * (tk - 1)), p.get("w_SPP"));
            }
            case "pent_plan_max" -> add(q, w, kc, gauss(p.get("IGW_TA") * (tk - (thetaK <= p.get("TA") * Math.PI ? 0.4 : 0.8))), 1);
            default -> {
                if (bipyr && thetaK < p.get("min_SPP"))
                    add(q, w, kc, gauss(hex ? p.get("IGW_TA") * (Math.abs(tk - 0.5) - p.get("TA")) : p.get("IGW_EP") * (tk - 0.5)), 1);
            }
        }
    }

    /** The contribution of a third neighbour m at polar angle θ_m and azimuth φ in the (j, k) frame. */
    private static void mTerm(String t, Map<String, Double> p, double thetaK, double thetaM, double phi, double[] q, double[] w,
                              int kc, boolean bipyr, boolean hex) {
        double tm = thetaM / Math.PI;
        switch (t) {
            case "tri_plan_max", "tet_max" ->
                    add(q, w, kc, gauss(p.get("IGW_TA") * (tm - p.get("TA"))) * cosPow(p, phi), 1);
            case "pent_plan_max" -> {
                double c = Math.cos(phi);
                add(q, w, kc, gauss(p.get("IGW_TA") * (tm - (thetaM <= p.get("TA") * Math.PI ? 0.4 : 0.8))) * c * c, 1);
            }
            case "bcc" -> {
                if (thetaK < p.get("min_SPP")) {
                    double fac = thetaK > Math.PI / 2 ? 1 : -1, s = (thetaM - Math.PI / 2) / Math.asin(1.0 / 3);
                    add(q, w, kc, fac * Math.cos(3 * phi) * FAC_BCC * s * Math.exp(-0.5 * s * s), 1);
                }
            }
            case "see_saw_rect" -> {
                if (thetaM < p.get("min_SPP") && thetaK < p.get("min_SPP") && phi < 0.75 * Math.PI)
                    add(q, w, kc, cosPow(p, phi) * gauss(p.get("IGW_EP") * (tm - 0.5)), 1);
            }
            case "cuboct_max" -> cuboctahedral(p, thetaK, thetaM, phi, q, w, kc);
            default -> {
                if (EQUATORIAL.contains(t)) add(q, w, kc, cosPow(p, phi) * gauss(p.get("IGW_EP") * (tm - 0.5)), 1);
                else if (bipyr && thetaM < p.get("min_SPP") && thetaK < p.get("min_SPP"))
                    add(q, w, kc, cosPow(p, phi) * gauss(hex ? p.get("IGW_TA") * (Math.abs(tm - 0.5) - p.get("TA")) : p.get("IGW_EP") * (tm - 0.5)), 1);
            }
        }
    }

    private static void cuboctahedral(Map<String, Double> p, double thetaK, double thetaM, double phi, double[] q, double[] w, int kc) {
        double lo = p.get("4"), hi = p.get("2");
        if (!(thetaM < p.get("min_SPP") && lo < thetaK && thetaK < hi)) return;
        if (lo < thetaM && thetaM < hi) {
            double c = Math.cos(phi);
            add(q, w, kc, c * c * gauss(p.get("5") * (thetaM / Math.PI - 0.5)), 1);
        } else if (thetaM < lo || thetaM > hi) {
            double s = 0.0556 * (Math.cos(phi - 0.5 * Math.PI) - 0.81649658);
            double ring = thetaM < lo ? 1.0 / 3 : 2.0 / 3;
            add(q, w, kc, Math.exp(-0.5 * s * s) * gauss(p.get("6") * (thetaM / Math.PI - ring)), 1);
        }
    }

    private static double cosPow(Map<String, Double> p, double phi) {
        return Math.pow(Math.cos(p.get("fac_AA") * phi), p.get("exp_cos_AA"));
    }

    private static void add(double[] q, double[] w, int kc, double value, double weight) {
        q[kc] += value;
        w[kc] += weight;
    }

    private static double gauss(double x) {
        return Math.exp(-0.5 * x * x);
    }

    private static double[] gramSchmidt(double[] v, double[] u) {
        double s = Mat3.dot(v, u) / Mat3.dot(u, u);
        return new double[] {v[0] - s * u[0], v[1] - s * u[1], v[2] - s * u[2]};
    }

    private static double clamp(double x) {
        return Math.max(-1, Math.min(1, x));
    }
}
