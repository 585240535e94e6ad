package org.flowmatch4j.molecules.crystal;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.flowmatch4j.molecules.lattice.Lattice;
import org.flowmatch4j.molecules.lattice.Mat3;

/**
 * A periodic crystal: a lattice, n sites with fractional coordinates in [0, 1)³ and their atomic numbers. The
 * Cartesian position of site i is rᵢ = fᵢ·M (see {@link Lattice}); the structure is the set {rᵢ + kM : k ∈ ℤ³}.
 *
 * @param name    an identifier (material id, CIF block name)
 * @param lattice the cell
 * @param frac    fractional coordinates, shape [n][3], each in [0, 1); do not mutate
 * @param numbers atomic numbers, length n, each in 1..118; do not mutate
 */
public record Crystal(String name, Lattice lattice, double[][] frac, int[] numbers) {

    public Crystal {
        if (frac.length != numbers.length)
            throw new IllegalArgumentException("frac has %d sites but numbers has %d".formatted(frac.length, numbers.length));
        if (frac.length == 0) throw new IllegalArgumentException("a crystal needs at least one site");
        for (int i = 0; i < frac.length; i++) {
            if (frac[i].length != 3) throw new IllegalArgumentException("site %d must have 3 fractional coordinates".formatted(i));
            for (double v : frac[i]) if (!Double.isFinite(v))
                throw new IllegalArgumentException("site %d has a non-finite coordinate %s".formatted(i, Arrays.toString(frac[i])));
            if (numbers[i] < 1 || numbers[i] > ElementTable.MAX_Z)
                throw new IllegalArgumentException("site %d has atomic number %d, expected 1..118".formatted(i, numbers[i]));
        }
        name = name == null ? "" : name;
    }

    /** The crystal with every coordinate wrapped into [0, 1). */
    public static Crystal wrapped(String name, Lattice lattice, double[][] frac, int[] numbers) {
        double[][] w = new double[frac.length][];
        for (int i = 0; i < frac.length; i++) w[i] = Mat3.wrapUnit(frac[i]);
        return new Crystal(name, lattice, w, numbers.clone());
    }

    public int size() {
        return numbers.length;
    }

    /** Cartesian positions rᵢ = fᵢ·M, shape [n][3]. */
    public double[][] cartesian() {
        double[][] r = new double[frac.length][];
        for (int i = 0; i < frac.length; i++) r[i] = lattice.toCartesian(frac[i]);
        return r;
    }

    /** Element symbol → count, ordered by symbol. */
    public Map<String, Integer> composition() {
        Map<String, Integer> c = new TreeMap<>();
        for (int z : numbers) c.merge(ElementTable.symbol(z), 1, Integer::sum);
        return c;
    }

    /** Atomic number → count. */
    public Map<Integer, Integer> counts() {
        Map<Integer, Integer> c = new TreeMap<>();
        for (int z : numbers) c.merge(z, 1, Integer::sum);
        return c;
    }

    /** The formula with counts divided by their gcd, elements in order of electronegativity as pymatgen writes it ("SrTiO3"). */
    public String reducedFormula() {
        Map<Integer, Integer> c = counts();
        int g = 0;
        for (int v : c.values()) g = gcd(g, v);
        return Formula.write(c, g);
    }

    /** The full formula ("Sr1 Ti1 O3"), for CIF's _chemical_formula_sum. */
    public String formulaSum() {
        return Formula.sum(counts());
    }

    /** Density in g/cm³: Σ mᵢ / V with masses from CDK's isotope table. */
    public double density() {
        double mass = 0;
        for (int z : numbers) mass += Formula.mass(z);
        return mass / lattice.volume() * 1.66053906660;
    }

    /** The same sites in another lattice (fractional coordinates kept). */
    public Crystal withLattice(Lattice l) {
        return new Crystal(name, l, frac, numbers);
    }

    public Crystal withName(String n) {
        return new Crystal(n, lattice, frac, numbers);
    }

    static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Crystal c && name.equals(c.name) && lattice.equals(c.lattice)
                && Arrays.deepEquals(frac, c.frac) && Arrays.equals(numbers, c.numbers);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(frac) * 31 + Arrays.hashCode(numbers);
    }

    @Override
    public String toString() {
        return "Crystal[%s %s, %d sites, %s]".formatted(name, reducedFormula(), size(), lattice);
    }
}
