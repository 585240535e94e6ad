package org.flowmatch4j.cli.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.flowmatch4j.cli.CliRunner;
import org.flowmatch4j.cli.FlowmatchJvm;
import org.flowmatch4j.cli.batch.registry.RunRecord;
import org.flowmatch4j.cli.batch.registry.RunRegistry;
import org.flowmatch4j.sequences.io.Alphabet;
import org.flowmatch4j.sequences.io.Fasta;
import org.flowmatch4j.sequences.io.SequenceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance run: a 3×2 sweep (sequence method × seed, plus one run that must fail) is killed with
 * kill -9 half-way, run again, and finishes with every run exactly once in the registry, every output complete,
 * the interrupted run's results equal to an uninterrupted run of the same config; then the runs commands read it.
 * The Spark engine's test (module spark) runs the same sweep.
 */
class SweepKillTest {
    @TempDir Path dir;

    static final String CONFIG = """
            name: methods
            params: {method: dirichlet, seed: 1, fasta: FASTA}
            stages:
              - seq train:
                  fasta: ${fasta}
                  alphabet: dna
                  method: ${method}
                  steps: 30
                  batch: 16
                  hidden: 16
                  depth: 1
                  seed: ${seed}
                  out: ${run}/model
              - seq sample:
                  model: ${run}/model
                  num: 24
                  steps: 8
                  seed: ${seed}
                  out: ${run}/samples.fasta
              - seq eval:
                  samples: ${run}/samples.fasta
                  reference: ${run}/model/heldout.fasta
                  alphabet: dna
                  out: ${run}/eval
            sweep:
              grid: {method: [dirichlet, discrete, linear], seed: [1, 2]}
              list: [{method: dirichlet, seed: 3, fasta: no-such.fasta}]
            """;

    @Test
    void killedSweepResumesWithEveryRunOnceAndNoLostOrDuplicatedOutput() throws Exception {
        List<SequenceRecord> recs = Fasta.read(Path.of("../data/sequences/dna/promoters_positive.fasta"), Alphabet.DNA).subList(0, 80);
        Path fasta = dir.resolve("promoters80.fasta");
        Fasta.write(fasta, recs);
        Path config = dir.resolve("sweep.yaml"), runs = dir.resolve("runs");
        Files.writeString(config, CONFIG.replace("FASTA", fasta.toString()));

        CliRunner plan = CliRunner.run("sweep", config.toString(), "--runs", runs.toString(), "--dry-run");
        assertEquals(0, plan.exit(), plan.err());
        List<String> ids = plan.out().lines().filter(l -> l.matches("[0-9a-f]{12} .*")).map(l -> l.substring(0, 12)).toList();
        assertEquals(7, ids.size(), plan.out());

        // first attempt in its own JVM, killed with SIGKILL while the third run samples
        Process sweep = FlowmatchJvm.of("sweep", config.toString(), "--runs", runs.toString()).redirectOutput(dir.resolve("first.log").toFile()).start();
        Path third = runs.resolve(ids.get(2)).resolve(".stages/2.started");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (!Files.exists(third) && sweep.isAlive() && System.nanoTime() < deadline) Thread.sleep(50);
        assertTrue(Files.exists(third) && sweep.isAlive(), "the sweep reached run 3 stage 2");
        long pid = sweep.pid();
        sweep.destroyForcibly(); // SIGKILL
        assertTrue(sweep.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, sweep.exitValue(), "killed by SIGKILL");
        Thread.sleep(1500);
        assertFalse(ProcessHandle.allProcesses().anyMatch(p -> p.info().arguments().map(a -> List.of(a).contains("-Dflowmatch.parentPid=" + pid)).orElse(false)),
                "the killed sweep's stage JVM exits with it");
        try (RunRegistry reg = RunRegistry.open(runs)) {
            Map<String, String> status = reg.list("methods").stream().collect(Collectors.toMap(RunRecord::id, RunRecord::status));
            assertEquals("done", status.get(ids.get(0)));
            assertEquals("done", status.get(ids.get(1)));
            assertEquals("running", status.get(ids.get(2)), "killed mid-run: " + status + " " + ids);
            assertFalse(status.containsKey(ids.get(3)) && status.get(ids.get(3)).equals("done"));
        }

        // second attempt finishes; the run that cannot work fails with its reason and does not stop the others
        CliRunner again = CliRunner.run("sweep", config.toString(), "--runs", runs.toString());
        assertEquals(1, again.exit(), again.out() + again.err());
        try (RunRegistry reg = RunRegistry.open(runs)) {
            List<RunRecord> all = reg.list(null);
            assertEquals(7, all.size(), "every run exactly once");
            assertEquals(ids, reg.list("methods").stream().map(RunRecord::id).toList());
            for (int i = 0; i < 6; i++) {
                RunRecord r = reg.find(ids.get(i));
                assertEquals("done", r.status(), r.id() + ": " + r.error());
                assertEquals(i == 2 ? 2 : 1, r.attempts(), r.id());
                assertEquals(24.0, r.metrics().get("samples"), r.metrics().toString());
                assertTrue(r.metrics().containsKey("uniqueness") && r.metrics().containsKey("kmer3_js"), r.metrics().toString());
                Path d = Path.of(r.runDir());
                assertEquals(24, Fasta.read(d.resolve("samples.fasta"), Alphabet.DNA).size(), "complete samples, written once");
                assertTrue(Files.exists(d.resolve("report.html")) && Files.exists(d.resolve("config.yaml")));
                try (var files = Files.walk(d)) {
                    assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList(), "no temporary files left");
                }
            }
            RunRecord bad = reg.find(ids.get(6));
            assertEquals("failed", bad.status());
            assertTrue(bad.error().contains("no-such.fasta"), bad.error());
        }
        assertTrue(Files.readString(runs.resolve("sweep-methods.html")).contains(ids.get(5) + "/report.html"));

        // the interrupted run's results equal an uninterrupted run of the same config
        Path fresh = dir.resolve("fresh");
        CliRunner one = CliRunner.run("run", config.toString(), "--runs", fresh.toString(), "--set", "method=discrete", "--set", "seed=1");
        assertEquals(0, one.exit(), one.out() + one.err());
        try (RunRegistry a = RunRegistry.open(runs); RunRegistry b = RunRegistry.open(fresh)) {
            assertEquals(ids.get(2), b.list(null).get(0).id(), "grid order: run 3 is discrete, seed 1");
            assertEquals(b.find(ids.get(2)).metrics(), a.find(ids.get(2)).metrics());
        }
        assertEquals(Files.readString(fresh.resolve(ids.get(2)).resolve("samples.fasta")), Files.readString(runs.resolve(ids.get(2)).resolve("samples.fasta")));

        // a third attempt has nothing to do
        CliRunner third3 = CliRunner.run("sweep", config.toString(), "--runs", runs.toString());
        assertEquals(1, third3.exit());
        try (RunRegistry reg = RunRegistry.open(runs)) {
            assertEquals(1, reg.find(ids.get(0)).attempts(), "done runs are skipped");
            assertEquals(2, reg.find(ids.get(6)).attempts(), "failed runs are retried (first tried by the second sweep)");
        }

        // the registry commands
        CliRunner list = CliRunner.run("runs", "list", "--runs", runs.toString(), "--status", "failed");
        assertEquals(0, list.exit(), list.err());
        assertEquals(2, list.out().strip().lines().count(), list.out());
        CliRunner show = CliRunner.run("runs", "show", ids.get(0).substring(0, 6), "--runs", runs.toString());
        assertTrue(show.out().contains("status    done") && show.out().contains("kmer3_js"), show.out());
        CliRunner compare = CliRunner.run("runs", "compare", ids.get(0), ids.get(2), ids.get(4), "--runs", runs.toString());
        assertEquals(0, compare.exit(), compare.err());
        assertTrue(compare.out().lines().anyMatch(l -> l.startsWith("method") && l.contains("dirichlet") && l.contains("discrete") && l.contains("linear")), compare.out());
        assertTrue(javax.imageio.ImageIO.read(runs.resolve("compare-1.png").toFile()).getWidth() > 100);
        Path csv = dir.resolve("runs.csv");
        assertEquals(0, CliRunner.run("runs", "export", "--runs", runs.toString(), "--csv", csv.toString()).exit());
        List<String> rows = Files.readAllLines(csv);
        assertEquals(8, rows.size());
        assertTrue(rows.get(0).startsWith("id,sweep,status,seconds,attempts,started,finished,run_dir,param.method,param.seed,param.fasta"), rows.get(0));
        assertEquals(2, CliRunner.run("runs", "export", "--runs", runs.toString(), "--csv", csv.toString()).exit(), "no silent overwrite");
        assertEquals(2, CliRunner.run("runs", "list", "--runs", dir.resolve("none").toString()).exit());

        // the Spark engine lives in module spark (SparkSweepTest); without it on the class path, a clear usage error
        CliRunner noSpark = CliRunner.run("sweep", config.toString(), "--runs", dir.resolve("spark").toString(), "--engine", "spark", "--master", "local[2]");
        assertEquals(2, noSpark.exit());
        assertTrue(noSpark.err().contains("--engine spark needs the Spark engine on the class path"), noSpark.err());
        assertEquals(2, CliRunner.run("sweep", config.toString(), "--runs", runs.toString(), "--master", "local[2]").exit(), "--master needs --engine spark");
    }
}
