package org.flowmatch4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.flowmatch4j.core.testing.AffineNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Crash safety of training (issue 9): a training process that checkpoints after every step is killed with SIGKILL
 * at random moments, restarted (it resumes from the checkpoint) and killed again; after every kill the checkpoint
 * under its final name is complete (its CRC checks) and nothing but temporary files lies beside it; finally the run
 * completes, and its weights and EMA are bit-identical to an uninterrupted run. Kills per test run:
 * {@code -Dflowmatch.killRuns} (default 5; the note reports 50).
 */
class KillNineTest {
    static final int STEPS = 4000;

    @Test
    void killedTrainingResumesToTheSameWeights(@TempDir Path dir) throws Exception {
        int kills = Integer.getInteger("flowmatch.killRuns", 5);
        Path ck = dir.resolve("model");
        SplittableRandom rnd = new SplittableRandom(17);
        int killed = 0, progressed = 0;
        long lastStep = -1;
        while (killed < kills) {
            Process p = start(ck);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
                String first = out.readLine();   // the JVM is up and the checkpoint is loaded
                assertTrue(first != null && first.startsWith("started at step"), "child said: " + first);
                Thread.sleep(rnd.nextInt(20, 400));
                if (!p.isAlive()) break;         // finished before the kill
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
            }
            killed++;
            List<Path> files;
            try (var s = Files.list(dir)) { files = s.toList(); }
            for (Path f : files)
                assertTrue(f.equals(ck) || f.getFileName().toString().endsWith(".tmp"), "unexpected file after kill: " + f);
            if (Files.exists(ck)) {
                long step = Checkpoint.load(ck).step();   // throws on a truncated or corrupt file
                if (step > lastStep) progressed++;
                lastStep = step;
            }
        }
        Process last = start(ck);
        last.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertEquals(0, last.waitFor(), "the final resumed run completes");
        assertEquals(STEPS, Checkpoint.load(ck).step());
        assertTrue(progressed >= kills / 2, "training made progress between kills: " + progressed + " of " + kills);

        Trainer straight = KillTarget.trainer(new AffineNetwork(2, 0, 1, DataType.DOUBLE), STEPS, 0);
        straight.train(null);
        Trainer resumed = KillTarget.trainer(new AffineNetwork(2, 0, 5, DataType.DOUBLE), STEPS, 0);
        resumed.resume(ck);
        assertArrayEquals(straight.emaWeights().toDoubleVector(), resumed.emaWeights().toDoubleVector(), 0.0);
        System.err.printf("kill -9: %d kills, checkpoint valid after each, %d advanced, resumed run bit-identical%n", killed, progressed);
    }

    private static Process start(Path ck) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), KillTarget.class.getName(),
                ck.toString(), Integer.toString(STEPS)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }
}
