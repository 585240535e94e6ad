package org.flowmatch4j.molecules.task;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flowmatch4j.core.train.Checkpoint;
import org.flowmatch4j.core.train.CheckpointException;
import org.flowmatch4j.molecules.graphflow.GraphFlow;
import org.flowmatch4j.molecules.graphflow.GraphVocabulary;
import org.flowmatch4j.molecules.model.MoleculeGraphModel;

/**
 * A trained molecular graph flow on disk: a checkpoint (kind "molecule-graph") with the network spec, the vocabulary
 * and marginals, the sampling (EMA) weights and the caller's provenance (command, seed, data).
 */
public final class GraphModelFile {
    private GraphModelFile() {}

    public static final String KIND = "molecule-graph";

    public static void save(Path file, GraphFlow flow, long steps, Map<String, String> provenance) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>(provenance);
        meta.put("kind", KIND);
        meta.put("network", flow.model().config().spec());
        meta.putAll(flow.vocabulary().toMap());
        new Checkpoint(meta, steps, new byte[0], Map.of("params", flow.model().samplingParameters())).save(file);
    }

    public static GraphFlow load(Path file) throws IOException {
        Checkpoint c = Checkpoint.load(file);
        Map<String, String> m = c.metadata();
        if (!KIND.equals(m.get("kind"))) throw new CheckpointException(file + ": not a molecule model (kind '" + m.get("kind") + "')");
        GraphFlow flow;
        try {
            flow = new GraphFlow(GraphVocabulary.fromMap(m), new MoleculeGraphModel(MoleculeGraphModel.Config.parse(m.get("network")), 0));
        } catch (RuntimeException e) {
            throw new CheckpointException(file + ": bad molecule model metadata: " + e.getMessage());
        }
        var params = c.array("params");
        var target = flow.model().parameters();
        if (params.length() != target.length())
            throw new CheckpointException("%s: %d weights, the network %s has %d".formatted(file, params.length(), flow.model().config().spec(), target.length()));
        target.assign(params.reshape(target.shape()));
        return flow;
    }
}
