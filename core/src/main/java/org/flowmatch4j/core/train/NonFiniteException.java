package org.flowmatch4j.core.train;

/** Training produced NaN or ±Inf; names the step and the tensor so the run can be diagnosed. */
public final class NonFiniteException extends RuntimeException {
    private final int step;
    private final String tensor;

    public NonFiniteException(int step, String tensor, double value) {
        super(String.format("non-finite %s (%s) at step %d; lower the learning rate or enable gradient clipping",
                tensor, value, step));
        this.step = step;
        this.tensor = tensor;
    }

    public int step() { return step; }

    public String tensor() { return tensor; }
}
