package org.flowmatch4j.core.train;

/** Training or sampling produced NaN or ±Inf; names the step and the tensor so the run can be diagnosed. */
public final class NonFiniteException extends RuntimeException {
    private final int step;
    private final String tensor;

    /** In training: the advice is about the optimiser. */
    public NonFiniteException(int step, String tensor, double value) {
        this(step, tensor, value, "lower the learning rate or enable gradient clipping");
    }

    /** With {@code advice} for the reader (e.g. for an ODE solve: more steps). */
    public NonFiniteException(int step, String tensor, double value, String advice) {
        super(String.format("non-finite %s (%s) at step %d; %s", tensor, value, step, advice));
        this.step = step;
        this.tensor = tensor;
    }

    public int step() { return step; }

    public String tensor() { return tensor; }
}
