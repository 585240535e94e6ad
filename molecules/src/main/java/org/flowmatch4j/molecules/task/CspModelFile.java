package org.flowmatch4j.molecules.task;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.flowmatch4j.core.train.Checkpoint;
import org.flowmatch4j.core.train.CheckpointException;
import org.flowmatch4j.molecules.flow.CspFlow;
import org.flowmatch4j.molecules.flow.LatticeCoding;
import org.flowmatch4j.molecules.model.CrystalVelocityModel;

/**
 * A trained crystal flow on disk: a checkpoint with the network spec, the lattice coding (μ, σ), for de-novo models
 * the atom-count histogram, and the sampling (EMA) weights, plus whatever provenance the caller adds (command, seed, data fingerprint).
 */
public final class CspModelFile {
    private CspModelFile() {}

    public static void save(Path file, CspFlow flow, long steps, Map<String, String> provenance) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>(provenance);
        meta.put("kind", "crystal-csp");
        meta.put("network", flow.model().config().spec());
        meta.put("lattice_mean", join(flow.coding().mean()));
        meta.put("lattice_std", join(flow.coding().std()));
        if (flow.sizes() != null) meta.put("atom_counts", join(flow.sizes()));
        new Checkpoint(meta, steps, new byte[0], Map.of("params", flow.model().samplingParameters())).save(file);
    }

    /** The flow of a saved model; its network holds the saved weights. */
    public static CspFlow load(Path file) throws IOException {
        Checkpoint c = Checkpoint.load(file);
        Map<String, String> m = c.metadata();
        if (!"crystal-csp".equals(m.get("kind")))
            throw new CheckpointException(file + ": not a crystal model (kind '" + m.get("kind") + "')");
        CrystalVelocityModel model;
        LatticeCoding coding;
        double[] sizes;
        try {
            model = new CrystalVelocityModel(CrystalVelocityModel.Config.parse(m.get("network")), 0);
            coding = new LatticeCoding(parse(m.get("lattice_mean")), parse(m.get("lattice_std")));
            sizes = m.containsKey("atom_counts") ? parse(m.get("atom_counts")) : null;
        } catch (RuntimeException e) {
            throw new CheckpointException(file + ": bad crystal model metadata: " + e.getMessage());
        }
        var params = c.array("params");
        if (params.length() != model.parameters().length())
            throw new CheckpointException("%s: %d weights, the network %s has %d".formatted(file, params.length(),
                    model.config().spec(), model.parameters().length()));
        model.parameters().assign(params.reshape(model.parameters().shape()));
        try {
            return new CspFlow(coding, model, sizes);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file + ": " + e.getMessage());
        }
    }

    /** The metadata alone. */
    public static Map<String, String> metadata(Path file) throws IOException {
        return Checkpoint.load(file).metadata();
    }

    private static String join(double[] v) {
        return Arrays.stream(v).mapToObj(x -> String.format(Locale.ROOT, "%.17g", x)).collect(Collectors.joining(","));
    }

    private static double[] parse(String s) {
        return Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray();
    }
}
