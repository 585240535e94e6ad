package org.flowmatch4j.cli.toy;

import java.awt.Color;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowmatch4j.cli.OutputDir;
import org.flowmatch4j.cli.nets.MlpVelocityNetwork;
import org.flowmatch4j.cli.plot.ScatterPlot;
import org.flowmatch4j.core.model.NetworkField;
import org.flowmatch4j.core.coupling.IndependentCoupling;
import org.flowmatch4j.core.metrics.Straightness;
import org.flowmatch4j.core.reflow.Reflow;
import org.flowmatch4j.core.metrics.Wasserstein;
import org.flowmatch4j.core.path.AffineProbPath;
import org.flowmatch4j.core.path.scheduler.CondOtScheduler;
import org.flowmatch4j.core.solver.OdeResult;
import org.flowmatch4j.core.solver.OdeSolver;
import org.flowmatch4j.core.solver.StepListener;
import org.flowmatch4j.core.solver.TimeGrid;
import org.flowmatch4j.core.train.Checkpoint;
import org.flowmatch4j.core.train.CheckpointException;
import org.flowmatch4j.core.train.FlowBatch;
import org.flowmatch4j.core.train.JsonlMetricsLog;
import org.flowmatch4j.core.train.ProgressBar;
import org.flowmatch4j.core.train.Trainer;
import org.flowmatch4j.core.train.TrainerConfig;
import org.flowmatch4j.core.util.AtomicFiles;
import org.flowmatch4j.core.util.Json;
import org.flowmatch4j.core.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Trains a flow between two 2-D toy distributions and evaluates it: 2000 samples by dopri5, W2 to fresh target
 * samples, NFE and straightness; writes samples.csv, metrics.json, samples.png, metrics.jsonl and the model.
 */
public final class ToyRun {
    public static final String MODEL = "model";
    public static final String REFLOW_MODEL = "model-reflow";
    public static final List<String> OUTPUTS = List.of("samples.csv", "metrics.json", "samples.png", MODEL,
            "metrics.jsonl", REFLOW_MODEL);

    private ToyRun() {}

    public static ToyResult run(ToyConfig c, Path dir, boolean resume, PrintStream log) throws IOException {
        MlpVelocityNetwork net = new MlpVelocityNetwork(2, c.hidden(), c.depth(), 0, c.seed());
        TrainerConfig tc = TrainerConfig.builder().steps(c.steps()).batchSize(c.batch()).learningRate(c.learningRate())
                .seed(c.seed()).logEvery(100).build();
        Trainer trainer = new Trainer(net, new AffineProbPath(new CondOtScheduler()), c.coupling().create(c.sinkhornEpsilon()),
                (b, rng) -> new FlowBatch(c.source().sample(b, rng), c.target().sample(b, rng), null), tc)
                .putProvenance("run", c.identity());
        Path model = dir.resolve(MODEL);
        if (resume) {
            checkSameRun(model, c);
            trainer.resume(model);
            log.printf("resuming from step %d of %d%n", trainer.step(), c.steps());
        }
        OutputDir.mark(dir);
        trainer.addListener(new ProgressBar(System.err));
        long t0 = System.nanoTime();
        try (JsonlMetricsLog jsonl = new JsonlMetricsLog(dir.resolve("metrics.jsonl"), 100)) {
            trainer.addListener(jsonl);
            if (trainer.step() < c.steps()) trainer.train(model);
            else if (!Files.exists(model)) trainer.save(model);
        }
        double before = Double.NaN;
        MlpVelocityNetwork evaluated = net;
        if (c.reflowSteps() > 0) {
            Rng rng = new Rng(c.seed() + 17);
            before = Straightness.of(NetworkField.of(net), c.source().sample(c.samples(), rng), 100);
            log.printf("reflow: straightness %.4f; generating 8192 pairs and retraining %d steps%n", before, c.reflowSteps());
            Reflow.PairedData pairs = Reflow.generatePairs(NetworkField.of(net), c.source().sample(8192, rng),
                    OdeSolver.dopri5(c.tolerance(), c.tolerance()), TimeGrid.uniform(0, 1, 1));
            evaluated = new MlpVelocityNetwork(2, c.hidden(), c.depth(), 0, c.seed() + 1);
            TrainerConfig rc = TrainerConfig.builder().steps(c.reflowSteps()).batchSize(c.batch())
                    .learningRate(c.learningRate()).seed(c.seed() + 1).build();
            new Trainer(evaluated, new AffineProbPath(new CondOtScheduler()), new IndependentCoupling(), pairs, rc)
                    .putProvenance("run", c.identity() + " reflow")
                    .addListener(new ProgressBar(System.err)).train(dir.resolve(REFLOW_MODEL));
        }
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        return evaluate(c, evaluated, trainer.step(), trainSeconds, dir, before);
    }

    private static void checkSameRun(Path model, ToyConfig c) throws CheckpointException {
        Checkpoint ck = Checkpoint.load(model);
        String stored = ck.metadata().get("run");
        if (!c.identity().equals(stored)) {
            throw new CheckpointException(model + ": cannot resume a different run: checkpoint has [" + stored
                    + "], this command asks for [" + c.identity() + "]");
        }
    }

    private static ToyResult evaluate(ToyConfig c, MlpVelocityNetwork net, int steps, double trainSeconds, Path dir,
                                      double straightnessBefore) throws IOException {
        Rng rng = new Rng(c.seed() ^ 0x5DEECE66DL);
        int n = c.samples();
        INDArray x0 = c.source().sample(n, rng), reference = c.target().sample(n, rng);
        INDArray reference2 = c.target().sample(n, rng);
        NetworkField field = NetworkField.of(net);
        OdeResult r = OdeSolver.dopri5(c.tolerance(), c.tolerance()).solve(field, x0, TimeGrid.uniform(0, 1, 1),
                StepListener.NONE);
        INDArray samples = r.x();
        double w2 = Wasserstein.w2(samples, reference), floor = Wasserstein.w2(reference2, reference);
        int shown = Math.min(24, n);
        List<INDArray> traj = new ArrayList<>();
        OdeSolver.euler().solve(field, x0, TimeGrid.uniform(0, 1, 100), (t, x) -> traj.add(x.dup()));
        double straight = Straightness.ofTrajectory(traj);
        ToyResult res = new ToyResult(w2, floor, r.nfe(), straight, trainSeconds, steps, straightnessBefore);
        writeCsv(dir.resolve("samples.csv"), samples);
        writeMetrics(dir.resolve("metrics.json"), res, c);
        ScatterPlot plot = new ScatterPlot(String.format("%s → %s, %s coupling, %d steps%s", c.source().cliName(),
                c.target().cliName(), c.coupling().name().toLowerCase(), steps,
                c.reflowSteps() > 0 ? ", reflowed " + c.reflowSteps() : ""))
                .note(String.format("W2 %.3f (floor %.3f)   NFE %d   straightness %.3f", w2, floor, r.nfe(), straight))
                .points(rows(reference), new Color(170, 170, 170), "data", 1.6)
                .points(rows(x0.getRows(range(shown))), Color.BLACK, "start", 2.5)
                .points(rows(samples), new Color(31, 119, 180, 150), "samples", 1.6);
        for (int i = 0; i < shown; i++) {
            double[][] line = new double[traj.size()][];
            for (int k = 0; k < traj.size(); k++) line[k] = new double[] {traj.get(k).getDouble(i, 0), traj.get(k).getDouble(i, 1)};
            plot.line(line, new Color(128, 128, 0, 180));
        }
        plot.write(dir.resolve("samples.png"));
        return res;
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }

    private static double[][] rows(INDArray a) {
        return a.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
    }

    private static void writeCsv(Path file, INDArray samples) throws IOException {
        StringBuilder sb = new StringBuilder("x,y\n");
        double[][] p = rows(samples);
        for (double[] row : p) sb.append((float) row[0]).append(',').append((float) row[1]).append('\n');
        AtomicFiles.writeString(file, sb.toString());
    }

    private static void writeMetrics(Path file, ToyResult r, ToyConfig c) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("w2", r.w2());
        m.put("w2_floor", r.w2Floor());
        m.put("nfe", r.nfe());
        m.put("straightness", r.straightness());
        m.put("train_seconds", r.trainSeconds());
        m.put("steps", r.steps());
        if (c.reflowSteps() > 0) {
            m.put("reflow_steps", c.reflowSteps());
            m.put("straightness_before_reflow", r.straightnessBeforeReflow());
        }
        m.put("source", c.source().cliName());
        m.put("target", c.target().cliName());
        m.put("coupling", c.coupling().name().toLowerCase());
        m.put("batch", c.batch());
        m.put("seed", c.seed());
        m.put("samples", c.samples());
        AtomicFiles.writeString(file, Json.object(m) + "\n");
    }
}
