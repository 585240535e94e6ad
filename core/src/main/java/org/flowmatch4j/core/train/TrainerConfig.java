package org.flowmatch4j.core.train;

import org.flowmatch4j.core.util.Checks;

/**
 * Resolved training settings; the one source of defaults (CLI options map into it).
 *
 * @param steps            optimisation steps in total
 * @param batchSize        minibatch size
 * @param learningRate     peak learning rate
 * @param weightDecay      decoupled (AdamW) weight decay; 0 gives Adam
 * @param beta1            Adam β1
 * @param beta2            Adam β2
 * @param adamEps          Adam ε
 * @param schedule         learning-rate schedule (warm-up then constant or cosine)
 * @param gradClipNorm     global gradient-norm clip; 0 disables
 * @param emaDecay         EMA decay of weights per step; 0 disables
 * @param conditionDropout probability of replacing a label by the null token (classifier-free guidance)
 * @param logEvery         steps between metric-log lines
 * @param checkpointEvery  steps between checkpoints; 0 saves only at the end
 * @param seed             seed of the run's random source
 */
public record TrainerConfig(int steps, int batchSize, double learningRate, double weightDecay, double beta1,
                            double beta2, double adamEps, LrSchedule schedule, double gradClipNorm, double emaDecay,
                            double conditionDropout, int logEvery, int checkpointEvery, long seed) {
    public TrainerConfig {
        Checks.positive("steps", steps);
        Checks.positive("batchSize", batchSize);
        Checks.positive("learningRate", learningRate);
        Checks.require(weightDecay >= 0, "weightDecay must be >= 0, got %s", weightDecay);
        Checks.inRange("beta1", beta1, 0, 0.999999);
        Checks.inRange("beta2", beta2, 0, 0.99999999);
        Checks.positive("adamEps", adamEps);
        Checks.require(gradClipNorm >= 0, "gradClipNorm must be >= 0 (0 = off), got %s", gradClipNorm);
        Checks.inRange("emaDecay", emaDecay, 0, 0.999999);
        Checks.inRange("conditionDropout", conditionDropout, 0, 1);
        Checks.positive("logEvery", logEvery);
        Checks.require(checkpointEvery >= 0, "checkpointEvery must be >= 0, got %d", checkpointEvery);
    }

    /** Adam 1e-3, batch 256, constant LR, no clipping, no EMA: TorchCFM's toy settings. */
    public static Builder builder() { return new Builder(); }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.steps = steps; b.batchSize = batchSize; b.learningRate = learningRate; b.weightDecay = weightDecay;
        b.beta1 = beta1; b.beta2 = beta2; b.adamEps = adamEps; b.schedule = schedule; b.gradClipNorm = gradClipNorm;
        b.emaDecay = emaDecay; b.conditionDropout = conditionDropout; b.logEvery = logEvery;
        b.checkpointEvery = checkpointEvery; b.seed = seed;
        return b;
    }

    /** A compact human-readable form for checkpoints and logs. */
    public String describe() {
        return String.format("steps=%d batch=%d lr=%s wd=%s betas=(%s,%s) eps=%s schedule=%s clip=%s ema=%s "
                        + "cond_dropout=%s seed=%d", steps, batchSize, learningRate, weightDecay, beta1, beta2, adamEps,
                schedule, gradClipNorm, emaDecay, conditionDropout, seed);
    }

    /** Builder for {@link TrainerConfig}. */
    public static final class Builder {
        private int steps = 1000, batchSize = 256, logEvery = 100, checkpointEvery = 0;
        private double learningRate = 1e-3, weightDecay = 0, beta1 = 0.9, beta2 = 0.999, adamEps = 1e-8;
        private double gradClipNorm = 0, emaDecay = 0, conditionDropout = 0;
        private LrSchedule schedule = LrSchedule.constant();
        private long seed = 0;

        public Builder steps(int v) { steps = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder weightDecay(double v) { weightDecay = v; return this; }
        public Builder betas(double b1, double b2) { beta1 = b1; beta2 = b2; return this; }
        public Builder adamEps(double v) { adamEps = v; return this; }
        public Builder schedule(LrSchedule v) { schedule = v; return this; }
        public Builder gradClipNorm(double v) { gradClipNorm = v; return this; }
        public Builder emaDecay(double v) { emaDecay = v; return this; }
        public Builder conditionDropout(double v) { conditionDropout = v; return this; }
        public Builder logEvery(int v) { logEvery = v; return this; }
        public Builder checkpointEvery(int v) { checkpointEvery = v; return this; }
        public Builder seed(long v) { seed = v; return this; }

        public TrainerConfig build() {
            return new TrainerConfig(steps, batchSize, learningRate, weightDecay, beta1, beta2, adamEps, schedule,
                    gradClipNorm, emaDecay, conditionDropout, logEvery, checkpointEvery, seed);
        }
    }
}
