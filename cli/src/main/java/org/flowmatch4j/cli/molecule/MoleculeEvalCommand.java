package org.flowmatch4j.cli.molecule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.flowmatch4j.cli.CommonOptions;
import org.flowmatch4j.molecules.graph.CdkGraphs;
import org.flowmatch4j.molecules.graph.MolecularGraph;
import org.flowmatch4j.molecules.molio.MoleculeFiles;
import org.flowmatch4j.molecules.molmetrics.MoleculeSetMetrics;
import org.flowmatch4j.molecules.molmetrics.MoleculeValidity;
import org.openscience.cdk.exception.InvalidSmilesException;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.smiles.SmilesParser;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code flowmatch molecule eval}. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Validity, uniqueness and novelty of generated molecules (a SMILES file, one sample a line, where an "
                + "unparseable line counts as invalid; an SDF; or a 'molecule sample' folder) against training molecules.")
public final class MoleculeEvalCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--samples", required = true, description = "SMILES or SDF file of samples, or a 'molecule sample' output folder.")
    Path samples;
    @Option(names = "--reference", required = true, description = "Training molecules (SMILES or SDF) for novelty.")
    Path reference;

    @Override public Integer call() {
        try {
            Path file = Files.isDirectory(samples) ? samples.resolve("samples.smi") : samples;
            List<MolecularGraph> graphs = readSamples(file);
            MoleculeSetMetrics m = MoleculeSetMetrics.evaluate(graphs, canonicalSet(reference));
            print(file.toString(), m, true);
            return 0;
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Samples as graphs; for SMILES files an unreadable or unrepresentable line becomes an (invalid) empty graph. */
    static List<MolecularGraph> readSamples(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".sdf") || name.endsWith(".sdf.gz")) return MoleculeFiles.readGraphs(file);
        if (!Files.isRegularFile(file)) throw new IOException(file + ": no such file");
        SmilesParser parser = new SmilesParser(SilentChemObjectBuilder.getInstance());
        List<MolecularGraph> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) continue;
            try {
                out.add(CdkGraphs.fromContainer(parser.parseSmiles(s.split("\\s+", 2)[0])));
            } catch (InvalidSmilesException | IllegalArgumentException e) {
                out.add(new MolecularGraph(List.of(), new byte[0]));
            }
        }
        if (out.isEmpty()) throw new IOException(file + ": no samples");
        return out;
    }

    /** Canonical SMILES of the valid molecules of a reference file. */
    static Set<String> canonicalSet(Path file) throws IOException {
        Set<String> out = new HashSet<>();
        for (MolecularGraph g : MoleculeFiles.readGraphs(file)) if (MoleculeValidity.valid(g)) out.add(CdkGraphs.canonicalSmiles(g));
        return out;
    }

    static void print(String what, MoleculeSetMetrics m, boolean novelty) {
        System.out.printf(Locale.ROOT, "%s: %d samples, validity %.1f %% (connected %.1f %%), uniqueness %.1f %%%s%n", what, m.samples(),
                100 * m.validity(), 100 * m.connectedValidity(), 100 * m.uniqueness(),
                novelty ? String.format(Locale.ROOT, ", novelty %.1f %%", 100 * m.novelty()) : "");
    }

}
