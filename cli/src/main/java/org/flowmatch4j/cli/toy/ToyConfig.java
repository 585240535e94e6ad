package org.flowmatch4j.cli.toy;

import org.flowmatch4j.core.data.ToyDistribution;
import org.flowmatch4j.core.util.Checks;

/**
 * Settings of a 2-D toy run; defaults are TorchCFM's (3×256 SiLU MLP, Adam 1e-3, batch 256, dopri5 at 1e-4).
 *
 * @param source          source distribution p0
 * @param target          target distribution p1
 * @param coupling        minibatch coupling
 * @param steps           training steps
 * @param batch           minibatch size
 * @param seed            seed for initialisation, training and evaluation
 * @param hidden          hidden width
 * @param depth           hidden layers
 * @param learningRate    Adam learning rate
 * @param samples         points generated for evaluation
 * @param tolerance       dopri5 atol = rtol
 * @param sinkhornEpsilon Sinkhorn regularisation relative to the mean squared distance
 * @param reflowSteps     if > 0, retrain on (x0, ODE(x0)) pairs of the trained flow for this many steps (rectified
 *                        flow) and evaluate the reflowed model
 */
public record ToyConfig(ToyDistribution source, ToyDistribution target, CouplingKind coupling, int steps, int batch,
                        long seed, int hidden, int depth, double learningRate, int samples, double tolerance,
                        double sinkhornEpsilon, int reflowSteps) {
    public ToyConfig {
        Checks.positive("--steps", steps);
        Checks.require(batch >= 2, "--batch must be >= 2, got %d", batch);
        Checks.positive("--hidden", hidden);
        Checks.positive("--depth", depth);
        Checks.positive("--lr", learningRate);
        Checks.require(samples >= 2, "--samples must be >= 2, got %d", samples);
        Checks.positive("tolerance", tolerance);
        Checks.positive("--sinkhorn-eps", sinkhornEpsilon);
        Checks.require(reflowSteps >= 0, "--reflow-steps must be >= 0, got %d", reflowSteps);
    }

    /** What must match between a run and the checkpoint it resumes. */
    public String identity() {
        return String.format("toy source=%s target=%s coupling=%s batch=%d seed=%d lr=%s", source.cliName(),
                target.cliName(), coupling.name().toLowerCase(), batch, seed, learningRate);
    }
}
