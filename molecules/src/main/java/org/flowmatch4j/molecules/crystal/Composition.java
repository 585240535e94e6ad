package org.flowmatch4j.molecules.crystal;

import java.util.ArrayList;
import java.util.List;

/** Cell contents from a formula: "SrTiO3", "Sr1 Ti1 O3" or "Na4Cl4" (no brackets) → atomic numbers, one per atom. */
public final class Composition {
    private Composition() {}

    /** Most atoms a formula may ask for. */
    public static final int MAX_ATOMS = 200;

    /**
     * @throws IllegalArgumentException naming the formula and what is wrong
     */
    public static int[] parse(String formula) {
        String s = formula.replace(" ", "");
        if (s.isEmpty()) throw new IllegalArgumentException("empty formula");
        List<Integer> out = new ArrayList<>();
        int p = 0;
        while (p < s.length()) {
            char c = s.charAt(p);
            if (!Character.isUpperCase(c))
                throw new IllegalArgumentException("formula '%s': expected an element symbol at '%s'".formatted(formula, s.substring(p)));
            int q = p + 1;
            while (q < s.length() && Character.isLowerCase(s.charAt(q))) q++;
            String sym = s.substring(p, q);
            int z = ElementTable.number(sym);
            if (z == 0) throw new IllegalArgumentException("formula '%s': '%s' is not an element".formatted(formula, sym));
            int r = q;
            while (r < s.length() && Character.isDigit(s.charAt(r))) r++;
            int count = r == q ? 1 : Integer.parseInt(s.substring(q, Math.min(r, q + 4)));
            if (r - q > 3 || count < 1) throw new IllegalArgumentException("formula '%s': bad count for %s".formatted(formula, sym));
            for (int i = 0; i < count; i++) out.add(z);
            if (out.size() > MAX_ATOMS)
                throw new IllegalArgumentException("formula '%s' has more than %d atoms".formatted(formula, MAX_ATOMS));
            p = r;
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
