package org.flowmatch4j.core.train;

/** Extension point of the {@link Trainer}: progress display, metric logs, early stopping, custom evaluation. */
public interface TrainingListener {
    /** After every step. */
    void onStep(StepInfo info);

    /** After a checkpoint was written. */
    default void onCheckpoint(int step, java.nio.file.Path file) {}

    /** When training ends normally. */
    default void onEnd(int step) {}
}
