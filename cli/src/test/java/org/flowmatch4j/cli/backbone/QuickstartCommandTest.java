package org.flowmatch4j.cli.backbone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowmatch4j.cli.sphere.SphereCommandTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quickstart samples from the shipped model, may replace its own output, and never a user's. */
class QuickstartCommandTest {
    @Test
    void samplesBackbonesFromTheShippedModel(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("qs");
        String[] r = SphereCommandTest.run("quickstart", "--out", out.toString(), "--num", "1", "--steps", "3");
        assertEquals("0", r[0], r[1]);
        assertTrue(r[1].contains("Cα-Cα distances within 3.8 ± 0.1 Å"), r[1]);
        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(1 + QuickstartCommand.LENGTHS.length, csv.size());
        var b = org.flowmatch4j.proteins.io.StructureReader.read(out.resolve("len120_0.pdb")).get(0);
        assertEquals(120, b.length());
        assertEquals("0", SphereCommandTest.run("quickstart", "--out", out.toString(), "--num", "1", "--steps", "2")[0], "own output is replaced");

        Path user = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(user.resolve("len60_0.pdb"), "my structure\n");
        String[] refused = SphereCommandTest.run("quickstart", "--out", user.toString(), "--num", "1", "--steps", "2");
        assertEquals("2", refused[0]);
        assertEquals("my structure\n", Files.readString(user.resolve("len60_0.pdb")));
    }
}
