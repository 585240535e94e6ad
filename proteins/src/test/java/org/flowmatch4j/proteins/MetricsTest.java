package org.flowmatch4j.proteins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.flowmatch4j.proteins.io.Backbone;
import org.flowmatch4j.proteins.io.StructureReader;
import org.flowmatch4j.proteins.metrics.BackboneMetrics;
import org.flowmatch4j.proteins.metrics.ScaffoldMetrics;
import org.flowmatch4j.proteins.metrics.SecondaryStructure;
import org.junit.jupiter.api.Test;

class MetricsTest {
    /** n Cα atoms on a line, spaced a: Rg = a·sqrt((n² - 1)/12); N and C placed so every residue is bonded. */
    private static Backbone line(int len, double a) {
        double[][] n = new double[len][], ca = new double[len][], c = new double[len][], o = new double[len][];
        for (int i = 0; i < len; i++) {
            ca[i] = new double[] {i * a, 0, 0};
            n[i] = new double[] {i * a - 1.2, 0.5, 0};
            c[i] = new double[] {i * a + 1.2, 0.5, 0};
        }
        return new Backbone("line", "A", "A".repeat(len), new int[len], n, ca, c, o);
    }

    @Test
    void closedFormsOnAStraightChain() {
        BackboneMetrics m = BackboneMetrics.of(line(50, 3.8));
        assertEquals(0, m.caCaDeviation(), 1e-12);
        assertEquals(1, m.caCaValid(), 1e-12);
        assertEquals(1, m.caCaValidFrameFlow(), 1e-12);
        assertEquals(0, m.clashes());
        assertEquals(0, m.strictClashes());
        assertEquals(3.8 * Math.sqrt((50 * 50 - 1) / 12.0), m.radiusOfGyration(), 1e-9);
        BackboneMetrics stretched = BackboneMetrics.of(line(10, 3.95));
        assertEquals(0, stretched.caCaValid(), 1e-12);
        assertEquals(0, stretched.caCaValidFrameFlow(), 1e-12);       // FrameFlow's count is one-sided: d < 3.9 Å
        BackboneMetrics squashed = BackboneMetrics.of(line(10, 0.9));
        assertEquals(0, squashed.caCaValid(), 1e-12);
        assertEquals(1, squashed.caCaValidFrameFlow(), 1e-12);
        assertEquals(9, squashed.clashes());          // 0.9·|i-j| < 1.0: neighbours only
        assertEquals(7, squashed.strictClashes());    // |i-j| ≥ 3 and 0.9·|i-j| < 3.0: |i-j| = 3 only
    }

    @Test
    void realStructuresAreValidAndClashFree() throws Exception {
        for (String f : List.of("pdb_1aki_A.pdb", "scop_d1mbaa_.pdb", "hs_1e79h.pdb")) {
            BackboneMetrics m = BackboneMetrics.of(StructureReader.read(DihedralsTest.DATA.resolve(f)).get(0));
            assertTrue(m.caCaValid() > 0.95, f + " " + m);
            assertEquals(0, m.strictClashes(), f + " " + m);
            assertEquals(2.2 * Math.pow(m.length(), 0.38), m.radiusOfGyration(), 4.0, f + " Rg " + m);
        }
    }

    /** Junctions and motif–scaffold clashes on a straight chain (closed form) and on a real protein. */
    @Test
    void scaffoldJunctionsAndMotifClashes() throws Exception {
        boolean[] motif = new boolean[20];
        for (int i = 5; i < 10; i++) motif[i] = true;                  // junctions (4, 5) and (9, 10)
        for (int i = 14; i < 16; i++) motif[i] = true;                 // and (13, 14), (15, 16)
        double[][] ca = line(20, 3.8).ca();
        ScaffoldMetrics straight = ScaffoldMetrics.of(ca, motif);
        assertEquals(4, straight.junctions());
        assertEquals(0, straight.junctionDeviation(), 1e-12);
        assertEquals(1, straight.junctionValid(), 1e-12);
        assertEquals(0, straight.motifClashes());
        ca[10] = new double[] {ca[10][0] + 0.5, 0, 0};                  // one junction 4.3 Å (the other side 3.3 Å: scaffold–scaffold)
        ca[2] = ca[7].clone();                                           // scaffold residue 2 on motif residue 7
        ScaffoldMetrics broken = ScaffoldMetrics.of(ca, motif);
        assertEquals(0.5 / 4, broken.junctionDeviation(), 1e-9);
        assertEquals(0.75, broken.junctionValid(), 1e-12);
        assertEquals(1, broken.motifClashes());                          // (2, 7) only: motif 5, 6, 8, 9 are 7.6 / 3.8 / 3.8 / 7.6 Å from it
        double[][] real = StructureReader.read(DihedralsTest.DATA.resolve("pdb_1aki_A.pdb")).get(0).ca();
        boolean[] helix = new boolean[real.length];
        for (int i = 24; i < 36; i++) helix[i] = true;
        ScaffoldMetrics m = ScaffoldMetrics.of(real, helix);
        assertEquals(2, m.junctions());
        assertEquals(1, m.junctionValid(), 1e-12);
        assertEquals(0, m.motifClashes());
    }

    /** Against the DSSP fractions in data/proteins/index.tsv (computed with the DSSP program when the set was built). */
    @Test
    void dsspFractionsMatchTheIndex() throws Exception {
        List<String> rows = Files.readAllLines(DihedralsTest.DATA.resolve("index.tsv"));
        List<String> header = List.of(rows.get(0).split("\t"));
        int file = header.indexOf("file"), helix = header.indexOf("dssp_helix_frac"), strand = header.indexOf("dssp_strand_frac");
        int checked = 0, close = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] r = row.split("\t");
            SecondaryStructure ss = SecondaryStructure.of(StructureReader.read(DihedralsTest.DATA.resolve(r[file])).get(0));
            checked++;
            if (Math.abs(ss.helix() - Double.parseDouble(r[helix])) < 0.05 && Math.abs(ss.strand() - Double.parseDouble(r[strand])) < 0.05) close++;
            else System.out.printf("%s: helix %.3f vs %s, strand %.3f vs %s%n", r[file], ss.helix(), r[helix], ss.strand(), r[strand]);
        }
        assertEquals(53, checked);
        assertTrue(close >= 50, close + " of 53 within 0.05");
    }
}
