package org.flowmatch4j.molecules.fingerprint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.flowmatch4j.molecules.crystal.Crystal;

/**
 * The Magpie composition fingerprint (Ward, Agrawal, Choudhary and Wolverton, npj Comput. Mater. 2, 16028 (2016)) —
 * matminer's {@code ElementProperty.from_preset("magpie")}, the composition fingerprint of CDVAE's coverage metrics.
 *
 * <p>For each of 22 element properties x (atomic number, Mendeleev number, weight, melting point, column, row, covalent
 * radius, electronegativity, s/p/d/f/total valence and unfilled electrons, DFT volume, band gap and magnetic moment per
 * atom, ground-state space group) over the elements e of the composition with amounts n_e: minimum, maximum, range,
 * mean x̄ = Σ n_e x_e / Σ n_e, mean absolute deviation Σ n_e |x_e − x̄| / Σ n_e, and mode (x of the most abundant
 * element, the smallest on ties). 132 numbers. Missing element data are imputed with the property's mean over the
 * elements that have it, as matminer does.
 */
public final class MagpieFingerprint {
    private MagpieFingerprint() {}

    private static final double[] SCALER_MEAN, SCALER_STD;

    static {
        TsvTable t = TsvTable.load("cdvae-comp-scaler.tsv");
        SCALER_MEAN = t.column(1);
        SCALER_STD = t.column(2);
    }

    private static final String[] STATS = {"minimum", "maximum", "range", "mean", "avg_dev", "mode"};
    private static final double[][] TABLE;   // [property][Z − 1]
    private static final String[] PROPERTIES;

    static {
        TsvTable t = TsvTable.load("magpie-elements.tsv");
        PROPERTIES = Arrays.copyOfRange(t.header, 2, t.header.length);
        TABLE = new double[PROPERTIES.length][];
        for (int p = 0; p < PROPERTIES.length; p++) TABLE[p] = t.column(p + 2);
    }

    /** Feature names in order: "MagpieData &lt;stat&gt; &lt;property&gt;". */
    public static final List<String> LABELS = labels();

    /** The fingerprint of {@code c}'s composition. */
    public static double[] of(Crystal c) {
        return of(c.counts());
    }

    /** The fingerprint of a composition given as atomic number → amount. */
    public static double[] of(Map<Integer, Integer> counts) {
        if (counts.isEmpty()) throw new IllegalArgumentException("empty composition");
        int m = counts.size();
        int[] z = new int[m];
        double[] n = new double[m];
        int i = 0;
        for (var e : counts.entrySet()) { z[i] = e.getKey(); n[i++] = e.getValue(); }
        double total = Arrays.stream(n).sum(), top = Arrays.stream(n).max().orElseThrow();
        double[] out = new double[PROPERTIES.length * STATS.length];
        int o = 0;
        for (double[] column : TABLE) {
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, mean = 0, mode = Double.POSITIVE_INFINITY;
            for (int k = 0; k < m; k++) {
                double x = column[z[k] - 1];
                min = Math.min(min, x);
                max = Math.max(max, x);
                mean += n[k] * x / total;
                if (Math.abs(n[k] - top) <= 1e-8 + 1e-5 * top) mode = Math.min(mode, x);
            }
            double dev = 0;
            for (int k = 0; k < m; k++) dev += n[k] * Math.abs(column[z[k] - 1] - mean) / total;
            out[o++] = min;
            out[o++] = max;
            out[o++] = max - min;
            out[o++] = mean;
            out[o++] = dev;
            out[o++] = mode;
        }
        return out;
    }

    /**
     * CDVAE's standardisation of a fingerprint before distances are taken: (x − μ)/σ per feature with the fixed μ, σ
     * that CDVAE ships ({@code cdvae/common/constants.py}, MIT licence), NaN replaced by 0.
     */
    public static double[] standardized(double[] x) {
        if (x.length != SCALER_MEAN.length) throw new IllegalArgumentException("expected %d features, got %d".formatted(SCALER_MEAN.length, x.length));
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double v = (x[i] - SCALER_MEAN[i]) / SCALER_STD[i];
            out[i] = Double.isNaN(v) ? 0 : v;
        }
        return out;
    }

    private static List<String> labels() {
        List<String> out = new ArrayList<>();
        for (String p : PROPERTIES) for (String s : STATS) out.add("MagpieData " + s + " " + p);
        return List.copyOf(out);
    }
}
