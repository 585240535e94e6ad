package org.flowmatch4j.sequences.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.biojava.nbio.core.exceptions.CompoundNotFoundException;
import org.biojava.nbio.core.sequence.ProteinSequence;
import org.biojava.nbio.core.sequence.compound.AminoAcidCompound;
import org.biojava.nbio.core.sequence.compound.AminoAcidCompoundSet;
import org.biojava.nbio.core.sequence.io.FastaReader;
import org.biojava.nbio.core.sequence.io.FastaWriterHelper;
import org.biojava.nbio.core.sequence.AccessionID;
import org.biojava.nbio.core.sequence.io.ProteinSequenceCreator;
import org.flowmatch4j.core.util.AtomicFiles;
import org.biojava.nbio.core.sequence.io.template.SequenceHeaderParserInterface;
import org.biojava.nbio.core.sequence.template.Sequence;

/**
 * FASTA in and out through BioJava, with the checks BioJava does not make: BioJava's compound sets accept ambiguity
 * codes and report bad letters without a position, so every record is first checked against the canonical
 * {@link Alphabet} here, and the first problem is reported with file, record number, identifier, line and position.
 * Records with ambiguity codes are an error, or skipped when {@link Ambiguity#SKIP} is asked for.
 */
public final class Fasta {
    /** What to do with records holding non-canonical IUPAC codes. */
    public enum Ambiguity { ERROR, SKIP }

    /** Records read, and how many were skipped for ambiguity codes. */
    public record Result(List<SequenceRecord> records, int skipped) {}

    /** Largest file read (bytes): sequence sets for training are far smaller; a larger file is refused, not loaded. */
    public static final long MAX_BYTES = 512L << 20;

    private Fasta() {}

    public static List<SequenceRecord> read(Path file, Alphabet alphabet) throws IOException {
        return read(file, alphabet, Ambiguity.ERROR).records();
    }

    public static Result read(Path file, Alphabet alphabet, Ambiguity ambiguity) throws IOException {
        if (!Files.isRegularFile(file)) throw new SequenceFormatException(file + ": no such file");
        if (Files.size(file) > MAX_BYTES) throw new SequenceFormatException(file + ": larger than " + (MAX_BYTES >> 20) + " MiB");
        List<String> lines = utf8Lines(file);
        List<SequenceRecord> checked = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int skipped = 0, record = 0;
        String header = null;
        int headerLine = 0;
        StringBuilder seq = new StringBuilder();
        boolean ambiguous = false;
        for (int ln = 1; ln <= lines.size() + 1; ln++) {
            String line = ln <= lines.size() ? lines.get(ln - 1).strip() : ">";
            if (line.isEmpty() || line.startsWith(";")) continue;
            if (line.startsWith(">")) {
                if (header != null) {
                    if (seq.isEmpty()) throw error(file, record, header, headerLine, "has no sequence");
                    if (ambiguous) skipped++;
                    else checked.add(new SequenceRecord(idOf(header), header, seq.toString()));
                }
                if (ln > lines.size()) break;
                record++;
                header = line.substring(1).strip();
                headerLine = ln;
                if (header.isEmpty()) throw new SequenceFormatException(file + ": line " + ln + ": record " + record + " has an empty header");
                if (!ids.add(idOf(header))) throw error(file, record, header, headerLine, "repeats the identifier of an earlier record");
                seq.setLength(0);
                ambiguous = false;
                continue;
            }
            if (header == null) throw new SequenceFormatException(file + ": line " + ln + ": sequence before the first '>' header (not FASTA?)");
            for (int i = 0; i < line.length(); i++) {
                char c = Character.toUpperCase(line.charAt(i));
                if (Character.isWhitespace(c)) continue;
                if (alphabet.index(c) < 0) {
                    boolean iupac = alphabet.ambiguity().indexOf(c) >= 0;
                    if (!iupac || ambiguity == Ambiguity.ERROR) {
                        throw error(file, record, header, ln, String.format(Locale.ROOT, "position %d: '%s' is not in %s%s", seq.length() + 1,
                                printable(line.charAt(i)), alphabet, iupac ? " (an ambiguity code; pass --ambiguity skip to drop such records)" : ""));
                    }
                    ambiguous = true;
                }
                seq.append(c);
            }
        }
        if (record == 0) throw new SequenceFormatException(file + ": no FASTA records (no line starts with '>')");
        return new Result(viaBioJava(file, checked), skipped);
    }

    /** The file's lines; bytes that are not UTF-8 are an error naming the line and byte offset. */
    private static List<String> utf8Lines(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT).decode(in).toString();
            return text.lines().toList();
        } catch (java.nio.charset.CharacterCodingException e) {
            int at = in.position(), line = 1;
            for (int i = 0; i < at && i < bytes.length; i++) if (bytes[i] == '\n') line++;
            throw new SequenceFormatException(String.format(Locale.ROOT, "%s: line %d: not UTF-8 text (byte %d is 0x%02X)", file, line, at,
                    at < bytes.length ? bytes[at] & 0xFF : 0));
        }
    }

    /** BioJava reads the same file; its sequences must agree with the checked ones (same headers, same letters). */
    private static List<SequenceRecord> viaBioJava(Path file, List<SequenceRecord> checked) throws IOException {
        Map<String, ProteinSequence> parsed;
        try (var in = Files.newInputStream(file)) {
            // keyed by the whole header line: BioJava's generic parser cuts headers at '|', which can merge records
            SequenceHeaderParserInterface<ProteinSequence, AminoAcidCompound> wholeHeader =
                    (header, sequence) -> sequence.setAccession(new AccessionID(header.strip()));
            var reader = new FastaReader<ProteinSequence, AminoAcidCompound>(in, wholeHeader,
                    new ProteinSequenceCreator(AminoAcidCompoundSet.getAminoAcidCompoundSet()));
            parsed = reader.process();
        } catch (IOException | RuntimeException e) {
            throw new SequenceFormatException(file + ": BioJava could not read it as FASTA: " + e.getMessage(), e);
        }
        List<SequenceRecord> out = new ArrayList<>(checked.size());
        for (SequenceRecord r : checked) {
            ProteinSequence s = parsed.get(r.header());
            if (s == null || !s.getSequenceAsString().equalsIgnoreCase(r.sequence())) {
                throw new SequenceFormatException(file + ": record '" + r.id() + "' reads differently in BioJava (unsupported FASTA layout)");
            }
            out.add(r);
        }
        return out;
    }

    /** Writes records as FASTA (60 letters a line) through BioJava, to a temporary file renamed into place. */
    public static void write(Path file, List<SequenceRecord> records) throws IOException {
        List<Sequence<?>> seqs = new ArrayList<>();
        for (SequenceRecord r : records) {
            try {
                ProteinSequence s = new ProteinSequence(r.sequence(), AminoAcidCompoundSet.getAminoAcidCompoundSet());
                s.setOriginalHeader(r.header());
                s.setAccession(new AccessionID(r.header()));
                seqs.add(s);
            } catch (CompoundNotFoundException e) {
                throw new SequenceFormatException("record '" + r.id() + "' has letters BioJava cannot write: " + e.getMessage(), e);
            }
        }
        // through a hidden temporary file, synced and renamed (parent folders created): a kill leaves the old file or
        // the new one, never a part, and no stale temporary name can block the next write (SampleKillTest)
        AtomicFiles.write(file, out -> {
            try {
                FastaWriterHelper.writeSequences(out, seqs);
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(file + ": writing FASTA failed: " + e.getMessage(), e);
            }
        });
    }

    private static String idOf(String header) { return header.split("\\s+", 2)[0]; }

    private static String printable(char c) {
        return Character.isISOControl(c) || Character.isWhitespace(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    private static SequenceFormatException error(Path file, int record, String header, int line, String what) {
        return new SequenceFormatException(String.format(Locale.ROOT, "%s: record %d ('%s', line %d) %s", file, record, idOf(header), line, what));
    }

    /** Map view by identifier, in file order. */
    public static Map<String, SequenceRecord> byId(List<SequenceRecord> records) {
        Map<String, SequenceRecord> m = new LinkedHashMap<>();
        for (SequenceRecord r : records) m.put(r.id(), r);
        return m;
    }
}
