package org.flowmatch4j.cli.molecule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.flowmatch4j.cli.CommonOptions;
import org.flowmatch4j.cli.OutputDir;
import org.flowmatch4j.core.util.AtomicFiles;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.molecules.graph.CdkGraphs;
import org.flowmatch4j.molecules.graph.MolecularGraph;
import org.flowmatch4j.molecules.graphflow.GraphFlow;
import org.flowmatch4j.molecules.graphflow.ValenceCorrection;
import org.flowmatch4j.molecules.molio.MoleculeFiles;
import org.flowmatch4j.molecules.molmetrics.MoleculeSetMetrics;
import org.flowmatch4j.molecules.molmetrics.MoleculeValidity;
import org.flowmatch4j.molecules.task.GraphModelFile;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.openscience.cdk.interfaces.IAtomContainer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code flowmatch molecule sample}. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Generate molecules with a trained graph flow; writes DIR/samples.smi (every sample, canonical SMILES when "
                + "valid), DIR/molecules.sdf (the valid ones, 2-D coordinates) and DIR/summary.csv (per sample: atoms, validity, "
                + "fragments, the problem of an invalid one), and prints validity, uniqueness and novelty.")
public final class MoleculeSampleCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--model", required = true, description = "Run directory of 'molecule train' (or its model file).")
    Path model;
    @Option(names = "--num", defaultValue = "1000", description = "Molecules to generate (default: ${DEFAULT-VALUE}).")
    int num;
    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;
    @Option(names = "--steps", defaultValue = "100", description = "Euler steps of the discrete flow (default: ${DEFAULT-VALUE}).")
    int steps;
    @Option(names = "--time-power", defaultValue = "2", description = "Time grid t_k = 1 − (1 − k/K)^γ; γ > 1 puts more steps near t = 1 (default: ${DEFAULT-VALUE}).")
    double timePower;
    @Option(names = "--batch", defaultValue = "128", description = "Graphs integrated together (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--correct", description = "Apply valence correction (lower over-valent bonds) before writing; both validities are reported either way.")
    boolean correct;
    @Option(names = "--reference", description = "Training molecules (SMILES/SDF) for novelty.")
    Path reference;
    @Option(names = "--overwrite", description = "Replace samples already in --out.")
    boolean overwrite;

    @Override public Integer call() throws IOException {
        OutputDir.refuseOverwrite(spec, out.resolve("summary.csv"), overwrite, "samples");
        if (num < 1 || steps < 1 || batch < 1 || !(timePower > 0))
            throw new CommandLine.ParameterException(spec.commandLine(), "need positive --num, --steps, --batch, --time-power");
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        GraphFlow flow;
        Set<String> known;
        try {
            flow = GraphModelFile.load(Files.isDirectory(model) ? model.resolve("model") : model);
            known = reference == null ? Set.of() : MoleculeEvalCommand.canonicalSet(reference);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        long t0 = System.nanoTime();
        List<MolecularGraph> raw = flow.sample(num, steps, timePower, batch, new Rng(common.seed));
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<MolecularGraph> corrected = raw.stream().map(ValenceCorrection::apply).toList();
        List<MolecularGraph> kept = correct ? corrected : raw;
        MoleculeSetMetrics before = MoleculeSetMetrics.evaluate(raw, known), after = MoleculeSetMetrics.evaluate(corrected, known);
        String[] smiles = MoleculeSetMetrics.canonical(kept);
        StringBuilder csv = new StringBuilder("index,name,atoms,valid,fragments,valid_after_correction,smiles,problem\n");
        List<String> lines = new ArrayList<>(), names = new ArrayList<>(), sdfNames = new ArrayList<>(), sdfSmiles = new ArrayList<>();
        List<IAtomContainer> sdf = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            MolecularGraph g = kept.get(i);
            String name = String.format(Locale.ROOT, "sample_%04d", i);
            String problem = MoleculeValidity.problem(g).orElse("");
            String text = smiles[i] != null ? smiles[i] : rawSmiles(g);
            lines.add(text);
            names.add(name);
            if (smiles[i] != null) { sdf.add(CdkGraphs.toContainer(g)); sdfNames.add(name); sdfSmiles.add(smiles[i]); }
            csv.append(String.format(Locale.ROOT, "%d,%s,%d,%b,%d,%b,%s,\"%s\"%n", i, name, g.size(), smiles[i] != null,
                    java.util.Arrays.stream(g.components()).max().orElse(-1) + 1, MoleculeValidity.valid(corrected.get(i)), text,
                    problem.replace("\"", "\"\"")));
        }
        OutputDir.mark(out);
        MoleculeFiles.writeSmiles(out.resolve("samples.smi"), lines, names);
        MoleculeFiles.writeSdf(out.resolve("molecules.sdf"), sdf, sdfNames, sdfSmiles);
        AtomicFiles.writeString(out.resolve("summary.csv"), csv.toString());
        System.out.printf(Locale.ROOT, "sampled %d molecules in %.1f s (%.1f ms each, %d steps)%n", num, seconds, 1000 * seconds / num, steps);
        MoleculeEvalCommand.print("raw samples", before, reference != null);
        MoleculeEvalCommand.print("after valence correction", after, reference != null);
        System.out.printf("wrote %s/{samples.smi, molecules.sdf, summary.csv}%s%n", out, correct ? " (corrected)" : "");
        return 0;
    }

    private static String rawSmiles(MolecularGraph g) {
        try {
            return MoleculeFiles.smiles(CdkGraphs.toContainer(g));
        } catch (Exception e) {
            return "invalid";
        }
    }
}
