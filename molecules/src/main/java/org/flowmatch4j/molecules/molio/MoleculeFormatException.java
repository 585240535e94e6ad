package org.flowmatch4j.molecules.molio;

import java.io.IOException;

/** A molecule file that cannot be read, with where (file, line or record) and what was expected. */
public final class MoleculeFormatException extends IOException {
    public MoleculeFormatException(String message) { super(message); }
}
