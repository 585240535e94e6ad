package org.flowmatch4j.molecules.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.flowmatch4j.molecules.crystal.Crystal;

/**
 * CDVAE-style crystal tables: CSV (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks) with a
 * {@code cif} column holding a whole CIF and, optionally, {@code material_id}; {@code .csv.gz} is read through gzip.
 * Each row's CIF is read with {@link CifReader}; an error names the file, the row and the CIF line.
 */
public final class CrystalCsv {
    private CrystalCsv() {}

    /** A row: its crystal (named by material_id when present) and the row's other columns. */
    public record Row(Crystal crystal, List<String> header, List<String> fields) {
        public String get(String column) {
            int i = header.indexOf(column);
            return i < 0 ? null : fields.get(i);
        }
    }

    /** All crystals of a table, in row order. */
    public static List<Crystal> crystals(Path file) throws IOException {
        return rows(file).stream().map(Row::crystal).toList();
    }

    /** All rows of a table. */
    public static List<Row> rows(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new CrystalFormatException(file + ": no such crystal table");
        if (Files.size(file) > CifReader.MAX_BYTES)
            throw new CrystalFormatException("%s: larger than %d bytes".formatted(file, CifReader.MAX_BYTES));
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<List<String>> records = records(r, file);
            if (records.isEmpty()) throw new CrystalFormatException(file + ": empty table");
            List<String> header = records.get(0).stream().map(String::strip).toList();
            int cif = header.indexOf("cif"), id = header.indexOf("material_id");
            if (cif < 0) throw new CrystalFormatException(file + ": no 'cif' column in header " + header);
            List<Row> rows = new ArrayList<>();
            for (int i = 1; i < records.size(); i++) {
                List<String> f = records.get(i);
                if (f.size() == 1 && f.get(0).isBlank()) continue;
                if (f.size() != header.size())
                    throw new CrystalFormatException("%s, row %d: %d fields, header has %d".formatted(file, i, f.size(), header.size()));
                String source = "%s, row %d%s".formatted(file, i, id >= 0 ? " (" + f.get(id) + ")" : "");
                List<Crystal> cs = CifReader.parse(f.get(cif), source);
                if (cs.size() != 1) throw new CrystalFormatException(source + ": the cif field holds " + cs.size() + " structures, expected 1");
                Crystal c = cs.get(0);
                rows.add(new Row(id >= 0 ? c.withName(f.get(id)) : c, header, f));
            }
            return rows;
        }
    }

    static List<List<String>> records(BufferedReader r, Path file) throws IOException {
        List<List<String>> out = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false, any = false;
        int c;
        int line = 1;
        while ((c = r.read()) != -1) {
            char ch = (char) c;
            any = true;
            if (quoted) {
                if (ch == '"') {
                    r.mark(1);
                    int n = r.read();
                    if (n == '"') cur.append('"');
                    else {
                        quoted = false;
                        if (n != -1) r.reset();
                    }
                } else {
                    if (ch == '\n') line++;
                    cur.append(ch);
                }
            } else if (ch == '"' && cur.length() == 0) {
                quoted = true;
            } else if (ch == ',') {
                fields.add(cur.toString());
                cur.setLength(0);
            } else if (ch == '\n') {
                line++;
                fields.add(stripCr(cur));
                cur.setLength(0);
                out.add(fields);
                fields = new ArrayList<>();
                any = false;
            } else {
                cur.append(ch);
            }
        }
        if (quoted) throw new CrystalFormatException("%s, line %d: quoted field not closed at end of file".formatted(file, line));
        if (any) {
            fields.add(stripCr(cur));
            out.add(fields);
        }
        return out;
    }

    private static String stripCr(StringBuilder s) {
        int n = s.length();
        return n > 0 && s.charAt(n - 1) == '\r' ? s.substring(0, n - 1) : s.toString();
    }
}
