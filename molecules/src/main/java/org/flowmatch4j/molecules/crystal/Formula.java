package org.flowmatch4j.molecules.crystal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.openscience.cdk.config.Isotopes;

/** Formula strings and atomic masses; elements ordered by Pauling electronegativity, then symbol (as pymatgen). */
final class Formula {
    private Formula() {}

    private static final Isotopes ISOTOPES;

    static {
        try {
            ISOTOPES = Isotopes.getInstance();
        } catch (IOException e) {
            throw new UncheckedIOException("CDK isotope table could not be loaded", e);
        }
    }

    static double mass(int z) {
        return ISOTOPES.getNaturalMass(z);
    }

    static List<Integer> ordered(Map<Integer, Integer> counts) {
        List<Integer> zs = new ArrayList<>(counts.keySet());
        zs.sort(Comparator.comparingDouble((Integer z) -> {
            double x = ElementTable.electronegativity(z);
            return Double.isNaN(x) ? Double.MAX_VALUE : x;
        }).thenComparing(ElementTable::symbol));
        return zs;
    }

    static String write(Map<Integer, Integer> counts, int divisor) {
        StringBuilder s = new StringBuilder();
        for (int z : ordered(counts)) {
            int n = counts.get(z) / divisor;
            s.append(ElementTable.symbol(z));
            if (n != 1) s.append(n);
        }
        return s.toString();
    }

    static String sum(Map<Integer, Integer> counts) {
        StringBuilder s = new StringBuilder();
        for (int z : ordered(counts)) {
            if (s.length() > 0) s.append(' ');
            s.append(ElementTable.symbol(z)).append(counts.get(z));
        }
        return s.toString();
    }
}
