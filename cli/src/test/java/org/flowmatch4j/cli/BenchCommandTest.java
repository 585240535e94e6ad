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
}
