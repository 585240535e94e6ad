package org.flowmatch4j.sequences.model;

import org.flowmatch4j.core.train.LrSchedule;
import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.sequences.flow.CategoricalFlow;
import org.flowmatch4j.sequences.flow.DiscreteFlow;

/**
 * Trains a {@link CategoricalDenoiser} for a {@link CategoricalFlow}: per step a batch of clean sequences, one time
 * per sequence from the flow's time distribution, the flow's noisy states, and cross-entropy on the clean tokens.
 * Class labels (when the model has classes) are replaced by "no class" with probability {@code classDropout}, so one
 * model serves conditional and unconditional predictions for classifier-free guidance.
 */
public final class SequenceTrainer {
    private SequenceTrainer() {}

    /** Clean training sequences: tokens [B·L] and one class per sequence (null when unlabelled). */
    public record Batch(int[] tokens, int[] classes) {}

    /** Where clean batches come from. */
    public interface Source { Batch next(int batch, Rng rng); }

    public record Options(int steps, int batch, double lr, LrSchedule schedule, double classDropout, double clipNorm) {
        public Options {
            Checks.require(steps > 0 && batch > 0 && lr > 0 && classDropout >= 0 && classDropout <= 1, "bad training options");
        }
    }

    public interface Listener { void step(int step, double loss); }

    public static double[] train(CategoricalFlow flow, CategoricalDenoiser net, Source data, Options o, Rng rng, Listener listener) {
        int length = net.config().length();
        double[] losses = new double[o.steps()];
        for (int s = 0; s < o.steps(); s++) {
            Batch b = data.next(o.batch(), rng);
            double[] t = new double[o.batch()], feature = new double[o.batch()];
            for (int i = 0; i < t.length; i++) {
                t[i] = flow.sampleTime(rng);
                feature[i] = flow.timeFeature(t[i]);
            }
            int[] cls = null;
            if (b.classes() != null && net.config().classes() > 0) {
                cls = b.classes().clone();
                for (int i = 0; i < cls.length; i++) if (rng.uniform() < o.classDropout()) cls[i] = net.config().classes();
            }
            float[] state = flow.noisy(b.tokens(), length, t, rng);
            losses[s] = net.trainStep(state, feature, b.tokens(), cls, lossWeights(flow, net, t),
                    o.lr() * o.schedule().factor(s, o.steps()), o.clipNorm());
            if (listener != null) listener.step(s + 1, losses[s]);
        }
        return losses;
    }

    /** Largest time whose weight the generalised KL uses: c_t = κ'/(1 − κ) grows without bound as t → 1. */
    static final double GKL_MAX_TIME = 1 - 1e-3;

    /** c_t per sequence for the generalised KL loss (times capped at {@link #GKL_MAX_TIME}), null for cross-entropy. */
    private static double[] lossWeights(CategoricalFlow flow, CategoricalDenoiser net, double[] t) {
        if (!net.config().loss().equals("gkl")) return null;
        Checks.require(flow instanceof DiscreteFlow, "the generalised KL loss is for discrete flows, not %s", flow.getClass().getSimpleName());
        double[] w = new double[t.length];
        for (int i = 0; i < t.length; i++) w[i] = ((DiscreteFlow) flow).jumpCoefficient(Math.min(t[i], GKL_MAX_TIME));
        return w;
    }
}
