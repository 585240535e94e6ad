package org.flowmatch4j.molecules.crystal;

import org.openscience.cdk.config.Elements;

/** Chemical elements by symbol and atomic number, from CDK's {@link Elements} (Z = 1…118). */
public final class ElementTable {
    private ElementTable() {}

    public static final int MAX_Z = 118;

    /** Z for a symbol with exact capitalisation ("Na", "O"); 0 when it names no element. */
    public static int number(String symbol) {
        if (symbol == null || symbol.isEmpty() || symbol.length() > 3) return 0;
        Elements e = Elements.ofString(symbol);
        return e == null || !e.symbol().equals(symbol) ? 0 : e.number();
    }

    /** The symbol of Z (1…118). */
    public static String symbol(int z) {
        if (z < 1 || z > MAX_Z) throw new IllegalArgumentException("atomic number must be in 1..118, got " + z);
        return Elements.ofNumber(z).symbol();
    }

    /** Pauling electronegativity of Z, NaN where CDK has none (noble gases and heavy elements). */
    public static double electronegativity(int z) {
        Double v = Elements.ofNumber(z).electronegativity();
        return v == null || v <= 0 ? Double.NaN : v;
    }

    /** Covalent radius of Z in Å, NaN where CDK has none. */
    public static double covalentRadius(int z) {
        Double v = Elements.ofNumber(z).covalentRadius();
        return v == null || v <= 0 ? Double.NaN : v;
    }
}
