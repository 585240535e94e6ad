package org.flowmatch4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowmatch4j.core.coupling.ExactOtCoupling;
import org.flowmatch4j.core.coupling.IndependentCoupling;
import org.flowmatch4j.core.path.AffineProbPath;
import org.flowmatch4j.core.path.scheduler.CondOtScheduler;
import org.flowmatch4j.core.reflow.Reflow;
import org.flowmatch4j.core.testing.AffineNetwork;
import org.flowmatch4j.core.util.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TrainerTest {
    @TempDir Path dir;

    private static final FlowBatchSource SHIFTED = (b, rng) -> {
        INDArray x0 = rng.normal(b, 2).castTo(DataType.DOUBLE);
        return new FlowBatch(x0, rng.normal(b, 2).castTo(DataType.DOUBLE).addi(3), null);
    };

    private Trainer trainer(AffineNetwork net, TrainerConfig cfg) {
        return new Trainer(net, new AffineProbPath(new CondOtScheduler()), new ExactOtCoupling(), SHIFTED, cfg);
    }

    @Test
    void learnsAConstantVelocityExactly() {
        // Pairs (x0, x0 + μ): the CFM target is u = μ everywhere, which the affine network can represent exactly.
        Rng rng = new Rng(1);
        INDArray x0 = rng.normal(512, 2).castTo(DataType.DOUBLE);
        INDArray x1 = x0.add(Nd4j.createFromArray(2.0, -1.0).reshape(1, 2));
        AffineNetwork net = new AffineNetwork(2, 0, 3, DataType.DOUBLE);
        TrainerConfig cfg = TrainerConfig.builder().steps(1500).batchSize(64).learningRate(0.02)
                .schedule(LrSchedule.warmupCosine(50, 0.01)).seed(4).build();
        Trainer tr = new Trainer(net, new AffineProbPath(new CondOtScheduler()), new IndependentCoupling(),
                new Reflow.PairedData(x0, x1), cfg);
        double last = Double.NaN;
        for (int i = 0; i < 1500; i++) last = tr.trainStep(System.nanoTime()).loss();
        assertTrue(last < 1e-3, "final loss " + last);
        INDArray v = net.forward(rng.normal(100, 2).castTo(DataType.DOUBLE), rng.uniform(100).castTo(DataType.DOUBLE), null);
        INDArray err = v.subRowVector(Nd4j.createFromArray(2.0, -1.0).reshape(1, 2));
        assertTrue(err.amaxNumber().doubleValue() < 0.1, "max velocity error " + err.amaxNumber());
    }

    @Test
    void resumeIsBitIdentical() throws Exception {
        TrainerConfig cfg = TrainerConfig.builder().steps(30).batchSize(32).emaDecay(0.9).gradClipNorm(1.0).seed(7).build();
        AffineNetwork straight = new AffineNetwork(2, 0, 1, DataType.DOUBLE);
        Trainer a = trainer(straight, cfg);
        a.train(null);

        AffineNetwork first = new AffineNetwork(2, 0, 1, DataType.DOUBLE);
        Trainer b = trainer(first, cfg.toBuilder().steps(30).build());
        for (int i = 0; i < 15; i++) b.trainStep(System.nanoTime());
        Path ck = dir.resolve("model");
        b.save(ck);
        AffineNetwork second = new AffineNetwork(2, 0, 99, DataType.DOUBLE);   // different init, overwritten by resume
        Trainer c = trainer(second, cfg);
        c.resume(ck);
        assertEquals(15, c.step());
        c.train(null);
        assertArrayEquals(straight.parameters().toDoubleVector(), second.parameters().toDoubleVector(), 0.0);
        assertArrayEquals(a.emaWeights().toDoubleVector(), c.emaWeights().toDoubleVector(), 0.0);
    }

    @Test
    void checkpointCarriesProvenance() throws Exception {
        Trainer t = trainer(new AffineNetwork(2, 0, 1, DataType.DOUBLE),
                TrainerConfig.builder().steps(3).batchSize(8).seed(5).build()).putProvenance("data", "sha256:abc");
        Path ck = dir.resolve("m");
        t.train(ck);
        Checkpoint c = Checkpoint.load(ck);
        assertEquals(3, c.step());
        assertEquals("sha256:abc", c.metadata().get("data"));
        assertEquals("5", c.metadata().get("seed"));
        assertEquals("affine:d=2:k=0", c.metadata().get("network"));
        assertTrue(c.metadata().get("config").contains("batch=8"));
        assertTrue(c.metadata().get("library").startsWith("FlowMatch4j "));
        assertTrue(c.metadata().containsKey("backend"));
        assertEquals(List.of(), List.of(dir.toFile().list()).stream().filter(n -> n.endsWith(".tmp")).toList());
    }

    @Test
    void corruptForeignAndMismatchedCheckpointsGiveOneClearError() throws Exception {
        Path foreign = dir.resolve("foreign");
        Files.writeString(foreign, "PK\u0003\u0004 this is a zip, not ours");
        assertTrue(assertThrows(CheckpointException.class, () -> Checkpoint.load(foreign)).getMessage()
                .endsWith("not a FlowMatch4j checkpoint (missing FM4JCKPT header)"));

        Trainer t = trainer(new AffineNetwork(2, 0, 1, DataType.DOUBLE),
                TrainerConfig.builder().steps(2).batchSize(8).build());
        Path good = dir.resolve("good");
        t.train(good);
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = dir.resolve("truncated");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 40));
        assertTrue(assertThrows(CheckpointException.class, () -> Checkpoint.load(truncated)).getMessage()
                .contains("checkpoint is corrupt"));
        bytes[bytes.length / 2] ^= 0x5A;
        Path flipped = dir.resolve("flipped");
        Files.write(flipped, bytes);
        assertTrue(assertThrows(CheckpointException.class, () -> Checkpoint.load(flipped)).getMessage()
                .contains("checksum mismatch"));

        Trainer other = trainer(new AffineNetwork(3, 0, 1, DataType.DOUBLE),
                TrainerConfig.builder().steps(2).batchSize(8).build());
        assertTrue(assertThrows(CheckpointException.class, () -> other.resume(good)).getMessage()
                .contains("checkpoint holds network 'affine:d=2:k=0', this run builds 'affine:d=3:k=0'"));
        assertTrue(assertThrows(CheckpointException.class, () -> Checkpoint.load(dir.resolve("missing"))).getMessage()
                .endsWith("no such checkpoint file"));
    }

    @Test
    void nonFiniteLossStopsWithTheStepNamed() {
        FlowBatchSource poisoned = new FlowBatchSource() {
            int calls;
            @Override public FlowBatch next(int b, Rng rng) {
                FlowBatch fb = SHIFTED.next(b, rng);
                if (++calls == 4) fb.x1().putScalar(0, 0, Double.NaN);
                return fb;
            }
        };
        Trainer t = new Trainer(new AffineNetwork(2, 0, 1, DataType.DOUBLE), new AffineProbPath(new CondOtScheduler()),
                new IndependentCoupling(), poisoned, TrainerConfig.builder().steps(10).batchSize(8).build());
        NonFiniteException e = assertThrows(NonFiniteException.class, () -> t.train(null));
        assertEquals(4, e.step());
        assertEquals("loss", e.tensor());
    }

    @Test
    void gradientsAreClippedToTheGlobalNorm() {
        AffineNetwork net = new AffineNetwork(2, 0, 1, DataType.DOUBLE);
        Trainer t = trainer(net, TrainerConfig.builder().steps(5).batchSize(16).gradClipNorm(0.01).build());
        StepInfo s = t.trainStep(System.nanoTime());
        assertTrue(s.gradNorm() > 0.01);
        assertEquals(0.01, net.gradients().norm2Number().doubleValue(), 1e-12);
    }

    @Test
    void learningRateScheduleWarmsUpThenDecaysByCosine() {
        LrSchedule s = LrSchedule.warmupCosine(10, 0.1);
        assertEquals(0.1, s.factor(0, 110), 1e-12);
        assertEquals(1.0, s.factor(9, 110), 1e-12);
        assertEquals(1.0, s.factor(10, 110), 1e-12);
        assertEquals(0.1 + 0.9 * 0.5, s.factor(60, 110), 1e-12);
        assertEquals(0.1, s.factor(110, 110), 1e-12);
        assertEquals(1.0, LrSchedule.constant().factor(5, 10));
    }

    @Test
    void adamWMatchesItsDefinition() {
        INDArray p = Nd4j.createFromArray(1.0, -2.0), g1 = Nd4j.createFromArray(0.5, 0.1), g2 = Nd4j.createFromArray(-0.3, 0.2);
        AdamW opt = new AdamW(2, DataType.DOUBLE, 0.9, 0.999, 1e-8, 0.01);
        double lr = 0.1;
        double[] m = new double[2], v = new double[2], ref = {1.0, -2.0};
        INDArray[] gs = {g1, g2};
        for (int k = 1; k <= 2; k++) {
            opt.step(p, gs[k - 1], lr);
            for (int i = 0; i < 2; i++) {
                double g = gs[k - 1].getDouble(i);
                m[i] = 0.9 * m[i] + 0.1 * g;
                v[i] = 0.999 * v[i] + 0.001 * g * g;
                ref[i] *= 1 - lr * 0.01;
                ref[i] -= lr * Math.sqrt(1 - Math.pow(0.999, k)) / (1 - Math.pow(0.9, k)) * m[i] / (Math.sqrt(v[i]) + 1e-8);
            }
        }
        assertArrayEquals(ref, p.toDoubleVector(), 1e-12);
    }

    @Test
    void simdAdamStepAndNormMatchTheDefinitionInFloat() {
        assertTrue(org.flowmatch4j.core.util.HostFloats.simd(), "tests run with --add-modules jdk.incubator.vector");
        int n = 37;                                            // off the 16-lane grid: the scalar tail runs too
        Rng rng = new Rng(3);
        INDArray p = rng.normal(1, n).reshape(n), g1 = rng.normal(1, n).reshape(n), g2 = rng.normal(1, n).reshape(n);
        double[] ref = p.toDoubleVector(), m = new double[n], v = new double[n];
        AdamW opt = new AdamW(n, DataType.FLOAT, 0.9, 0.999, 1e-8, 0.01);
        INDArray[] gs = {g1, g2};
        for (int k = 1; k <= 2; k++) {
            opt.step(p, gs[k - 1], 0.1);
            for (int i = 0; i < n; i++) {
                double g = gs[k - 1].getDouble(i);
                m[i] = 0.9 * m[i] + 0.1 * g;
                v[i] = 0.999 * v[i] + 0.001 * g * g;
                ref[i] = ref[i] * (1 - 0.1 * 0.01)
                        - 0.1 * Math.sqrt(1 - Math.pow(0.999, k)) / (1 - Math.pow(0.9, k)) * m[i] / (Math.sqrt(v[i]) + 1e-8);
            }
        }
        assertArrayEquals(ref, p.toDoubleVector(), 1e-5);
        double sq = 0;
        for (double x : g1.toDoubleVector()) sq += x * x;
        assertEquals(sq, VectorAdam.sumOfSquares(org.flowmatch4j.core.util.HostFloats.bytes(g1), n), 1e-5 * sq);
    }

    @Test
    void emaFollowsItsRecursion() {
        INDArray p = Nd4j.createFromArray(0.0, 0.0);
        Ema ema = new Ema(p, 0.5);
        p.assign(Nd4j.createFromArray(4.0, 8.0));
        ema.update(p);
        ema.update(p);
        assertArrayEquals(new double[] {3.0, 6.0}, ema.weights().toDoubleVector(), 1e-12);
    }

    @Test
    void metricsLogAppendsOneJsonLinePerInterval() throws Exception {
        Path log = dir.resolve("metrics.jsonl");
        Trainer t = trainer(new AffineNetwork(2, 0, 1, DataType.DOUBLE),
                TrainerConfig.builder().steps(25).batchSize(8).build());
        try (JsonlMetricsLog l = new JsonlMetricsLog(log, 10)) {
            t.addListener(l);
            t.train(null);
        }
        List<String> lines = Files.readAllLines(log);
        assertEquals(3, lines.size());
        assertTrue(lines.get(0).startsWith("{\"step\": 10, \"loss\": "));
        assertTrue(lines.get(2).startsWith("{\"step\": 25, "));
    }
}
