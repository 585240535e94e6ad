package org.flowmatch4j.proteins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.flowmatch4j.proteins.data.BackboneDataset;
import org.flowmatch4j.proteins.io.Backbone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackboneDatasetTest {
    @Test
    void filtersByLengthBreaksAndDuplicatesAndSaysWhy(@TempDir Path dir) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        for (String f : new String[] {"hs_1bmr.pdb", "hs_1vna.pdb", "pdb_1aki_A.pdb", "scop_d1mbaa_.pdb", "pdb_1tim_A.pdb"}) {
            Files.copy(DihedralsTest.DATA.resolve(f), src.resolve(f));
        }
        Files.copy(DihedralsTest.DATA.resolve("pdb_1aki_A.pdb"), src.resolve("zz_copy_of_1aki.pdb"));
        Files.writeString(src.resolve("broken.pdb"), "not a structure\n");
        BackboneDataset d = BackboneDataset.build(src, BackboneDataset.Options.lengths(80, 200));
        assertEquals(java.util.List.of("pdb_1aki_A.pdb", "scop_d1mbaa_.pdb"), d.chains().stream().map(Backbone::name).toList());
        String report = String.join("\n", d.skipped());
        assertTrue(report.contains("hs_1bmr.pdb H: length 67 outside [80, 200]"), report);
        assertTrue(report.contains("pdb_1tim_A.pdb A: length 247 outside [80, 200]"), report);
        assertTrue(report.contains("zz_copy_of_1aki.pdb A: same sequence as pdb_1aki_A.pdb A"), report);
        assertTrue(report.contains("broken.pdb: unreadable"), report);
        BackboneDataset strict = BackboneDataset.build(src, new BackboneDataset.Options(80, 200,
                BackboneDataset.ChainSelection.FIRST, 1.6, true, false));
        assertTrue(String.join("\n", strict.skipped()).contains("no resolution given"), String.join("\n", strict.skipped()));

        Path cache = dir.resolve("set.bin");
        d.save(cache);
        BackboneDataset back = BackboneDataset.load(cache);
        assertEquals(d.chains().size(), back.chains().size());
        for (int i = 0; i < d.chains().size(); i++) {
            Backbone a = d.chains().get(i), b = back.chains().get(i);
            assertEquals(a.sequence(), b.sequence());
            for (int r = 0; r < a.length(); r++) {
                for (int k = 0; k < 3; k++) assertEquals(a.ca()[r][k], b.ca()[r][k], 1e-4);
            }
        }
        byte[] bytes = Files.readAllBytes(cache);
        bytes[bytes.length / 2] ^= 1;
        Files.write(cache, bytes);
        assertTrue(assertThrows(java.io.IOException.class, () -> BackboneDataset.load(cache)).getMessage().contains("checksum"));
    }

    /** Break counts per data/proteins/index.tsv (counted there from Cα–Cα > 4.2 Å, independently of our C–N test). */
    @Test
    void splitsChainsAtTheirBreaksIntoUnbrokenSegments(@TempDir Path dir) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        java.util.Map<String, Integer> indexBreaks = java.util.Map.of("hs_1jaga.pdb", 1, "hs_1e3ma.pdb", 3);
        for (var e : indexBreaks.entrySet()) {
            Files.copy(DihedralsTest.DATA.resolve(e.getKey()), src.resolve(e.getKey()));
            Backbone whole = org.flowmatch4j.proteins.io.StructureReader.parse(src.resolve(e.getKey())).chains().get(0);
            java.util.List<Backbone> parts = BackboneDataset.segments(whole);
            assertEquals(e.getValue() + 1, parts.size(), e.getKey());
            int at = 0;
            for (Backbone part : parts) {
                for (int r = 0; r < part.length(); r++, at++) {
                    assertEquals(whole.sequence().charAt(at), part.sequence().charAt(r));
                    assertEquals(whole.residueNumbers()[at], part.residueNumbers()[r]);
                    for (int k = 0; k < 3; k++) assertEquals(whole.c()[at][k], part.c()[r][k], 0.0);
                    if (r + 1 < part.length()) assertTrue(part.bonded(r), e.getKey() + " inside a segment at " + r);
                }
                if (at < whole.length()) {
                    double cn = org.flowmatch4j.proteins.geometry.Vec3.dist(whole.c()[at - 1], whole.n()[at]);
                    assertTrue(cn > Backbone.MAX_PEPTIDE_BOND, e.getKey() + " cut at a bonded pair, C–N " + cn);
                }
            }
            assertEquals(whole.length(), at);
        }

        BackboneDataset.Options lengths = BackboneDataset.Options.lengths(40, 300);
        BackboneDataset whole = BackboneDataset.build(src, lengths);
        assertTrue(whole.chains().isEmpty());
        assertTrue(String.join("\n", whole.skipped()).contains("hs_1jaga.pdb A: chain break after residue 79"), whole.skipped().toString());
        BackboneDataset split = BackboneDataset.build(src, lengths.splittingBreaks());
        assertEquals(java.util.List.of(48, 43, 186), split.chains().stream().map(Backbone::length).toList());
        assertEquals(37, split.chains().get(1).residueNumbers()[0]);
        String report = String.join("\n", split.skipped());
        assertTrue(report.contains("hs_1e3ma.pdb B residues 2–12: length 11 outside [40, 300]"), report);
        assertEquals(3, split.skipped().size(), report);
    }
}
