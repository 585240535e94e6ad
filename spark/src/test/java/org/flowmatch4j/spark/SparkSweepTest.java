package org.flowmatch4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowmatch4j.cli.Main;
import org.flowmatch4j.cli.batch.exec.TaskEngine;
import org.flowmatch4j.cli.batch.registry.RunRecord;
import org.flowmatch4j.cli.batch.registry.RunRegistry;
import org.flowmatch4j.sequences.io.Alphabet;
import org.flowmatch4j.sequences.io.Fasta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check: the 3×2 sweep (sequence method × seed, plus a run that must fail) under {@code --engine spark
 * --master local[2]} gives the same registry rows as {@code --engine local}: ids, status, parameters, resolved config,
 * metrics (equal seeds, equal numbers) and output files; only backend and host say where a run ran.
 */
class SparkSweepTest {
    @TempDir Path dir;

    /** Same stages and sweep as the CLI's kill test, on 80 promoters. */
    static final String CONFIG = """
            name: methods
            params: {method: dirichlet, seed: 1, fasta: FASTA}
            stages:
              - seq train: {fasta: '${fasta}', alphabet: dna, method: '${method}', steps: 30, batch: 16, hidden: 16, depth: 1, seed: '${seed}', out: '${run}/model'}
              - seq sample: {model: '${run}/model', num: 24, steps: 8, seed: '${seed}', out: '${run}/samples.fasta'}
              - seq eval: {samples: '${run}/samples.fasta', reference: '${run}/model/heldout.fasta', alphabet: dna, out: '${run}/eval'}
            sweep:
              grid: {method: [dirichlet, discrete, linear], seed: [1, 2]}
              list: [{method: dirichlet, seed: 3, fasta: no-such.fasta}]
            """;

    private static int flowmatch(String... args) {
        PrintStream old = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            return Main.commandLine().execute(args);
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void sparkSweepGivesTheLocalSweepsRegistryRows() throws Exception {
        assertEquals("spark", TaskEngine.named("spark").orElseThrow().name(), "found through ServiceLoader");
        Path fasta = dir.resolve("promoters80.fasta");
        Fasta.write(fasta, Fasta.read(Path.of("../data/sequences/dna/promoters_positive.fasta"), Alphabet.DNA).subList(0, 80));
        Path config = dir.resolve("sweep.yaml"), local = dir.resolve("local"), spark = dir.resolve("spark");
        Files.writeString(config, CONFIG.replace("FASTA", fasta.toString()));

        assertEquals(1, flowmatch("sweep", config.toString(), "--runs", local.toString()), "one run fails on purpose");
        assertEquals(1, flowmatch("sweep", config.toString(), "--runs", spark.toString(), "--engine", "spark", "--master", "local[2]"));
        try (RunRegistry a = RunRegistry.open(local); RunRegistry b = RunRegistry.open(spark)) {
            List<RunRecord> ra = a.list("methods"), rb = b.list("methods");
            assertEquals(7, rb.size());
            assertEquals(ra.stream().map(RunRecord::id).toList(), rb.stream().map(RunRecord::id).toList());
            for (int i = 0; i < ra.size(); i++) {
                RunRecord x = ra.get(i), y = rb.get(i);
                assertEquals(i < 6 ? "done" : "failed", y.status(), y.id() + ": " + y.error());
                assertEquals(x.params(), y.params());
                assertEquals(x.config(), y.config());
                assertEquals(x.metrics(), y.metrics(), "equal metrics for equal seeds: " + y.id());
                assertEquals(x.artifacts(), y.artifacts());
                assertEquals(x.attempts(), y.attempts());
                assertEquals(x.error() == null ? null : x.error().replace(local.toString(), ""), y.error() == null ? null : y.error().replace(spark.toString(), ""));
                assertTrue(y.backend().startsWith("nd4j-native cpu"), "the executor's backend: " + y.backend());
            }
        }
        // done runs are skipped by the driver: nothing runs again
        assertEquals(1, flowmatch("sweep", config.toString(), "--runs", spark.toString(), "--engine", "spark", "--master", "local[2]"));
        try (RunRegistry b = RunRegistry.open(spark)) {
            assertEquals(List.of(1, 1, 1, 1, 1, 1, 2), b.list("methods").stream().map(RunRecord::attempts).toList());
        }
    }
}
