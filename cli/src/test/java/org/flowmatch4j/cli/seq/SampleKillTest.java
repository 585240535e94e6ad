package org.flowmatch4j.cli.seq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.flowmatch4j.cli.CliRunner;
import org.flowmatch4j.cli.FlowmatchJvm;
import org.flowmatch4j.sequences.io.Alphabet;
import org.flowmatch4j.sequences.io.Fasta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of sampling (issue 9): {@code seq sample} is killed with SIGKILL at random moments, again and again;
 * after every kill the output either does not exist or is the complete, correct file (byte-equal to an uninterrupted
 * run with the same seed) and nothing but hidden temporary files lies beside it; a last run completes. Kills per test
 * run: {@code -Dflowmatch.killRuns} (default 5; the note reports 50).
 */
class SampleKillTest {
    @TempDir Path dir;

    @Test
    void killedSamplingNeverLeavesAPartialFile() throws Exception {
        int kills = Integer.getInteger("flowmatch.killRuns", 5);
        Path fasta = dir.resolve("p.fasta"), model = dir.resolve("model"), ref = dir.resolve("ref.fasta"), out = dir.resolve("out").resolve("s.fasta");
        Fasta.write(fasta, Fasta.read(Path.of("../data/sequences/dna/promoters_positive.fasta"), Alphabet.DNA).subList(0, 80));
        CliRunner t = CliRunner.run("seq", "train", "--fasta", fasta.toString(), "--alphabet", "dna", "--steps", "20", "--batch", "16",
                "--hidden", "16", "--depth", "1", "--out", model.toString());
        assertEquals(0, t.exit(), t.err());
        String[] sample = {"seq", "sample", "--model", model.toString(), "--num", "3000", "--steps", "30", "--seed", "4"};
        Process whole = FlowmatchJvm.of(concat(sample, "--out", ref.toString())).start();
        long t0 = System.nanoTime();
        whole.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertEquals(0, whole.waitFor());
        long fullMs = (System.nanoTime() - t0) / 1_000_000;
        byte[] expected = Files.readAllBytes(ref);
        assertEquals(3000, Fasta.read(ref, Alphabet.DNA).size());

        SplittableRandom rnd = new SplittableRandom(23);
        int complete = 0, interrupted = 0;
        for (int k = 0; k < kills; k++) {
            Process p = FlowmatchJvm.of(concat(sample, "--out", out.toString(), "--overwrite")).redirectOutput(dir.resolve("log.txt").toFile()).start();
            Thread.sleep(rnd.nextLong(fullMs / 4, fullMs * 9 / 10));   // mostly while it samples or writes; now and then after
            if (p.isAlive()) interrupted++;
            else assertEquals(0, p.exitValue(), "kill " + k + ": the run finished before its kill, and must have succeeded: " + Files.readString(dir.resolve("log.txt")));
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            if (Files.exists(out)) {
                assertArrayEquals(expected, Files.readAllBytes(out), "kill " + k + ": a file under the final name is the whole, correct output");
                complete++;
            }
            if (Files.isDirectory(out.getParent())) {
                try (var s = Files.list(out.getParent())) {
                    for (Path f : s.toList()) {
                        String n = f.getFileName().toString();
                        assertTrue(f.equals(out) || (n.startsWith(".") && n.endsWith(".tmp")) || n.equals(".flowmatch-output"), "kill " + k + ": left " + f);
                    }
                }
            }
        }
        Process last = FlowmatchJvm.of(concat(sample, "--out", out.toString(), "--overwrite")).start();
        String said = new String(last.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, last.waitFor(), said);
        assertArrayEquals(expected, Files.readAllBytes(out), "the run after the kills writes the same samples");
        assertTrue(interrupted >= kills / 2, "most kills land while sampling runs: " + interrupted + " of " + kills);
        System.err.printf("SampleKillTest: %d kills (%d while running), %d found the complete file, none a partial one (full run %d ms)%n",
                kills, interrupted, complete, fullMs);
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
