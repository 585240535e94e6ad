package org.flowmatch4j.cli;

import picocli.CommandLine;

/** A command that only groups subcommands: run without one, it is a usage error naming them. */
public abstract class GroupCommand implements Runnable {
    @CommandLine.Spec protected CommandLine.Model.CommandSpec spec;

    @Override public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing subcommand: one of " + String.join(", ", spec.subcommands().keySet()));
    }
}
