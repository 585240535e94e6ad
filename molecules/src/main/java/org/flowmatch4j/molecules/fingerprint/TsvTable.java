package org.flowmatch4j.molecules.fingerprint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A numeric table shipped as a tab-separated class-path resource: a header line, then one row per entry. */
final class TsvTable {
    final String[] header;
    final List<String[]> rows;

    private TsvTable(String[] header, List<String[]> rows) {
        this.header = header;
        this.rows = rows;
    }

    static TsvTable load(String name) {
        try (InputStream in = TsvTable.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("resource " + name + " is missing from the jar");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String[] header = r.readLine().split("\t");
            List<String[]> rows = new ArrayList<>();
            for (String line; (line = r.readLine()) != null; ) if (!line.isBlank()) rows.add(line.split("\t"));
            return new TsvTable(header, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Column {@code c} of every row as doubles ("nan" reads as NaN). */
    double[] column(int c) {
        double[] v = new double[rows.size()];
        for (int i = 0; i < v.length; i++) v[i] = Double.parseDouble(rows.get(i)[c].replace("nan", "NaN"));
        return v;
    }
}
