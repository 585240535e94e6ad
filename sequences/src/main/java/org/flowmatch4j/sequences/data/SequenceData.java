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

    /**
     * @param labels TSV or CSV with a header row: first column the record id, {@code labelColumn} the class; null for none
     */
    public static SequenceData of(Alphabet alphabet, List<SequenceRecord> records, Path labels, String labelColumn) throws IOException {
        if (records.isEmpty()) throw new SequenceFormatException("no sequences to train on");
        int max = records.stream().mapToInt(SequenceRecord::length).max().orElseThrow();
        boolean padded = records.stream().anyMatch(r -> r.length() != max);
        List<String> names = List.of();
        int[] classes = null;
        if (labels != null) {
            Map<String, String> byId = readLabels(labels, labelColumn);
            TreeSet<String> distinct = new TreeSet<>();
            for (SequenceRecord r : records) {
                String v = byId.get(r.id());
                if (v == null) throw new SequenceFormatException(labels + ": no label for record '" + r.id() + "'");
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
