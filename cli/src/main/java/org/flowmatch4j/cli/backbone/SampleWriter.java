package org.flowmatch4j.cli.backbone;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.flowmatch4j.core.train.Checkpoint;
import org.flowmatch4j.core.train.CheckpointException;
import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.proteins.geometry.Frames;
import org.flowmatch4j.proteins.geometry.IdealBackbone;
import org.flowmatch4j.proteins.guidance.BondLengthProjection;
import org.flowmatch4j.proteins.guidance.ChainGeometry;
import org.flowmatch4j.proteins.guidance.StericRepulsion;
import org.flowmatch4j.proteins.io.Backbone;
import org.flowmatch4j.proteins.io.StructureWriter;
import org.flowmatch4j.proteins.metrics.BackboneMetrics;
import org.flowmatch4j.proteins.metrics.SecondaryStructure;
import org.flowmatch4j.proteins.model.FrameModel;
import org.flowmatch4j.proteins.model.FrameTrainer;

/** What 'backbone sample' and 'backbone scaffold' share: loading a trained model, writing a sample and its metrics. */
final class SampleWriter {
    /** Columns every metrics.csv row starts with after the file name and length. */
    static final String METRICS_HEADER = "ca_ca_valid,ca_ca_deviation,strict_clashes,radius_of_gyration,helix,strand,coil";

    private SampleWriter() {}

    /** A trained model and the metadata of its checkpoint. */
    record Trained(FrameModel model, java.util.Map<String, String> metadata) {
        /**
         * The sampler: the given rate and rotation mode, or else those the run recorded (a reflowed model records
         * the linear schedule and quaternions), or else FrameFlow's (rate 10, SO(3) exp/log).
         */
        FrameTrainer.Sampling sampling(int steps, Double rate, String rotations) {
            double c = rate != null ? rate : Double.parseDouble(metadata.getOrDefault("rotation_rate", "10"));
            String mode = rotations != null ? rotations : metadata.getOrDefault("rotations", "matrix");
            Checks.require(mode.equals("matrix") || mode.equals("quaternion"), "--rotations must be matrix or quaternion, got '%s'", mode);
            return new FrameTrainer.Sampling(steps, c, mode.equals("quaternion"));
        }
    }

    /** The sampler's default steric-exclusion radius (Å): below the closest non-neighbouring Cα pair of the shipped data. */
    static final double STERIC_RADIUS = 3.4;
    /** The sampler's default slack around the 3.8 Å Cα–Cα bond (Å): half the ±0.1 Å that counts as valid. */
    static final double BOND_TOLERANCE = 0.05;

    /**
     * The sampler's geometry projection for chains of {@code length}: steric exclusion at {@code radius} Å (spread over
     * 4 residues; 0 = off) and consecutive Cα at 3.8 ± {@code bondTolerance} Å (null = off), alternated until both hold
     * when both are on; {@code fixed} residues never move (null: none). Null when both are off.
     */
    static FrameTrainer.PredictionConstraint geometry(int length, double radius, Double bondTolerance, boolean[] fixed) {
        boolean[] held = fixed == null ? new boolean[length] : fixed;
        BondLengthProjection bonds = bondTolerance == null ? null : new BondLengthProjection(length, bondTolerance, 500, held);
        StericRepulsion steric = radius == 0 ? null : new StericRepulsion(length, radius, 3, 4, 200, held);
        if (steric == null || bonds == null) return steric != null ? steric : bonds;
        return new ChainGeometry(length, steric, bonds, 20);
    }

    /** The pretrained model shipped with FlowMatch4j (models/backbone-small in the repository, inside the jar). */
    static final String BUILTIN = "models/backbone-small/model";

    /**
     * The frame model of a 'backbone train' or 'backbone reflow' run directory, with its sampling weights; null means
     * the shipped pretrained model.
     */
    static Trained load(Path run) throws CheckpointException {
        Checkpoint ck = run == null ? builtin() : Checkpoint.load(run.resolve("model"));
        FrameModel model;
        try {
            model = new FrameModel(FrameModel.parseSpec(ck.metadata().getOrDefault("network", "")), 0);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(run + "/model: " + e.getMessage());
        }
        Checks.require(ck.array("params").length() == model.parameters().length(), "%s/model holds %d weights, the network needs %d",
                run, ck.array("params").length(), model.parameters().length());
        model.parameters().assign(ck.array("params").reshape(model.parameters().shape()));
        return new Trained(model, ck.metadata());
    }

    private static Checkpoint builtin() throws CheckpointException {
        try (var in = SampleWriter.class.getClassLoader().getResourceAsStream(BUILTIN)) {
            if (in == null) throw new CheckpointException("this build has no pretrained backbone model (" + BUILTIN + "); pass --model RUN");
            Path tmp = java.nio.file.Files.createTempFile("flowmatch-backbone", ".model");
            try {
                java.nio.file.Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                return Checkpoint.load(tmp);
            } finally {
                java.nio.file.Files.deleteIfExists(tmp);
            }
        } catch (java.io.IOException e) {
            throw new CheckpointException("reading the pretrained backbone model failed: " + e.getMessage(), e);
        }
    }

    /** Writes the backbone (ideal N, Cα, C, O on the frames) as PDB and returns its metrics columns. */
    static String write(Path file, String sequence, Frames frames) throws IOException {
        Backbone b = IdealBackbone.build(file.getFileName().toString(), "A", sequence, frames, null);
        StructureWriter.write(file, StructureWriter.structure(List.of(b)));
        BackboneMetrics m = BackboneMetrics.of(b);
        SecondaryStructure ss = SecondaryStructure.of(b);
        return String.format(Locale.ROOT, "%.4f,%.4f,%d,%.3f,%.4f,%.4f,%.4f", m.caCaValid(), m.caCaDeviation(), m.strictClashes(),
                m.radiusOfGyration(), ss.helix(), ss.strand(), ss.coil());
    }
}
