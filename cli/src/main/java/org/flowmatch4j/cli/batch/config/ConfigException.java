package org.flowmatch4j.cli.batch.config;

/** A batch config that cannot be used: the message names the file, the place in it ({@code stages[2].args.steps}) and what was expected. */
public final class ConfigException extends IllegalArgumentException {
    public ConfigException(String message) {
        super(message);
    }
}
