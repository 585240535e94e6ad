package org.flowmatch4j.sequences.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.sequences.io.Alphabet;
import org.flowmatch4j.sequences.io.SequenceFormatException;
import org.flowmatch4j.sequences.io.SequenceRecord;
import org.flowmatch4j.sequences.model.SequenceTrainer;

/**
 * A training set of sequences as tokens, optionally labelled. Sequences of one length are used as they are; sets of
 * several lengths are padded to the longest with a padding token (index K, written '-'), which the flows treat as
 * one more category, so a model learns the length distribution too and samples are read with their padding removed.
 *
 * @param classNames sorted label values (empty when unlabelled); {@code classes[i]} indexes them
 */
public record SequenceData(Alphabet alphabet, List<SequenceRecord> records, int length, boolean padded,
                           List<String> classNames, int[] classes) implements SequenceTrainer.Source {
    public static final char PAD = '-';

    /** Categories the flow sees: K, plus one for padding. */
    public int categories() { return alphabet.size() + (padded ? 1 : 0); }

    /** Prefix of a label source read from the FASTA headers instead of a file: {@code header:KEY}. */
    public static final String HEADER_LABELS = "header:";

    /**
     * @param labels a TSV or CSV file with a header row (first column the record id, {@code labelColumn} the class),
     *               or {@code header:KEY} for a {@code KEY=value} field in each record's FASTA header (fields
     *               separated by blanks, '|' or ';'); null for none
     */
    public static SequenceData of(Alphabet alphabet, List<SequenceRecord> records, String labels, String labelColumn) throws IOException {
        if (labels != null && labels.startsWith(HEADER_LABELS)) {
            return of(alphabet, records, headerLabels(records, labels.substring(HEADER_LABELS.length())), "FASTA headers");
        }
        return of(alphabet, records, labels == null ? null : readLabels(Path.of(labels), labelColumn), labels);
    }

    /** The value of {@code KEY=value} in each record's header, by record id; a record without one is an error. */
    public static Map<String, String> headerLabels(List<SequenceRecord> records, String key) throws IOException {
        if (!key.matches("[A-Za-z0-9_.-]+")) {
            throw new SequenceFormatException("header label key '" + key + "' must be letters, digits, '_', '.' or '-' (as in header:class)");
        }
        java.util.regex.Pattern field = java.util.regex.Pattern.compile("(?:^|[\\s|;])" + java.util.regex.Pattern.quote(key) + "=([^\\s|;]+)");
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            SequenceRecord r = records.get(i);
            java.util.regex.Matcher m = field.matcher(r.header());
            if (!m.find()) {
                throw new SequenceFormatException("record " + (i + 1) + " ('" + r.id() + "'): no '" + key + "=' field in its header '" + r.header() + "'");
            }
            out.put(r.id(), m.group(1));
        }
        return out;
    }

    private static SequenceData of(Alphabet alphabet, List<SequenceRecord> records, Map<String, String> byId, String source) throws IOException {
        if (records.isEmpty()) throw new SequenceFormatException("no sequences to train on");
        int max = records.stream().mapToInt(SequenceRecord::length).max().orElseThrow();
        boolean padded = records.stream().anyMatch(r -> r.length() != max);
        List<String> names = List.of();
        int[] classes = null;
        if (byId != null) {
            TreeSet<String> distinct = new TreeSet<>();
            for (SequenceRecord r : records) {
                String v = byId.get(r.id());
                if (v == null) throw new SequenceFormatException(source + ": no label for record '" + r.id() + "'");
                distinct.add(v);
            }
            names = List.copyOf(distinct);
            classes = new int[records.size()];
            for (int i = 0; i < classes.length; i++) classes[i] = names.indexOf(byId.get(records.get(i).id()));
        }
        return new SequenceData(alphabet, List.copyOf(records), max, padded, names, classes);
    }

    private static Map<String, String> readLabels(Path file, String column) throws IOException {
        if (!Files.isRegularFile(file)) throw new SequenceFormatException(file + ": no such labels file");
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty()) throw new SequenceFormatException(file + ": empty labels file (expected a header row: id, " + column + ")");
        String sep = lines.get(0).contains("\t") ? "\t" : ",";
        List<String> header = List.of(lines.get(0).split(sep, -1));
        int col = header.indexOf(column);
        if (col < 1) throw new SequenceFormatException(file + ": header " + header + " has no column '" + column + "' after the id column");
        Map<String, String> out = new HashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            String[] f = lines.get(i).split(sep, -1);
            if (f.length <= col) throw new SequenceFormatException(file + ": line " + (i + 1) + " has " + f.length + " fields, expected at least " + (col + 1));
            out.put(f[0].strip(), f[col].strip());
        }
        return out;
    }

    /** Tokens of record i, padded to {@link #length}. */
    public int[] tokens(int i) {
        String s = records.get(i).sequence();
        int[] t = new int[length];
        for (int p = 0; p < length; p++) t[p] = p < s.length() ? alphabet.index(s.charAt(p)) : alphabet.size();
        return t;
    }

    /** A sequence from sampled tokens (padding dropped). */
    public String decode(int[] tokens, int from) {
        StringBuilder sb = new StringBuilder();
        for (int p = 0; p < length; p++) {
            int t = tokens[from + p];
            if (t < alphabet.size()) sb.append(alphabet.letter(t));
        }
        return sb.toString();
    }

    @Override public SequenceTrainer.Batch next(int batch, Rng rng) {
        int[] tokens = new int[batch * length], cls = classes == null ? null : new int[batch];
        for (int b = 0; b < batch; b++) {
            int i = rng.nextInt(records.size());
            System.arraycopy(tokens(i), 0, tokens, b * length, length);
            if (cls != null) cls[b] = classes[i];
        }
        return new SequenceTrainer.Batch(tokens, cls);
    }

    /** Deterministic split: a seeded shuffle, the first ⌈fraction·n⌉ records held out. Returns {train, held-out}. */
    public static List<List<SequenceRecord>> split(List<SequenceRecord> records, double fraction, long seed) {
        int[] perm = new Rng(seed).permutation(records.size());
        int held = (int) Math.ceil(fraction * records.size());
        List<SequenceRecord> train = new ArrayList<>(), hold = new ArrayList<>();
        for (int i = 0; i < perm.length; i++) (i < held ? hold : train).add(records.get(perm[i]));
        return List.of(train, hold);
    }
}
