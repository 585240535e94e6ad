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
                BackboneDataset.ChainSelection.FIRST, 1.6, true));
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
}
