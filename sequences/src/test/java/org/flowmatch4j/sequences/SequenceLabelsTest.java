package org.flowmatch4j.sequences;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowmatch4j.sequences.data.SequenceData;
import org.flowmatch4j.sequences.io.Alphabet;
import org.flowmatch4j.sequences.io.Fasta;
import org.flowmatch4j.sequences.io.SequenceFormatException;
import org.flowmatch4j.sequences.io.SequenceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Class labels from a side file and from FASTA headers give the same data; a missing label names its record. */
class SequenceLabelsTest {
    @Test
    void headerLabelsMatchTheSideFile(@TempDir Path dir) throws Exception {
        Path fasta = Files.writeString(dir.resolve("p.fasta"),
                ">p1 class=AMP source=apd\nGLWSKIK\n>p2 source=x|class=nonAMP\nKKLLKKA\n>p3 class=AMP;len=7\nAAKKLLG\n");
        Path tsv = Files.writeString(dir.resolve("labels.tsv"), "id\tlabel\np1\tAMP\np2\tnonAMP\np3\tAMP\n");
        List<SequenceRecord> records = Fasta.read(fasta, Alphabet.PROTEIN);
        SequenceData fromHeaders = SequenceData.of(Alphabet.PROTEIN, records, "header:class", "label");
        SequenceData fromFile = SequenceData.of(Alphabet.PROTEIN, records, tsv.toString(), "label");
        assertEquals(List.of("AMP", "nonAMP"), fromHeaders.classNames());
        assertEquals(fromFile.classNames(), fromHeaders.classNames());
        assertArrayEquals(fromFile.classes(), fromHeaders.classes());
        assertArrayEquals(new int[] {0, 1, 0}, fromHeaders.classes());
        SequenceFormatException e = assertThrows(SequenceFormatException.class,
                () -> SequenceData.of(Alphabet.PROTEIN, records, "header:kind", "label"));
        assertTrue(e.getMessage().contains("record 1 ('p1'): no 'kind=' field in its header 'p1 class=AMP source=apd'"), e.getMessage());
        // "class=" must be a whole field: "subclass=…" does not count
        List<SequenceRecord> sub = List.of(new SequenceRecord("q", "q subclass=AMP", "GLW"));
        assertThrows(SequenceFormatException.class, () -> SequenceData.of(Alphabet.PROTEIN, sub, "header:class", "label"));
    }
}
