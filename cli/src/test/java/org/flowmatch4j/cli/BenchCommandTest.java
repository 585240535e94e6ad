package org.flowmatch4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchCommandTest {
    @Test
    void benchCorePrintsOneJsonObjectWithEveryFigure() {
        CliRunner r = CliRunner.run("bench", "core", "--json", "--repeats", "1");
        assertEquals(0, r.exit(), r.err());
        String json = r.out().strip();
        assertTrue(json.startsWith("{") && json.endsWith("}"), json);
        for (String key : new String[] {"train_ms_b256", "train_ms_b4096", "sample_ms_n4096", "peak_rss_mb", "threads"}) {
            assertTrue(json.matches(".*\"" + key + "\": [0-9.]+.*"), key + " in " + json);
        }
    }

    @Test
    void rssBenchWritesTheCurve(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        CliRunner r = CliRunner.run("bench", "rss", "--steps", "200", "--batch", "64", "--out", dir.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("\"growth_mb\": "), r.out());
        java.util.List<String> csv = java.nio.file.Files.readAllLines(dir.resolve("rss.csv"));
        assertEquals("step,rss_mb", csv.get(0));
        assertEquals(42, csv.size(), "header, step 0 and 40 samples");
        assertTrue(javax.imageio.ImageIO.read(dir.resolve("rss.png").toFile()) != null);
        assertEquals(2, CliRunner.run("bench", "rss", "--peer").exit());
        CliRunner rounds = CliRunner.run("bench", "core", "--peer", "--rounds", "0");
        assertEquals(2, rounds.exit());
        assertTrue(rounds.err().contains("--rounds must be > 0"), rounds.err());
    }
}
