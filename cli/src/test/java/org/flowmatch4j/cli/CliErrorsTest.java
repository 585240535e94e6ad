package org.flowmatch4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliErrorsTest {
    @TempDir Path dir;

    private static void assertUsageError(CliRunner r, String fragment) {
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().strip().startsWith("flowmatch: "), "[" + r.err() + "]");
        assertTrue(r.err().contains(fragment), r.err());
    }

    @Test
    void usageErrorsExitTwoWithOneLine() {
        assertUsageError(CliRunner.run("toy", "--bogus", "--out", dir.toString()), "Unknown option: '--bogus'");
        assertUsageError(CliRunner.run("toy", "--source", "circles", "--out", dir.toString()),
                "unknown toy distribution 'circles', expected gaussian, 8gaussians or moons");
        assertUsageError(CliRunner.run("toy", "--steps", "0", "--out", dir.toString()), "--steps must be > 0, got 0");
        assertUsageError(CliRunner.run("toy", "--coupling", "magic", "--out", dir.toString()), "--coupling");
        assertUsageError(CliRunner.run("toy"), "Missing required option: '--out=<out>'");
        assertUsageError(CliRunner.run("toy", "--resume", "--out", dir.resolve("none").toString()), "no model to resume");
        assertUsageError(CliRunner.run("bench", "gpu"), "Invalid value for positional parameter");
        assertUsageError(CliRunner.run(), "missing command");
    }

    @Test
    void aCorruptCheckpointIsARuntimeErrorWithoutStackTrace() throws Exception {
        Files.writeString(dir.resolve("model"), "not a checkpoint");
        CliRunner r = CliRunner.run("toy", "--resume", "--steps", "5", "--out", dir.toString());
        assertEquals(1, r.exit(), r.err());
        assertEquals("flowmatch: error: " + dir.resolve("model") + ": not a FlowMatch4j checkpoint (missing FM4JCKPT header)",
                r.err().strip());
        assertFalse(Files.exists(dir.resolve("samples.csv")), "no partial output");
    }
}
