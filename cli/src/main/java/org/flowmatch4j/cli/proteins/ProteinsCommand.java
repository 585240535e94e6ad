package org.flowmatch4j.cli.proteins;

import org.flowmatch4j.cli.GroupCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.flowmatch4j.cli.CommonOptions;
import org.flowmatch4j.core.util.AtomicFiles;
import org.flowmatch4j.proteins.geometry.Dihedrals;
import org.flowmatch4j.proteins.io.Backbone;
import org.flowmatch4j.proteins.io.StructureReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code flowmatch proteins}: protein-structure utilities. */
@Command(name = "proteins", mixinStandardHelpOptions = true, description = "Protein backbones (PDB/mmCIF via BioJava, offline).",
        subcommands = {ProteinsCommand.DihedralsCommand.class})
public final class ProteinsCommand extends GroupCommand {

    /** {@code proteins dihedrals}: backbone (φ, ψ) of every residue with both defined, as a CSV in degrees. */
    @Command(name = "dihedrals", mixinStandardHelpOptions = true,
            description = "Write the backbone phi,psi angles (degrees) of every residue of every chain in the given "
                    + "structure files or directories (.pdb, .ent, .cif, optionally .gz) to a CSV; residues at chain ends "
                    + "or breaks are skipped. The CSV is the input of 'torus train' (a Ramachandran model).")
    public static final class DihedralsCommand implements Callable<Integer> {
        @Mixin CommonOptions common;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @CommandLine.Parameters(arity = "1..*", paramLabel = "PATH", description = "Structure files or directories.")
        List<Path> inputs;
        @Option(names = "--out", required = true, description = "Output CSV.")
        Path out;
        @Option(names = "--exclude", description = "A file listing structure file names to leave out (e.g. a hold-out list).")
        Path exclude;
        @Option(names = "--overwrite", description = "Replace an existing --out file.")
        boolean overwrite;

        @Override public Integer call() throws Exception {
            if (Files.exists(out) && !overwrite) {
                throw new CommandLine.ParameterException(spec.commandLine(), out + " exists; pass --overwrite to replace it");
            }
            List<String> skip = exclude == null ? List.of() : Files.readAllLines(exclude).stream().map(String::trim)
                    .filter(s -> !s.isEmpty() && !s.startsWith("#")).toList();
            List<Path> files = new ArrayList<>();
            for (Path p : inputs) {
                if (Files.isDirectory(p)) {
                    try (Stream<Path> s = Files.list(p)) {
                        s.filter(f -> f.getFileName().toString().matches(".*\\.(pdb|ent|cif)(\\.gz)?$")).sorted().forEach(files::add);
                    }
                } else if (Files.isRegularFile(p)) {
                    files.add(p);
                } else {
                    throw new CommandLine.ParameterException(spec.commandLine(), p + ": no such file or directory");
                }
            }
            files.removeIf(f -> skip.contains(f.getFileName().toString()));
            if (files.isEmpty()) throw new CommandLine.ParameterException(spec.commandLine(), "no structure files in " + inputs);
            StringBuilder sb = new StringBuilder("phi,psi\n");
            int residues = 0, chains = 0;
            for (Path f : files) {
                List<Backbone> read;
                try {
                    read = StructureReader.read(f);
                } catch (IOException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
                }
                for (Backbone b : read) {
                    chains++;
                    double[] phi = Dihedrals.phi(b), psi = Dihedrals.psi(b);
                    for (int i = 0; i < b.length(); i++) {
                        if (Double.isNaN(phi[i]) || Double.isNaN(psi[i])) continue;
                        sb.append(String.format(Locale.ROOT, "%.2f,%.2f%n", Math.toDegrees(phi[i]), Math.toDegrees(psi[i])));
                        residues++;
                    }
                }
            }
            if (out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());
            AtomicFiles.writeString(out, sb.toString());
            System.out.printf("wrote %s: %d (phi, psi) pairs from %d chains in %d files%n", out, residues, chains, files.size());
            return 0;
        }
    }
}
