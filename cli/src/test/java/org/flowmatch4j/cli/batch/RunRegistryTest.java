package org.flowmatch4j.cli.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowmatch4j.cli.batch.exec.RunOutputs;
import org.flowmatch4j.cli.batch.registry.RunRecord;
import org.flowmatch4j.cli.batch.registry.RunRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite run registry and the collection of a run's metrics and files. */
class RunRegistryTest {
    @TempDir Path dir;

    @Test
    void rowsSurviveReopeningAndAttemptsCount() throws Exception {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("w2", 0.125);
        metrics.put("big", 1.0e10); // written 1.0E10: read back as a number all the same
        metrics.put("nan", Double.NaN);
        try (RunRegistry reg = RunRegistry.open(dir)) {
            reg.started("aaaa11112222", "s", Map.of("seed", 1), "cfg", dir.resolve("aaaa11112222"), "v", "b", "h");
            reg.started("aaaa33334444", "s", Map.of("seed", 2), "cfg", dir.resolve("aaaa33334444"), "v", "b", "h");
            reg.addToSweep("s", "aaaa33334444", 0);
            reg.addToSweep("s", "aaaa11112222", 1);
            reg.finished("aaaa11112222", true, 3.5, metrics, List.of("a.csv", "eval/summary.json"), null);
            reg.started("aaaa33334444", "s", Map.of("seed", 2), "cfg", dir.resolve("aaaa33334444"), "v", "b", "h");
            reg.finished("aaaa33334444", false, 1.0, Map.of(), List.of(), "stage 1 (toy) exited with 2: flowmatch: bad");
        }
        try (RunRegistry reg = RunRegistry.open(dir)) {
            RunRecord a = reg.find("aaaa1");
            assertEquals("done", a.status());
            assertEquals(1, a.attempts());
            assertEquals(0.125, a.metrics().get("w2"));
            assertEquals(1.0e10, a.metrics().get("big"));
            assertTrue(Double.isNaN(a.metrics().get("nan")));
            assertEquals(List.of("a.csv", "eval/summary.json"), a.artifacts());
            assertEquals(Map.of("seed", "1"), a.params());
            RunRecord b = reg.find("aaaa3");
            assertEquals("failed", b.status());
            assertEquals(2, b.attempts());
            assertTrue(b.error().contains("flowmatch: bad"));
            assertEquals(List.of("aaaa33334444", "aaaa11112222"), reg.list("s").stream().map(RunRecord::id).toList(), "sweep order");
            assertEquals(2, reg.list(null).size());
            assertEquals(List.of("s"), reg.sweeps());
            assertTrue(assertThrows(IllegalArgumentException.class, () -> reg.find("aaaa")).getMessage().contains("ambiguous"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> reg.find("ffff")).getMessage().contains("no run with id ffff"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> reg.find("x'; DROP")).getMessage().contains("must be hex digits"));
        }
    }

    @Test
    void metricsComeFromSummaryFilesAndSharedNamesArePrefixed() throws Exception {
        Files.createDirectories(dir.resolve("eval"));
        Files.createDirectories(dir.resolve("train"));
        Files.createDirectories(dir.resolve(".stages"));
        Files.writeString(dir.resolve("eval/summary.json"), "{\"uniqueness\": 0.99, \"n\": 10, \"name\": \"x\", \"nested\": {\"a\": 1.5}}");
        Files.writeString(dir.resolve("train/metrics.json"), "{\"n\": 20, \"loss\": 1.0E-4}");
        Files.writeString(dir.resolve("notes.json"), "{\"ignored\": 1}");
        Files.writeString(dir.resolve("eval/.summary.json.123.tmp"), "{\"partial");
        Files.writeString(dir.resolve(".stages/1.done"), "");
        Map<String, Double> m = RunOutputs.metrics(dir);
        assertEquals(Map.of("uniqueness", 0.99, "eval/n", 10.0, "nested.a", 1.5, "train/n", 20.0, "loss", 1.0e-4), m);
        assertEquals(List.of("eval/summary.json", "notes.json", "train/metrics.json"), RunOutputs.files(dir).stream().map(Path::toString).toList(),
                "hidden markers and temporary files are not outputs");
    }
}
