package org.flowmatch4j.molecules.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flowmatch4j.molecules.crystal.Crystal;
import org.flowmatch4j.molecules.crystal.ElementTable;
import org.flowmatch4j.molecules.lattice.Lattice;
import org.flowmatch4j.molecules.lattice.Mat3;

/**
 * Reads crystals from CIF files, completing what CDK's {@code CIFReader} leaves out: every {@code data_} block, quoted
 * and text-field values, the element from {@code _atom_site_type_symbol} (charges stripped) before the label, and
 * expansion of the asymmetric unit by the symmetry operations ({@code _symmetry_equiv_pos_as_xyz} or
 * {@code _space_group_symop_operation_xyz}) into the full P1 cell, images closer than {@link #MERGE_DISTANCE} Å merged
 * (a P1 file's sites are kept as listed, overlapping or not: generated structures are read as they were written).
 * Element data come from CDK. Partially occupied (disordered) sites are refused with a message.
 *
 * <p>Limits for untrusted input: {@link #MAX_BYTES} per file and {@link #MAX_SITES} sites per expanded cell.
 */
public final class CifReader {
    private CifReader() {}

    public static final long MAX_BYTES = 64L << 20;
    public static final int MAX_SITES = 5000;
    /** Symmetry images closer than this (Å) are one site. */
    public static final double MERGE_DISTANCE = 0.05;

    private static final String[] OPERATION_TAGS = {
        "_symmetry_equiv_pos_as_xyz", "_space_group_symop_operation_xyz", "_space_group_symop.operation_xyz"};
    private static final String[] SPACE_GROUP_TAGS = {
        "_symmetry_space_group_name_h-m", "_space_group_name_h-m_alt", "_space_group.name_h-m_alt"};

    /** Every crystal in the file, one per data block with a cell and atom sites. */
    public static List<Crystal> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new CrystalFormatException(file + ": no such CIF file");
        long size = Files.size(file);
        if (size > MAX_BYTES)
            throw new CrystalFormatException("%s: %d bytes, more than the %d a CIF may have here".formatted(file, size, MAX_BYTES));
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** The one crystal of a single-block CIF. */
    public static Crystal readOne(Path file) throws IOException {
        List<Crystal> all = read(file);
        if (all.size() != 1)
            throw new CrystalFormatException("%s: expected one crystal, found %d data blocks with structures".formatted(file, all.size()));
        return all.get(0);
    }

    /**
     * Parses CIF text.
     *
     * @param source the file name or record used in error messages
     */
    public static List<Crystal> parse(String text, String source) throws CrystalFormatException {
        List<Crystal> out = new ArrayList<>();
        for (CifSyntax.Block b : CifSyntax.parse(text, source)) {
            if (b.loopWith("_atom_site_fract_x") == null) {
                if (b.item("_cell_length_a") != null)
                    throw new CrystalFormatException("%s, block data_%s (line %d): a cell but no _atom_site_fract_x loop (Cartesian-only sites are not read)"
                            .formatted(source, b.name(), b.line()));
                continue;
            }
            out.add(crystal(b, source));
        }
        if (out.isEmpty()) throw new CrystalFormatException(source + ": no data block with a cell and fractional atom sites");
        return out;
    }

    private static Crystal crystal(CifSyntax.Block b, String source) throws CrystalFormatException {
        String where = "%s, block data_%s".formatted(source, b.name());
        Lattice lattice;
        try {
            lattice = Lattice.fromParameters(number(b, "_cell_length_a", where), number(b, "_cell_length_b", where),
                    number(b, "_cell_length_c", where), number(b, "_cell_angle_alpha", where),
                    number(b, "_cell_angle_beta", where), number(b, "_cell_angle_gamma", where));
        } catch (IllegalArgumentException e) {
            throw new CrystalFormatException(where + ": " + e.getMessage());
        }
        List<SymmetryOperation> ops = operations(b, where);
        CifSyntax.Loop sites = b.loopWith("_atom_site_fract_x");
        int cx = sites.column("_atom_site_fract_x"), cy = sites.column("_atom_site_fract_y"), cz = sites.column("_atom_site_fract_z");
        if (cy < 0 || cz < 0) throw new CrystalFormatException("%s, line %d: atom site loop lacks _atom_site_fract_y or _z".formatted(where, sites.line()));
        int cType = sites.column("_atom_site_type_symbol"), cLabel = sites.column("_atom_site_label");
        int cOcc = sites.column("_atom_site_occupancy");
        if (cType < 0 && cLabel < 0)
            throw new CrystalFormatException("%s, line %d: atom site loop has neither _atom_site_type_symbol nor _atom_site_label".formatted(where, sites.line()));
        List<double[]> frac = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (List<CifSyntax.Value> row : sites.rows()) {
            CifSyntax.Value typeValue = cType >= 0 ? row.get(cType) : row.get(cLabel);
            int z = cType >= 0 && !row.get(cType).missing() ? typeSymbol(row.get(cType).text())
                    : cLabel >= 0 ? labelSymbol(row.get(cLabel).text()) : 0;
            if (z == 0) throw new CrystalFormatException("%s, line %d: no element in '%s' (expected a symbol such as Na, O2-, Fe3+)"
                    .formatted(where, typeValue.line(), typeValue.text()));
            if (cOcc >= 0 && !row.get(cOcc).missing()) {
                double occ = parseNumber(row.get(cOcc), "_atom_site_occupancy", where);
                if (occ < 0.99 || occ > 1.01)
                    throw new CrystalFormatException("%s, line %d: occupancy %s; disordered (partially occupied) sites are not supported"
                            .formatted(where, row.get(cOcc).line(), row.get(cOcc).text()));
            }
            double[] f = {parseNumber(row.get(cx), "_atom_site_fract_x", where),
                parseNumber(row.get(cy), "_atom_site_fract_y", where), parseNumber(row.get(cz), "_atom_site_fract_z", where)};
            String label = cLabel >= 0 ? row.get(cLabel).text() : ElementTable.symbol(z);
            for (SymmetryOperation op : ops) {
                double[] g = Mat3.wrapUnit(op.apply(f));
                int dup = ops.size() == 1 ? -1 : find(frac, g, lattice);
                if (dup >= 0) {
                    if (numbers.get(dup) != z)
                        throw new CrystalFormatException("%s, line %d: site %s (%s) falls on site %s (%s) within %.2f Å"
                                .formatted(where, row.get(cx).line(), label, ElementTable.symbol(z), labels.get(dup),
                                        ElementTable.symbol(numbers.get(dup)), MERGE_DISTANCE));
                    continue;
                }
                if (frac.size() >= MAX_SITES)
                    throw new CrystalFormatException("%s: more than %d sites after symmetry expansion".formatted(where, MAX_SITES));
                frac.add(g);
                numbers.add(z);
                labels.add(label);
            }
        }
        if (frac.isEmpty()) throw new CrystalFormatException("%s, line %d: the atom site loop has no rows".formatted(where, sites.line()));
        try {
            return new Crystal(b.name(), lattice, frac.toArray(double[][]::new), numbers.stream().mapToInt(Integer::intValue).toArray());
        } catch (IllegalArgumentException e) {
            throw new CrystalFormatException(where + ": " + e.getMessage());
        }
    }

    private static int find(List<double[]> frac, double[] g, Lattice lattice) {
        for (int i = 0; i < frac.size(); i++) {
            double[] d = Mat3.wrapCentered(new double[] {g[0] - frac.get(i)[0], g[1] - frac.get(i)[1], g[2] - frac.get(i)[2]});
            double[] r = lattice.toCartesian(d);
            if (Math.sqrt(Mat3.dot(r, r)) < MERGE_DISTANCE) return i;
        }
        return -1;
    }

    private static List<SymmetryOperation> operations(CifSyntax.Block b, String where) throws CrystalFormatException {
        List<SymmetryOperation> ops = new ArrayList<>();
        for (String tag : OPERATION_TAGS) {
            CifSyntax.Loop loop = b.loopWith(tag);
            List<CifSyntax.Value> values = new ArrayList<>();
            if (loop != null) for (List<CifSyntax.Value> row : loop.rows()) values.add(row.get(loop.column(tag)));
            else if (b.items().get(tag) != null) values.add(b.items().get(tag));
            for (CifSyntax.Value v : values) {
                try {
                    ops.add(SymmetryOperation.parse(v.text()));
                } catch (IllegalArgumentException e) {
                    throw new CrystalFormatException("%s, line %d: %s".formatted(where, v.line(), e.getMessage()));
                }
            }
            if (!ops.isEmpty()) return ops;
        }
        for (String tag : SPACE_GROUP_TAGS) {
            CifSyntax.Value v = b.item(tag);
            if (v != null && !v.missing() && !v.text().replace(" ", "").equalsIgnoreCase("P1"))
                throw new CrystalFormatException("%s, line %d: space group '%s' without symmetry operations (add _symmetry_equiv_pos_as_xyz)"
                        .formatted(where, v.line(), v.text()));
        }
        ops.add(SymmetryOperation.parse("x,y,z"));
        return ops;
    }

    private static double number(CifSyntax.Block b, String tag, String where) throws CrystalFormatException {
        CifSyntax.Value v = b.item(tag);
        if (v == null || v.missing()) throw new CrystalFormatException("%s (line %d): %s is missing".formatted(where, b.line(), tag));
        return parseNumber(v, tag, where);
    }

    /** A CIF number, standard uncertainty in parentheses dropped ("5.6402(3)"). */
    static double parseNumber(CifSyntax.Value v, String tag, String where) throws CrystalFormatException {
        String s = v.text();
        int paren = s.indexOf('(');
        if (paren > 0 && s.endsWith(")")) s = s.substring(0, paren);
        try {
            double d = Double.parseDouble(s);
            if (!Double.isFinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new CrystalFormatException("%s, line %d: %s is '%s', expected a number".formatted(where, v.line(), tag, v.text()));
        }
    }

    /** "Na1+", "O2-", "Fe" → Z; 0 when no element. */
    static int typeSymbol(String s) {
        int end = 0;
        while (end < s.length() && Character.isLetter(s.charAt(end))) end++;
        String letters = s.substring(0, end);
        if (letters.isEmpty()) return 0;
        String sym = letters.length() == 1 ? letters.toUpperCase() : Character.toUpperCase(letters.charAt(0)) + letters.substring(1).toLowerCase();
        int z = ElementTable.number(sym);
        return z != 0 ? z : labelSymbol(s);
    }

    /** A label such as "Na1", "O2a", "Cl_3": two letters when they name an element, else one. */
    static int labelSymbol(String s) {
        if (s.isEmpty() || !Character.isLetter(s.charAt(0))) return 0;
        String first = String.valueOf(Character.toUpperCase(s.charAt(0)));
        if (s.length() > 1 && Character.isLowerCase(s.charAt(1))) {
            int z = ElementTable.number(first + s.charAt(1));
            if (z != 0) return z;
        }
        return ElementTable.number(first);
    }
}
