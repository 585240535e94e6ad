package org.flowmatch4j.proteins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowmatch4j.proteins.align.TmAlign;
import org.flowmatch4j.proteins.io.StructureReader;
import org.junit.jupiter.api.Test;

/**
 * Against the TM-align program (Debian tm-align 20190822): reference TM-scores of 26 pairs of shipped structures
 * (21 homologous pairs, 5 unrelated) stored in tmalign-reference.tsv, made with {@code TMalign a.pdb b.pdb}. Every
 * homologous pair (TM &gt; 0.5) must agree within 0.02; unrelated pairs (TM ≈ 0.2-0.35) have several alignments of
 * similar score and either search may find a better one, so only the count within 0.02 is held for them.
 */
class TmAlignTest {
    static double[][] ca(String file) throws Exception {
        return StructureReader.read(DihedralsTest.DATA.resolve(file)).get(0).ca();
    }

    @Test
    void agreesWithTheTmAlignProgram() throws Exception {
        List<String> rows = Files.readAllLines(Path.of("src/test/resources/tmalign-reference.tsv"));
        double worstHomologous = 0;
        int within = 0, pairs = 0;
        StringBuilder report = new StringBuilder();
        for (String row : rows.subList(1, rows.size())) {
            String[] r = row.split("\t");
            TmAlign.Result res = TmAlign.align(ca(r[0]), ca(r[1]));
            double da = Math.abs(res.tmA() - Double.parseDouble(r[2])), db = Math.abs(res.tmB() - Double.parseDouble(r[3]));
            double ref = Math.max(Double.parseDouble(r[2]), Double.parseDouble(r[3]));
            if (ref > 0.5) worstHomologous = Math.max(worstHomologous, Math.max(da, db));
            if (Math.max(da, db) <= 0.02) within++;
            pairs++;
            report.append(String.format("%s %s: ours %.4f/%.4f ref %s/%s (aligned %d vs %s)%n", r[0], r[1], res.tmA(), res.tmB(),
                    r[2], r[3], res.alignedLength(), r[5]));
        }
        System.out.print(report);
        assertTrue(worstHomologous <= 0.02, "largest TM-score difference on homologous pairs " + worstHomologous + "\n" + report);
        assertTrue(within >= 22, within + " of " + pairs + " pairs within 0.02\n" + report);
    }

    @Test
    void aStructureAlignsToItselfPerfectly() throws Exception {
        double[][] x = ca("pdb_1aki_A.pdb");
        TmAlign.Result r = TmAlign.align(x, x);
        assertEquals(1.0, r.tmA(), 1e-9);
        assertEquals(0.0, r.rmsd(), 1e-6);
        assertEquals(x.length, r.alignedLength());
    }
}
