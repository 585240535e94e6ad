package org.flowmatch4j.molecules.fingerprint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flowmatch4j.molecules.crystal.Crystal;

/**
 * The CrystalNN order-parameter fingerprint of a site — matminer's {@code CrystalNNFingerprint.from_preset("ops")},
 * the structure fingerprint of CDVAE's coverage metrics — and its mean over a crystal's sites.
 *
 * <p>For each coordination number c = 1…24, with CrystalNN's probability w_c ({@link CrystalNearNeighbors}), the site
 * gets w_c followed by w_c·OP for each motif order parameter defined for c (sgl_bd for c = 1; bent at five target
 * angles for 2; trigonal planar, trigonal non-coplanar, T-shaped for 3; … cuboctahedral and q2, q4, q6 for 12;
 * {@link OrderParameters}), computed on the c neighbours CrystalNN counts at that number. An undefined parameter
 * counts 0. 61 numbers in all.
 */
public final class SiteFingerprint {
    private SiteFingerprint() {}

    /** The largest coordination number with an entry. */
    public static final int MAX_CN = 24;

    /** A motif order parameter counted at coordination number {@code cn}. */
    record Motif(int cn, String name, String type, Map<String, Double> parameters) {}

    static final List<Motif> MOTIFS = loadMotifs();

    /** Feature names in order: "wt CN_c" then "&lt;motif&gt; CN_c". */
    public static final List<String> LABELS = labels();

    /** The fingerprint of site {@code site}; see the class comment. */
    public static double[] of(Crystal c, int site) {
        CrystalNearNeighbors.Result nn = CrystalNearNeighbors.of(c, site);
        double[] out = new double[LABELS.size()];
        int i = 0;
        for (int cn = 1; cn <= MAX_CN; cn++) {
            double wt = nn.weights().getOrDefault(cn, 0.0);
            out[i++] = wt;
            for (Motif m : MOTIFS) {
                if (m.cn() != cn) continue;
                if (wt == 0) { out[i++] = 0; continue; }
                List<double[]> r = new ArrayList<>();
                for (CrystalNearNeighbors.Neighbour n : nn.neighbours().get(cn)) r.add(n.displacement());
                double op = OrderParameters.value(m.type(), m.parameters(), r);
                out[i++] = Double.isNaN(op) ? 0 : wt * op;
            }
        }
        return out;
    }

    /**
     * The mean of {@link #of} over all sites of {@code c}: the structure fingerprint CDVAE, DiffCSP and FlowMM compare.
     *
     * @throws IllegalArgumentException when some site has no fingerprint (coincident atoms, no bounded Voronoi cell)
     */
    public static double[] mean(Crystal c) {
        double[] sum = new double[LABELS.size()];
        for (int s = 0; s < c.size(); s++) {
            double[] f = of(c, s);
            for (int k = 0; k < sum.length; k++) sum[k] += f[k];
        }
        for (int k = 0; k < sum.length; k++) sum[k] /= c.size();
        return sum;
    }

    private static List<Motif> loadMotifs() {
        TsvTable t = TsvTable.load("crystalnn-motifs.tsv");
        List<Motif> out = new ArrayList<>();
        for (String[] row : t.rows) {
            Map<String, Double> p = new HashMap<>();
            if (row.length > 3 && !row[3].isBlank())
                for (String kv : row[3].split(";")) {
                    String[] e = kv.split("=");
                    p.put(e[0], Double.parseDouble(e[1]));
                }
            out.add(new Motif(Integer.parseInt(row[0]), row[1], row[2], Collections.unmodifiableMap(p)));
        }
        return List.copyOf(out);
    }

    private static List<String> labels() {
        List<String> out = new ArrayList<>();
        for (int cn = 1; cn <= MAX_CN; cn++) {
            out.add("wt CN_" + cn);
            for (Motif m : MOTIFS) if (m.cn() == cn) out.add(m.name() + " CN_" + cn);
        }
        return List.copyOf(out);
    }
}
