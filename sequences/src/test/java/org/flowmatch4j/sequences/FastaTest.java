package org.flowmatch4j.sequences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowmatch4j.sequences.io.Alphabet;
import org.flowmatch4j.sequences.io.Fasta;
import org.flowmatch4j.sequences.io.SequenceFormatException;
import org.flowmatch4j.sequences.io.SequenceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped promoter set reads whole; each kind of malformed FASTA gets one message naming record, line and position. */
class FastaTest {
    static final Path DNA = Path.of("../data/sequences/dna");

    @Test
    void readsThePromoterSetAndRoundTripsThroughBioJava(@TempDir Path dir) throws Exception {
        List<SequenceRecord> pos = Fasta.read(DNA.resolve("promoters_positive.fasta"), Alphabet.DNA);
        assertEquals(2860, pos.size());
        for (SequenceRecord r : pos) assertEquals(81, r.length());
        assertEquals("pos_0001", pos.get(0).id());
        assertTrue(pos.get(0).sequence().startsWith("CAACCAGCAAGAGAACATC"));
        Path out = dir.resolve("copy.fasta");
        Fasta.write(out, pos.subList(0, 50));
        List<SequenceRecord> back = Fasta.read(out, Alphabet.DNA);
        assertEquals(pos.subList(0, 50), back);
    }

    @Test
    void malformedFilesGetOneClearMessageEach(@TempDir Path dir) throws Exception {
        assertMessage(dir, ">a\nACGT\n>b first\nACGTAC\nGGXA\n", Alphabet.DNA, "record 2 ('b', line 5) position 9: 'X' is not in the DNA alphabet ACGT");
        assertMessage(dir, ">a\nACGT\n>b\n>c\nAC\n", Alphabet.DNA, "record 2 ('b', line 3) has no sequence");
        assertMessage(dir, "ACGT\n>a\nAC\n", Alphabet.DNA, "line 1: sequence before the first '>' header");
        assertMessage(dir, ">a\nACGN\n", Alphabet.DNA, "'N' is not in the DNA alphabet ACGT (an ambiguity code");
        assertMessage(dir, ">a\nAC\n>a again\nGT\n", Alphabet.DNA, "record 2 ('a', line 3) repeats the identifier");
        assertMessage(dir, "", Alphabet.DNA, "no FASTA records");
        assertMessage(dir, ">p\nMKV1L\n", Alphabet.PROTEIN, "position 4: '1' is not in the PROTEIN alphabet");
    }

    @Test
    void ambiguityCodesAreSkippedOnlyWhenAsked(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("amb.fasta"), ">a\nACGT\n>b\nACNT\n>c\nacgu\n".replace('u', 't'));
        Fasta.Result r = Fasta.read(f, Alphabet.DNA, Fasta.Ambiguity.SKIP);
        assertEquals(1, r.skipped());
        assertEquals(List.of("ACGT", "ACGT"), r.records().stream().map(SequenceRecord::sequence).toList());
    }

    @Test
    void bytesThatAreNotUtf8AreAnErrorNamingLineAndByte(@TempDir Path dir) throws Exception {
        // found by FastaFuzzTest: the reader used to let Java's MalformedInputException ("Input length = 1") escape
        Path f = Files.write(dir.resolve("latin1.fasta"), new byte[] {'>', 'a', '\n', 'A', 'C', '\n', '>', 'b', (byte) 0xE9, '\n', 'G', '\n'});
        SequenceFormatException e = assertThrows(SequenceFormatException.class, () -> Fasta.read(f, Alphabet.DNA));
        assertEquals(f + ": line 3: not UTF-8 text (byte 8 is 0xE9)", e.getMessage());
    }

    private static void assertMessage(Path dir, String content, Alphabet a, String expected) throws Exception {
        Path f = Files.writeString(dir.resolve("bad.fasta"), content);
        SequenceFormatException e = assertThrows(SequenceFormatException.class, () -> Fasta.read(f, a));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().startsWith(f.toString()), "names the file: " + e.getMessage());
    }
}
