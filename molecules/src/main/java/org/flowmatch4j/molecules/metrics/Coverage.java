package org.flowmatch4j.molecules.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.flowmatch4j.molecules.crystal.Crystal;
import org.flowmatch4j.molecules.fingerprint.MagpieFingerprint;
import org.flowmatch4j.molecules.fingerprint.SiteFingerprint;

/**
 * Coverage of a reference set by generated crystals, as CDVAE defines it and DiffCSP and FlowMM report it.
 *
 * <p>Each crystal has a structure fingerprint s (the mean CrystalNN order-parameter fingerprint of its sites,
 * {@link SiteFingerprint#mean}) and a composition fingerprint m (Magpie, standardised, {@link MagpieFingerprint}).
 * With D_s and D_m the Euclidean distance matrices between generated and reference fingerprints:
 * <ul>
 *   <li>COV-R (recall) = share of reference crystals r with min_g D_s(g, r) ≤ δ_s and min_g D_m(g, r) ≤ δ_m;</li>
 *   <li>COV-P (precision) = number of generated g with min_r D_s(g, r) ≤ δ_s and min_r D_m(g, r) ≤ δ_m, divided by
 *       the number of generated crystals;</li>
 *   <li>AMSD and AMCD: the mean of those minimal structure (composition) distances, over references (recall) and over
 *       generated crystals (precision).</li>
 * </ul>
 * As in CDVAE's script, every generated crystal takes part, valid or not, except those whose structure fingerprint
 * cannot be computed (coincident atoms, no bounded Voronoi cell); they still count in COV-P's denominator. The two
 * minima may come from different crystals, as there.
 */
public record Coverage(double recall, double precision, double amsdRecall, double amsdPrecision, double amcdRecall,
                       double amcdPrecision, int generated, int fingerprinted, int references) {

    /** CDVAE's thresholds (δ_s, δ_m) for each benchmark. */
    public record Cutoffs(double structure, double composition) {
        public static final Cutoffs PEROV5 = new Cutoffs(0.2, 4), CARBON24 = new Cutoffs(0.2, 4), MP20 = new Cutoffs(0.4, 10);

        /**
         * A preset by dataset name ("perov5", "perov5-full", "carbon24", "mp20") or two numbers "δ_s,δ_m".
         *
         * @throws IllegalArgumentException for anything else
         */
        public static Cutoffs parse(String s) {
            switch (s.toLowerCase(Locale.ROOT)) {
                case "perov5", "perov5-full", "perov_5", "perovskite": return PEROV5;
                case "carbon24", "carbon_24", "carbon": return CARBON24;
                case "mp20", "mp_20": return MP20;
                default:
            }
            String[] p = s.split(",");
            try {
                if (p.length == 2) {
                    Cutoffs c = new Cutoffs(Double.parseDouble(p[0].trim()), Double.parseDouble(p[1].trim()));
                    if (c.structure > 0 && c.composition > 0) return c;
                }
            } catch (NumberFormatException ignored) {
                // fall through to the message
            }
            throw new IllegalArgumentException("coverage cutoffs '" + s + "': expected perov5, carbon24, mp20 or two positive numbers 'structure,composition'");
        }
    }

    /** The fingerprints of one crystal; {@code structure} is null when it cannot be computed. */
    public record Fingerprints(double[] structure, double[] composition) {
        public static Fingerprints of(Crystal c) {
            double[] s;
            try {
                s = SiteFingerprint.mean(c);
            } catch (IllegalArgumentException e) {
                s = null;
            }
            return new Fingerprints(s, MagpieFingerprint.standardized(MagpieFingerprint.of(c)));
        }
    }

    /** Coverage of {@code reference} by {@code generated}; fingerprints are computed on all cores. */
    public static Coverage evaluate(List<Crystal> generated, List<Crystal> reference, Cutoffs cut) {
        return ofFingerprints(fingerprints(generated), fingerprints(reference), cut);
    }

    public static List<Fingerprints> fingerprints(List<Crystal> crystals) {
        return crystals.parallelStream().map(Fingerprints::of).toList();
    }

    /**
     * Coverage from precomputed fingerprints. References without a structure fingerprint are left out.
     *
     * @throws IllegalArgumentException when no generated or no reference crystal has a structure fingerprint
     */
    public static Coverage ofFingerprints(List<Fingerprints> generated, List<Fingerprints> reference, Cutoffs cut) {
        List<Fingerprints> g = usable(generated), r = usable(reference);
        if (g.isEmpty() || r.isEmpty())
            throw new IllegalArgumentException("coverage needs fingerprints on both sides: %d generated, %d reference".formatted(g.size(), r.size()));
        double[] gs = new double[g.size()], gm = new double[g.size()], rs = new double[r.size()], rm = new double[r.size()];
        Arrays.fill(gs, Double.POSITIVE_INFINITY);
        Arrays.fill(gm, Double.POSITIVE_INFINITY);
        Arrays.fill(rs, Double.POSITIVE_INFINITY);
        Arrays.fill(rm, Double.POSITIVE_INFINITY);
        for (int i = 0; i < g.size(); i++)
            for (int j = 0; j < r.size(); j++) {
                double ds = distance(g.get(i).structure(), r.get(j).structure()), dm = distance(g.get(i).composition(), r.get(j).composition());
                gs[i] = Math.min(gs[i], ds);
                gm[i] = Math.min(gm[i], dm);
                rs[j] = Math.min(rs[j], ds);
                rm[j] = Math.min(rm[j], dm);
            }
        int covered = 0, precise = 0;
        for (int j = 0; j < r.size(); j++) if (rs[j] <= cut.structure() && rm[j] <= cut.composition()) covered++;
        for (int i = 0; i < g.size(); i++) if (gs[i] <= cut.structure() && gm[i] <= cut.composition()) precise++;
        return new Coverage((double) covered / r.size(), (double) precise / generated.size(), mean(rs), mean(gs), mean(rm), mean(gm),
                generated.size(), g.size(), r.size());
    }

    private static List<Fingerprints> usable(List<Fingerprints> f) {
        List<Fingerprints> out = new ArrayList<>();
        for (Fingerprints x : f) if (x.structure() != null) out.add(x);
        return out;
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) s += (a[k] - b[k]) * (a[k] - b[k]);
        return Math.sqrt(s);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }
}
