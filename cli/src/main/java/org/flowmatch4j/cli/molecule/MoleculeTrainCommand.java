package org.flowmatch4j.cli.molecule;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flowmatch4j.cli.CommonOptions;
import org.flowmatch4j.cli.OutputDir;
import org.flowmatch4j.cli.TrainingProgress;
import org.flowmatch4j.core.FlowMatch4j;
import org.flowmatch4j.core.train.LrSchedule;
import org.flowmatch4j.core.util.AtomicFiles;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.molecules.graph.MolecularGraph;
import org.flowmatch4j.molecules.graphflow.GraphFlow;
import org.flowmatch4j.molecules.graphflow.GraphVocabulary;
import org.flowmatch4j.molecules.model.MoleculeGraphModel;
import org.flowmatch4j.molecules.molio.MoleculeFiles;
import org.flowmatch4j.molecules.task.GraphModelFile;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code flowmatch molecule train}. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a discrete graph flow (DeFoG-style: marginal source, atom tokens and bond types as categorical "
                + "variables) on molecules from a SMILES or SDF file. Molecules are hydrogen-suppressed and kekulised.")
public final class MoleculeTrainCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--data", required = true, description = "SMILES (.smi, .smiles, .txt) or SDF file, optionally gzipped.")
    Path data;
    @Option(names = "--out", required = true, description = "Run directory.")
    Path out;
    @Option(names = "--steps", defaultValue = "4000", description = "Training steps (default: ${DEFAULT-VALUE}).")
    int steps;
    @Option(names = "--batch", defaultValue = "64", description = "Molecules per step (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--lr", defaultValue = "1e-3", description = "Peak learning rate, warm-up then cosine (default: ${DEFAULT-VALUE}).")
    double lr;
    @Option(names = "--hidden", defaultValue = "128", description = "Atom state width (default: ${DEFAULT-VALUE}).")
    int hidden;
    @Option(names = "--pair-hidden", defaultValue = "32", description = "Atom-pair state width (default: ${DEFAULT-VALUE}).")
    int pairHidden;
    @Option(names = "--layers", defaultValue = "6", description = "Message-passing layers (default: ${DEFAULT-VALUE}).")
    int layers;
    @Option(names = "--overwrite", description = "Replace a model already in --out.")
    boolean overwrite;

    @Override public Integer call() throws IOException {
        OutputDir.refuseOverwrite(spec, out.resolve("model"), overwrite, "a model");
        if (steps < 1 || batch < 1 || lr <= 0 || hidden < 1 || pairHidden < 1 || layers < 1)
            throw new CommandLine.ParameterException(spec.commandLine(), "need positive --steps, --batch, --lr, --hidden, --pair-hidden, --layers");
        List<MolecularGraph> graphs;
        try {
            graphs = MoleculeFiles.readGraphs(data);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        GraphVocabulary vocab = GraphVocabulary.fit(graphs);
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        MoleculeGraphModel.Config cfg = new MoleculeGraphModel.Config(vocab.maxAtoms(), vocab.categories(), hidden, pairHidden, layers);
        MoleculeGraphModel model = new MoleculeGraphModel(cfg, common.seed);
        model.useEma(0.999);
        GraphFlow flow = new GraphFlow(vocab, model);
        List<GraphFlow.Encoded> encoded = graphs.stream().map(flow::encode).toList();
        OutputDir.mark(out);
        TrainingProgress progress = new TrainingProgress(steps);
        System.err.printf(Locale.ROOT, "training graph flow on %d molecules (up to %d heavy atoms, tokens %s), network %s%n",
                graphs.size(), vocab.maxAtoms(), vocab.tokens(), cfg.spec());
        flow.train(encoded, new GraphFlow.Options(steps, batch, lr, LrSchedule.warmupCosine(Math.min(200, steps / 10), 0.05), 1.0),
                new Rng(common.seed), progress::step);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("library", "FlowMatch4j " + FlowMatch4j.VERSION);
        meta.put("seed", Long.toString(common.seed));
        meta.put("training_molecules", Integer.toString(graphs.size()));
        meta.put("command", String.format(Locale.ROOT, "molecule train --data %s --steps %d --batch %d --lr %s --hidden %d --pair-hidden %d --layers %d --seed %d",
                data, steps, batch, lr, hidden, pairHidden, layers, common.seed));
        AtomicFiles.writeString(out.resolve("losses.csv"), progress.csv());
        GraphModelFile.save(out.resolve("model"), flow, steps, meta);
        System.out.printf(Locale.ROOT, "trained graph flow on %d molecules in %.0f s; wrote %s/{model, losses.csv}%n",
                graphs.size(), progress.seconds(), out);
        return 0;
    }
}
