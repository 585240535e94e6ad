package org.flowmatch4j.cli.density;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV of numbers under a header line, read whole: every row must have one value per header column, each a finite
 * number within the column's range. Errors name the file, the line and what was expected; blank lines are skipped.
 *
 * @param header column names as written
 * @param rows   values per data row
 * @param bytes  the file's bytes (for fingerprints)
 */
public record NumericCsv(List<String> header, double[][] rows, byte[] bytes) {
    /** Allowed range per column, for messages. */
    public record Column(String name, double min, double max) {}

    /**
     * @param headerOk      tells whether the header line (trimmed, lower case, spaces removed) is acceptable
     * @param expected      what the header should look like, for the message
     * @param columns       ranges for each column (null: one unbounded column per header name)
     * @param minRows       fewest data rows accepted
     */
    public static NumericCsv read(Path file, java.util.function.Predicate<String> headerOk, String expected,
                                  List<Column> columns, int minRows) throws IOException {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + ": no such data file");
        byte[] bytes = Files.readAllBytes(file);
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        String first = lines.isEmpty() ? "" : lines.get(0);
        if (!headerOk.test(first.replace(" ", "").toLowerCase())) {
            throw new IllegalArgumentException(file + ":1: expected " + expected + ", got '" + first + "'");
        }
        List<String> header = List.of(first.replace(" ", "").split(","));
        List<Column> cols = columns != null ? columns
                : header.stream().map(h -> new Column(h, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)).toList();
        List<double[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) continue;
            String[] f = line.split(",");
            if (f.length != cols.size()) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected " + cols.size() + " fields "
                        + String.join(",", header) + ", got '" + line + "'");
            }
            double[] r = new double[f.length];
            for (int k = 0; k < f.length; k++) r[k] = number(file, i + 1, f[k], cols.get(k));
            rows.add(r);
        }
        if (rows.size() < minRows) {
            throw new IllegalArgumentException(file + ": " + rows.size() + " rows; need at least " + minRows + " for an 80/10/10 split");
        }
        return new NumericCsv(header, rows.toArray(double[][]::new), bytes);
    }

    private static double number(Path file, int line, String s, Column c) {
        double v;
        try {
            v = Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ":" + line + ": " + c.name() + " is not a number: '" + s.trim() + "'");
        }
        if (!Double.isFinite(v)) throw new IllegalArgumentException(file + ":" + line + ": " + c.name() + " is not finite");
        if (!(v >= c.min() && v <= c.max())) {
            throw new IllegalArgumentException(file + ":" + line + ": " + c.name() + " must be in [" + c.min() + ", " + c.max() + "], got " + v);
        }
        return v;
    }
}
