package org.flowmatch4j.core.train;

/** A checkpoint file could not be read: not ours, from a newer format, truncated or damaged. */
public final class CheckpointException extends java.io.IOException {
    public CheckpointException(String message) { super(message); }

    public CheckpointException(String message, Throwable cause) { super(message, cause); }
}
