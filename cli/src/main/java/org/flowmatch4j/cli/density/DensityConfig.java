package org.flowmatch4j.cli.density;

import org.flowmatch4j.cli.nets.InputFeatures;
import org.flowmatch4j.core.util.Checks;

/**
 * Settings of a density-estimation run on a manifold: the network (SiLU MLP on [φ(x), t] with input features φ),
 * AdamW with warm-up and cosine decay, EMA of the weights, validation NLL every {@code valEvery} steps to select
 * the checkpoint, and the fixed-step RK4 used for likelihoods and samples.
 */
public record DensityConfig(int steps, int batch, int hidden, int depth, String features, double learningRate,
                            double emaDecay, int valEvery, int odeSteps, int seeds, long firstSeed) {
    public DensityConfig {
        Checks.positive("steps", steps);
        Checks.positive("batch", batch);
        Checks.positive("hidden", hidden);
        Checks.positive("depth", depth);
        InputFeatures.parse(features);
        Checks.require(learningRate > 0 && learningRate < 1, "learning rate must be in (0, 1), got %s", learningRate);
        Checks.require(emaDecay >= 0 && emaDecay < 1, "EMA decay must be in [0, 1), got %s", emaDecay);
        Checks.positive("val-every", valEvery);
        Checks.positive("ode-steps", odeSteps);
        Checks.positive("seeds", seeds);
    }

    public String describe() {
        return String.format("steps=%d batch=%d hidden=%d depth=%d features=%s lr=%s ema=%s val_every=%d ode_steps=%d", steps,
                batch, hidden, depth, features, learningRate, emaDecay, valEvery, odeSteps);
    }
}
