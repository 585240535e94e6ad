package org.flowmatch4j.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flowmatch4j.cli.nets.MlpVelocityNetwork;
import org.flowmatch4j.cli.plot.LinePlot;
import org.flowmatch4j.core.coupling.IndependentCoupling;
import org.flowmatch4j.core.data.ToyDistribution;
import org.flowmatch4j.core.path.AffineProbPath;
import org.flowmatch4j.core.path.scheduler.CondOtScheduler;
import org.flowmatch4j.core.train.FlowBatch;
import org.flowmatch4j.core.train.Trainer;
import org.flowmatch4j.core.train.TrainerConfig;
import org.flowmatch4j.core.util.AtomicFiles;

/**
 * Resident memory over a long training run of the 3×256 MLP: VmRSS every {@code every} steps, written as
 * {@code rss.csv} (step, rss_mb) and {@code rss.png}; the summary compares the mean of the second quarter with the
 * mean of the last quarter (after warm-up), so steady growth shows as a positive {@code growth_mb}.
 */
final class RssBenchmark {
    private RssBenchmark() {}

    static Map<String, Object> run(int steps, int batch, int every, Path out) throws IOException {
        MlpVelocityNetwork net = new MlpVelocityNetwork(2, 256, 3, 0, 1);
        Trainer tr = new Trainer(net, new AffineProbPath(new CondOtScheduler()), new IndependentCoupling(),
                (b, rng) -> new FlowBatch(rng.normal(b, 2), ToyDistribution.MOONS.sample(b, rng), null),
                TrainerConfig.builder().steps(steps).batchSize(batch).seed(1).build());
        int points = steps / every + 1;
        double[][] curve = new double[points][];
        curve[0] = new double[] {0, rssMb()};
        long t0 = System.nanoTime();
        for (int s = 1, k = 1; s <= steps; s++) {
            tr.trainStep(t0);
            if (s % every == 0 && k < points) curve[k++] = new double[] {s, rssMb()};
        }
        StringBuilder csv = new StringBuilder("step,rss_mb\n");
        for (double[] p : curve) csv.append((long) p[0]).append(',').append(String.format("%.1f", p[1])).append('\n');
        Files.createDirectories(out);
        AtomicFiles.writeString(out.resolve("rss.csv"), csv.toString());
        double q2 = mean(curve, points / 4, points / 2), q4 = mean(curve, 3 * points / 4, points);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("steps", steps);
        m.put("batch", batch);
        m.put("rss_mb_start", curve[0][1]);
        m.put("rss_mb_second_quarter", q2);
        m.put("rss_mb_last_quarter", q4);
        m.put("growth_mb", q4 - q2);
        m.put("rss_mb_max", java.util.Arrays.stream(curve).mapToDouble(p -> p[1]).max().orElse(0));
        m.put("seconds", (System.nanoTime() - t0) / 1e9);
        new LinePlot(String.format("RSS over %d training steps (batch %d): quarter 2 %.0f MB, quarter 4 %.0f MB",
                steps, batch, q2, q4), "training step", "RSS (MB)")
                .write(curve, out.resolve("rss.png"));
        return m;
    }

    private static double mean(double[][] c, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += c[i][1];
        return s / Math.max(1, to - from);
    }

    /** Current resident set (VmRSS) in MB, or -1 without /proc. */
    static double rssMb() throws IOException { return CoreBenchmark.procStatusMb("VmRSS:"); }
}
