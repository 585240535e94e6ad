package org.flowmatch4j.molecules.io;

import java.util.Locale;

/**
 * A space-group operation on fractional coordinates, f′ = R f + t, parsed from the Jones-faithful form CIF uses
 * ("-x+1/2, y, z+1/2", "x-y,x,z+1/6", "1/2+X").
 *
 * @param rotation    R, rows for the new x, y, z; do not mutate
 * @param translation t; do not mutate
 */
public record SymmetryOperation(double[][] rotation, double[] translation) {

    /** Applies the operation to fractional coordinates (no wrapping). */
    public double[] apply(double[] f) {
        double[] r = new double[3];
        for (int i = 0; i < 3; i++)
            r[i] = rotation[i][0] * f[0] + rotation[i][1] * f[1] + rotation[i][2] * f[2] + translation[i];
        return r;
    }

    /**
     * Parses "x, y, z"-style text.
     *
     * @throws IllegalArgumentException naming the text and what is wrong
     */
    public static SymmetryOperation parse(String text) {
        String[] parts = text.toLowerCase(Locale.ROOT).replace(" ", "").split(",");
        if (parts.length != 3)
            throw new IllegalArgumentException("symmetry operation '%s' must have 3 comma-separated parts".formatted(text));
        double[][] rot = new double[3][3];
        double[] t = new double[3];
        for (int i = 0; i < 3; i++) parseComponent(parts[i], rot[i], t, i, text);
        return new SymmetryOperation(rot, t);
    }

    private static void parseComponent(String s, double[] row, double[] t, int i, String text) {
        if (s.isEmpty()) throw new IllegalArgumentException("symmetry operation '%s' has an empty part".formatted(text));
        int p = 0;
        boolean any = false;
        while (p < s.length()) {
            double sign = 1;
            if (s.charAt(p) == '+' || s.charAt(p) == '-') {
                sign = s.charAt(p) == '-' ? -1 : 1;
                p++;
            }
            int start = p;
            while (p < s.length() && (Character.isDigit(s.charAt(p)) || s.charAt(p) == '.' || s.charAt(p) == '/')) p++;
            String number = s.substring(start, p);
            double coefficient = number.isEmpty() ? 1 : fraction(number, text);
            if (p < s.length() && s.charAt(p) == '*') p++;
            if (p < s.length() && "xyz".indexOf(s.charAt(p)) >= 0) {
                row["xyz".indexOf(s.charAt(p))] += sign * coefficient;
                p++;
            } else if (!number.isEmpty()) {
                t[i] += sign * coefficient;
            } else {
                throw new IllegalArgumentException("symmetry operation '%s': cannot read '%s'".formatted(text, s));
            }
            any = true;
            if (p < s.length() && s.charAt(p) != '+' && s.charAt(p) != '-')
                throw new IllegalArgumentException("symmetry operation '%s': unexpected '%c' in '%s'".formatted(text, s.charAt(p), s));
        }
        if (!any) throw new IllegalArgumentException("symmetry operation '%s' has an empty part".formatted(text));
    }

    private static double fraction(String s, String text) {
        try {
            int slash = s.indexOf('/');
            if (slash < 0) return Double.parseDouble(s);
            double d = Double.parseDouble(s.substring(slash + 1));
            if (d == 0) throw new NumberFormatException();
            return Double.parseDouble(s.substring(0, slash)) / d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("symmetry operation '%s': bad number '%s'".formatted(text, s));
        }
    }
}
