package org.flowmatch4j.proteins.model;

import java.util.ArrayList;
import java.util.List;
import org.flowmatch4j.core.path.PathSample;
import org.flowmatch4j.core.train.LrSchedule;
import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.proteins.flow.FrameFlow;
import org.flowmatch4j.proteins.flow.QuaternionFlow;
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
     * What a training run does besides its batches. Each protein's t is 1 − (1 − u)^p for u ~ U(0, 1) (capped at
     * 0.999): p = 1 is FrameFlow's uniform t, p &gt; 1 draws more late t (P(t &gt; 0.9) = 1 − 0.1^(1/p)).
     */
    public record Options(int steps, double lr, LrSchedule schedule, double selfCondProbability, double clipNorm, double tPower) {
        public Options {
            Checks.require(steps > 0 && lr > 0 && clipNorm >= 0 && tPower > 0, "need steps > 0, lr > 0, clipNorm >= 0, tPower > 0");
        }

        /** Uniform t. */
        public Options(int steps, double lr, LrSchedule schedule, double selfCondProbability, double clipNorm) {
            this(steps, lr, schedule, selfCondProbability, clipNorm, 1);
        }
    }

    /**
     * One step's proteins: noise and data rows [B·n, 12] (nm), already paired, and for amortised motif conditioning
     * the motif mask per row (1 = motif residue, held at its data frame in x_t), or null.
     */
    public record Batch(INDArray x0, INDArray x1, int length, int proteins, float[] motifMask) {
        public Batch(INDArray x0, INDArray x1, int length, int proteins) { this(x0, x1, length, proteins, null); }
    }

    /** Where training batches come from. */
    public interface BatchSource { Batch next(Rng rng); }

    /**
     * FrameFlow's batches: one crop length drawn from {@code lengths}, ⌊tokens / length⌋ crops (at least 2, so that
     * minibatch OT has a choice) of random chains, paired with noise by Kabsch-aligned minibatch OT.
     */
    public record CropSource(List<Backbone> data, int[] lengths, int tokens) implements BatchSource {
        public CropSource {
            Checks.require(lengths.length > 0 && tokens > 0, "need crop lengths and tokens > 0");
            for (int l : lengths) Checks.require(l >= 8, "crop lengths must be >= 8, got %d", l);
        }

        @Override public Batch next(Rng rng) {
            int n = lengths[rng.nextInt(lengths.length)], batch = Math.max(2, tokens / n);
            INDArray x1 = FrameFlow.toRows(crops(data, n, batch, rng));
            return new Batch(FrameFlow.pairNoise(FrameFlow.noise(batch, n, rng), x1, n), x1, n, batch);
        }
    }

    /** A change the sampler makes to each clean-frame prediction (rows [B·N, 12], nm) before stepping, e.g. a motif. */
    public interface PredictionConstraint {
        INDArray apply(INDArray prediction, double t);

        /** This constraint, then {@code next} on its result (null: this one alone). */
        default PredictionConstraint andThen(PredictionConstraint next) {
            return next == null ? this : (p, t) -> next.apply(apply(p, t), t);
        }
    }

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
    public static double[] train(FrameModel model, BatchSource source, Options o, Rng rng, Listener listener) {
        double[] losses = new double[o.steps()];
        for (int s = 0; s < o.steps(); s++) {
            Batch b = source.next(rng);
            int n = b.length();
            double[] t = new double[b.proteins()];
            for (int i = 0; i < t.length; i++) t[i] = Math.min(1 - Math.pow(1 - rng.uniform(), o.tPower()), 0.999);
            PathSample p = FrameFlow.sample(b.x0(), b.x1(), Nd4j.createFromArray(t), n);
            INDArray xt = b.motifMask() == null ? p.xt() : hold(p.xt(), new MotifInput(b.motifMask(), b.x1()));
            INDArray selfCond = rng.uniform() < o.selfCondProbability() ? model.predict(xt, t, null, n, b.motifMask()) : null;
            double lr = o.lr() * o.schedule().factor(s, o.steps());
            losses[s] = model.trainStep(xt, b.x1(), t, selfCond, n, b.motifMask(), lr, o.clipNorm());
            if (listener != null) listener.step(s + 1, n, losses[s]);
        }
        return losses;
    }

    /**
     * How to sample: Euler steps, the rotation schedule's rate c (FrameFlow's exponential schedule, 10; 0 for the
     * linear schedule of reflowed models), and whether rotations move as quaternions (ReQFlow) or by SO(3) exp/log.
     */
    public record Sampling(int steps, double rotationRate, boolean quaternions) {
        public Sampling {
            Checks.require(steps > 0 && rotationRate >= 0, "need steps > 0 and rotation rate >= 0");
        }

        public static Sampling frameFlow(int steps) { return new Sampling(steps, 10, false); }
    }

    /**
     * {@code count} backbones of {@code length} residues (frames in Å) from fresh noise with the sampling weights,
     * each prediction fed back as self-conditioning and passed through {@code constraint} (may be null).
     */
    public static List<Frames> sample(FrameModel model, int length, int count, Sampling sampling, PredictionConstraint constraint,
                                      Rng rng) {
        return sample(model, length, count, sampling, constraint, null, rng);
    }

    /** As above, with amortised motif conditioning ({@code motif} for all {@code count} proteins; may be null). */
    public static List<Frames> sample(FrameModel model, int length, int count, Sampling sampling, PredictionConstraint constraint,
                                      MotifInput motif, Rng rng) {
        return FrameFlow.fromRows(sampleRows(model, FrameFlow.noise(count, length, rng), length, sampling, constraint, motif), length);
    }

    /** The sampler from given noise rows [B·L, 12] (nm) to the final rows. */
    public static INDArray sampleRows(FrameModel model, INDArray noise, int length, Sampling sampling, PredictionConstraint constraint) {
        return sampleRows(model, noise, length, sampling, constraint, null);
    }

    /**
     * Amortised motif conditioning (FrameFlow's motif-scaffolding model): the mask per row [B·L] and rows [B·L, 12]
     * (nm) whose motif rows the sampler holds fixed in the network's input and output; the network, trained with
     * such inputs, builds the scaffold around them.
     */
    public record MotifInput(float[] mask, INDArray rows) {
        public MotifInput {
            Checks.require(mask.length == rows.size(0) && rows.size(1) == 12, "need one mask entry per row of [B·L, 12], got %d for %s",
                    mask.length, java.util.Arrays.toString(rows.shape()));
        }
    }

    /** x with its motif rows replaced by the motif input's: x ⊙ (1 − m) + rows ⊙ m (exact for m ∈ {0, 1}). */
    static INDArray hold(INDArray x, MotifInput motif) {
        INDArray m = Nd4j.createFromArray(motif.mask()).reshape(motif.mask().length, 1).castTo(x.dataType());
        return x.mulColumnVector(m.rsub(1)).addi(motif.rows().castTo(x.dataType()).mulColumnVector(m));
    }

    /** The sampler from noise rows to the final rows, with a prediction constraint and/or motif input (each may be null). */
    public static INDArray sampleRows(FrameModel model, INDArray noise, int length, Sampling sampling, PredictionConstraint constraint,
                                      MotifInput motif) {
        int count = (int) noise.size(0) / length, steps = sampling.steps();
        INDArray x = motif == null ? noise : hold(noise, motif), pred = null;
        float[] mask = motif == null ? null : motif.mask();
        double[] t = new double[count];
        for (int k = 0; k < steps; k++) {
            double tk = k / (double) steps;
            java.util.Arrays.fill(t, tk);
            pred = model.predictForSampling(x, t, pred, length, mask);
            if (motif != null) pred = hold(pred, motif);
            if (constraint != null) pred = constraint.apply(pred, tk);
            if (k + 1 == steps) return pred;
            x = sampling.quaternions() ? QuaternionFlow.eulerStep(x, pred, tk, 1.0 / steps, sampling.rotationRate())
                    : FrameFlow.eulerStep(x, pred, tk, 1.0 / steps, sampling.rotationRate());
        }
        return x;
    }
}
