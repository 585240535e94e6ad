package org.flowmatch4j.cli.toy;

/**
 * Metrics of a toy run (written to metrics.json).
 *
 * @param w2           exact W2 between generated samples and fresh target samples
 * @param w2Floor      W2 between two independent target samples of the same size (the best achievable)
 * @param nfe          velocity evaluations of the dopri5 sampling solve
 * @param straightness rectified-flow straightness on a 100-step Euler trajectory (0 = straight)
 * @param trainSeconds wall time of the training in this call
 * @param steps        total training steps of the model
 * @param straightnessBeforeReflow straightness of the flow before reflow, NaN without reflow
 */
public record ToyResult(double w2, double w2Floor, int nfe, double straightness, double trainSeconds, int steps,
                        double straightnessBeforeReflow) {}
