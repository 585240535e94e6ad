package org.flowmatch4j.sequences.io;

import java.io.IOException;

/** A sequence file that cannot be used: the message names the file, the record or line, and what was expected. */
public final class SequenceFormatException extends IOException {
    public SequenceFormatException(String message) { super(message); }

    public SequenceFormatException(String message, Throwable cause) { super(message, cause); }
}
