package org.flowmatch4j.proteins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.proteins.io.Backbone;
import org.flowmatch4j.proteins.task.Contig;
import org.flowmatch4j.proteins.task.MotifProblem;
import org.junit.jupiter.api.Test;

class MotifProblemTest {
    @Test
    void parsesContigsAndSamplesLengthsInRange() {
        Contig c = Contig.parse("[5-15/A10-25/30-40]");
        assertEquals("5-15/A10-25/30-40", c.toString());
        assertEquals(16, c.motifLength());
        Rng rng = new Rng(1);
        for (int k = 0; k < 200; k++) {
            int[] len = c.sampleLengths(60, 65, rng);
            int total = len[0] + len[1] + len[2];
            assertTrue(total >= 60 && total <= 65 && len[0] >= 5 && len[0] <= 15 && len[1] == 16 && len[2] >= 30 && len[2] <= 40);
        }
        assertThrows(IllegalArgumentException.class, () -> c.sampleLengths(100, 120, rng));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Contig.parse("5-15/X/30")).getMessage().contains("'X'"));
        assertThrows(IllegalArgumentException.class, () -> Contig.parse("5-15/30-40"));
    }

    @Test
    void readsEveryBenchmarkProblemWithAllMotifResidues() throws Exception {
        List<Path> files;
        try (var s = Files.walk(DihedralsTest.DATA.resolve("motifs"))) {
            files = s.filter(p -> p.toString().endsWith(".pdb")).sorted().toList();
        }
        assertEquals(30, files.size());
        for (Path f : files) {
            MotifProblem p = MotifProblem.read(f);
            int residues = p.motifs().stream().mapToInt(Backbone::length).sum();
            assertEquals(p.contig().motifLength(), residues, f.toString());
            assertTrue(p.contig().motifLength() <= p.minLength(), f + ": motif longer than the design");
            int[] len = p.contig().sampleLengths(p.minLength(), p.maxLength(), new Rng(3));
            int total = java.util.Arrays.stream(len).sum();
            assertTrue(total >= p.minLength() && total <= p.maxLength(), f.toString());
        }
        MotifProblem bcf = MotifProblem.read(DihedralsTest.DATA.resolve("motifs/design25/1bcf.pdb"));
        assertEquals("8-15/A92-99/16-30/A123-130/16-30/A47-54/16-30/A18-25/8-15", bcf.contig().toString());
        assertEquals(96, bcf.minLength());
        assertEquals(152, bcf.maxLength());
    }
}
