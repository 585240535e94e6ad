package org.flowmatch4j.cli.density;

import org.flowmatch4j.cli.nets.InputFeatures;
import org.flowmatch4j.cli.nets.MlpVelocityNetwork;
import org.flowmatch4j.core.util.Checks;

/**
 * Settings of a density-estimation run on a manifold: the network (SiLU MLP on [φ(x), t, ψ(t)] with input features φ and
 * {@code timeHarmonics} sine–cosine pairs ψ of t),
 * AdamW with warm-up and cosine decay and optional clipping of the gradient norm, EMA of the weights, validation NLL
 * every {@code valEvery} steps to select the checkpoint, the fixed-step RK4 used for likelihoods and samples, and the
 * coupling of noise and data (independent, or exact minibatch OT under the squared geodesic distance), and the base
 * distribution ({@link BaseSpec}: uniform, or a kernel density on the training points paired with its centres).
 */
public record DensityConfig(int steps, int batch, int hidden, int depth, String features, double learningRate,
                            double emaDecay, int valEvery, int odeSteps, int seeds, long firstSeed, String coupling,
                            double clip, int timeHarmonics, String base, double baseWiden, double baseUniform) {
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
        Checks.require(coupling.equals("independent") || coupling.equals("ot"),
                "coupling must be independent or ot, got '%s'", coupling);
        Checks.require(clip >= 0, "gradient clipping norm must be >= 0 (0 = off), got %s", clip);
        MlpVelocityNetwork.checkTimeHarmonics(timeHarmonics);
        BaseSpec.check(base, baseWiden, baseUniform);
        Checks.require(base.equals("uniform") || coupling.equals("independent"),
                "coupling ot pairs noise from the uniform base; a kernel base is paired with its own centres "
                        + "(use --coupling independent)");
    }

    public String describe() {
        return String.format("steps=%d batch=%d hidden=%d depth=%d features=%s lr=%s ema=%s val_every=%d ode_steps=%d coupling=%s clip=%s time_harmonics=%d base=%s base_widen=%s base_uniform=%s",
                steps, batch, hidden, depth, features, learningRate, emaDecay, valEvery, odeSteps, coupling, clip,
                timeHarmonics, base, baseWiden, baseUniform);
    }
}
