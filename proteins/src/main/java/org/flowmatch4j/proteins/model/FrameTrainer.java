package org.flowmatch4j.proteins.model;

import java.util.ArrayList;
import java.util.List;
import org.flowmatch4j.core.path.PathSample;
import org.flowmatch4j.core.train.LrSchedule;
import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.proteins.flow.FrameFlow;
import org.flowmatch4j.proteins.geometry.Frames;
import org.flowmatch4j.proteins.io.Backbone;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a {@link FrameModel} on random crops of backbones with FrameFlow's recipe (uniform-rotation and Gaussian
 * noise, Kabsch-aligned minibatch OT, geodesic paths with one t per protein, self-conditioning on half the steps) and
 * samples from it with the exponential rotation schedule, feeding each step's prediction back as self-conditioning.
 */
public final class FrameTrainer {
    private FrameTrainer() {}

    /**
     * What a training run does. Each step draws one crop length from {@code lengths} and ⌊tokens / length⌋ crops
     * (at least 2, so that minibatch OT has a choice).
     */
    public record Options(int[] lengths, int tokens, int steps, double lr, LrSchedule schedule, double selfCondProbability,
                          double clipNorm) {
        public Options {
            Checks.require(lengths.length > 0 && tokens > 0 && steps > 0 && lr > 0, "need lengths, tokens > 0, steps > 0, lr > 0");
            for (int l : lengths) Checks.require(l >= 8, "crop lengths must be >= 8, got %d", l);
        }

        public int batch(int length) { return Math.max(2, tokens / length); }
    }

    /** A change the sampler makes to each clean-frame prediction (rows [B·N, 12], nm) before stepping, e.g. a motif. */
    public interface PredictionConstraint { INDArray apply(INDArray prediction, double t); }

    /** Progress after each step. */
    public interface Listener { void step(int step, int length, double loss); }

    /** Random windows of {@code length} residues from chains at least that long (frames in Å). */
    public static List<Frames> crops(List<Backbone> data, int length, int count, Rng rng) {
        List<Backbone> usable = data.stream().filter(b -> b.length() >= length).toList();
        Checks.require(!usable.isEmpty(), "no chain has >= %d residues", length);
        List<Frames> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            Backbone b = usable.get(rng.nextInt(usable.size()));
            int start = rng.nextInt(b.length() - length + 1);
            Frames f = Frames.of(b);
            out.add(new Frames(java.util.Arrays.copyOfRange(f.rotations(), start, start + length),
                    java.util.Arrays.copyOfRange(f.translations(), start, start + length)));
        }
        return out;
    }

    /** Runs the training steps; returns the loss of each. */
    public static double[] train(FrameModel model, List<Backbone> data, Options o, Rng rng, Listener listener) {
        double[] losses = new double[o.steps()];
        for (int s = 0; s < o.steps(); s++) {
            int n = o.lengths()[rng.nextInt(o.lengths().length)], batch = o.batch(n);
            INDArray x1 = FrameFlow.toRows(crops(data, n, batch, rng));
            INDArray x0 = FrameFlow.pairNoise(FrameFlow.noise(batch, n, rng), x1, n);
            double[] t = new double[batch];
            for (int i = 0; i < batch; i++) t[i] = Math.min(rng.uniform(), 0.999);
            PathSample p = FrameFlow.sample(x0, x1, Nd4j.createFromArray(t), n);
            INDArray selfCond = rng.uniform() < o.selfCondProbability() ? model.predict(p.xt(), t, null, n) : null;
            double lr = o.lr() * o.schedule().factor(s, o.steps());
            losses[s] = model.trainStep(p.xt(), x1, t, selfCond, n, lr, o.clipNorm());
            if (listener != null) listener.step(s + 1, n, losses[s]);
        }
        return losses;
    }

    /**
     * {@code count} backbones of {@code length} residues (frames in Å) by Euler steps from noise with the sampling
     * weights, rotations at rate {@code rotationRate}, each prediction fed back as self-conditioning.
     */
    public static List<Frames> sample(FrameModel model, int length, int count, int steps, double rotationRate, Rng rng) {
        return sample(model, length, count, steps, rotationRate, null, rng);
    }

    /** As {@link #sample(FrameModel, int, int, int, double, Rng)} with each prediction passed through a constraint. */
    public static List<Frames> sample(FrameModel model, int length, int count, int steps, double rotationRate,
                                      PredictionConstraint constraint, Rng rng) {
        INDArray x = FrameFlow.noise(count, length, rng), pred = null;
        double[] t = new double[count];
        for (int k = 0; k < steps; k++) {
            double tk = k / (double) steps;
            java.util.Arrays.fill(t, tk);
            pred = model.predictForSampling(x, t, pred, length);
            if (constraint != null) pred = constraint.apply(pred, tk);
            x = k + 1 == steps ? pred : FrameFlow.eulerStep(x, pred, tk, 1.0 / steps, rotationRate);
        }
        return FrameFlow.fromRows(x, length);
    }
}
