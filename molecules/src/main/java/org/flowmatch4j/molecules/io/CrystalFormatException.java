package org.flowmatch4j.molecules.io;

import java.io.IOException;

/** A crystal or molecule file that cannot be used: the message names the file, the line or record, and what was expected. */
public final class CrystalFormatException extends IOException {
    public CrystalFormatException(String message) { super(message); }

    public CrystalFormatException(String message, Throwable cause) { super(message, cause); }
}
