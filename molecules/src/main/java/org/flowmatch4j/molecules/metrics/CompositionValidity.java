package org.flowmatch4j.molecules.metrics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flowmatch4j.molecules.crystal.Crystal;
import org.flowmatch4j.molecules.crystal.ElementTable;
import org.openscience.cdk.config.Elements;

/**
 * Compositional validity as CDVAE computes it with SMACT: a composition is valid when it is a single element, an
 * alloy (all metals), or when some choice of oxidation states q_e (one per element, from the table in
 * {@code oxidation-states.tsv}) is charge neutral, Σ_e q_e n_e = 0 over the reduced counts n_e, and passes the
 * Pauling electronegativity test: every cation (q &gt; 0) is less electronegative than every anion (q &lt; 0)
 * (assumed passed when an electronegativity is unknown).
 */
public final class CompositionValidity {
    private CompositionValidity() {}

    private static final int[][] STATES = load();

    private static int[][] load() {
        int[][] states = new int[ElementTable.MAX_Z + 1][];
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                CompositionValidity.class.getResourceAsStream("/org/flowmatch4j/molecules/crystal/oxidation-states.tsv"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) continue;
                String[] f = line.split("\t", -1);
                int z = Integer.parseInt(f[0]);
                states[z] = f.length < 3 || f[2].isEmpty() ? new int[0]
                        : java.util.Arrays.stream(f[2].split(",")).mapToInt(Integer::parseInt).toArray();
            }
        } catch (IOException | NullPointerException e) {
            throw new UncheckedIOException(new IOException("oxidation-state table missing from the jar", e));
        }
        for (int z = 1; z <= ElementTable.MAX_Z; z++) if (states[z] == null) states[z] = new int[0];
        return states;
    }

    /** The known oxidation states of Z. */
    public static int[] oxidationStates(int z) {
        return STATES[z].clone();
    }

    public static boolean valid(Crystal c) {
        Map<Integer, Integer> counts = c.counts();
        List<Integer> zs = new ArrayList<>(counts.keySet());
        if (zs.size() == 1) return true;
        if (zs.stream().allMatch(Elements::isMetal)) return true;
        int g = 0;
        for (int n : counts.values()) g = gcd(g, n);
        int[] n = new int[zs.size()];
        for (int i = 0; i < n.length; i++) n[i] = counts.get(zs.get(i)) / g;
        return search(zs, n, new int[zs.size()], 0, 0);
    }

    private static boolean search(List<Integer> zs, int[] n, int[] chosen, int k, long charge) {
        if (k == zs.size()) return charge == 0 && pauling(zs, chosen);
        for (int q : STATES[zs.get(k)]) {
            chosen[k] = q;
            if (search(zs, n, chosen, k + 1, charge + (long) q * n[k])) return true;
        }
        return false;
    }

    private static boolean pauling(List<Integer> zs, int[] q) {
        for (int i = 0; i < q.length; i++)
            for (int j = 0; j < q.length; j++) {
                if (q[i] <= 0 || q[j] >= 0) continue;
                double ei = ElementTable.electronegativity(zs.get(i)), ej = ElementTable.electronegativity(zs.get(j));
                if (Double.isNaN(ei) || Double.isNaN(ej)) return true;
                if (ei >= ej) return false;
            }
        return true;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
