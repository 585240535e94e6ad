package org.flowmatch4j.core.train;

/**
 * What happened in one optimisation step.
 *
 * @param step         1-based step just completed
 * @param totalSteps   planned steps
 * @param loss         minibatch loss before the update
 * @param gradNorm     global gradient norm before clipping
 * @param learningRate learning rate used
 * @param elapsedSeconds wall time since this training call started
 */
public record StepInfo(int step, int totalSteps, double loss, double gradNorm, double learningRate,
                       double elapsedSeconds) {}
