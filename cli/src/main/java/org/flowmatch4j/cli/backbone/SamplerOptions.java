package org.flowmatch4j.cli.backbone;

import java.nio.file.Files;
import java.nio.file.Path;
import org.flowmatch4j.core.train.CheckpointException;
import org.flowmatch4j.proteins.model.FrameTrainer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options 'backbone sample' and 'backbone scaffold' share: model, sampler, output directory. */
public final class SamplerOptions {
    @Option(names = "--model", description = "Run directory of 'backbone train' or 'backbone reflow'; default: the shipped "
            + "pretrained model (models/backbone-small).")
    Path run;
    @Option(names = "--steps", defaultValue = "100", description = "Euler steps (default: ${DEFAULT-VALUE}).")
    int steps;
    @Option(names = "--rotation-rate", description = "Rotation schedule: exponential with this rate (FrameFlow: 10), or 0 for the linear "
            + "schedule; default: what the model recorded (the shipped model: 5; trained models: FrameFlow's 10; reflowed models: 0).")
    Double rate;
    @Option(names = "--rotations", description = "How rotations step: matrix (SO(3) exp/log) or quaternion (ReQFlow's SLERP); "
            + "default: what the model recorded.")
    String rotations;
    @Option(names = "--steric", defaultValue = "" + SampleWriter.STERIC_RADIUS, description = "Steric exclusion: every step's "
            + "prediction is projected so that no two Ca at least 3 apart in sequence are closer than this many Angstrom "
            + "(motif residues stay fixed; 0 = off; default: ${DEFAULT-VALUE}).")
    double steric;
    @Option(names = "--bonds", defaultValue = "" + SampleWriter.BOND_TOLERANCE, description = "Chain geometry: every step's "
            + "prediction is projected so that consecutive Ca lie 3.8 Angstrom apart within this slack (after --steric; motif "
            + "residues stay fixed; 'off' = no projection; default: ${DEFAULT-VALUE}).")
    String bonds;
    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;
    @Option(names = "--overwrite", description = "Replace results already in --out.")
    boolean overwrite;

    /**
     * The --steric and --bonds projections for chains of {@code length} with these residues held fixed (null: none), or
     * null when both are off (call after {@link #load}, which checks them).
     */
    FrameTrainer.PredictionConstraint geometry(int length, boolean[] fixed) {
        return SampleWriter.geometry(length, steric, bondTolerance(), fixed);
    }

    /** --bonds as a number of Angstrom, null for 'off'; NumberFormatException when it is neither. */
    private Double bondTolerance() {
        return bonds.equals("off") ? null : Double.valueOf(bonds);
    }

    /** The model with its sampler, after checking --out and --steps; usage errors name the option. */
    record Loaded(org.flowmatch4j.proteins.model.FrameModel model, FrameTrainer.Sampling sampling) {}

    Loaded load(CommandLine.Model.CommandSpec spec) {
        if (Files.exists(out.resolve("metrics.csv")) && !overwrite) {
            throw new CommandLine.ParameterException(spec.commandLine(), out + " already holds samples; pass --overwrite to replace them");
        }
        if (steps < 1) throw new CommandLine.ParameterException(spec.commandLine(), "need --steps >= 1");
        if (!(steric >= 0 && steric < 10)) throw new CommandLine.ParameterException(spec.commandLine(), "need 0 <= --steric < 10 (Angstrom), got " + steric);
        Double tolerance;
        try {
            tolerance = bondTolerance();
        } catch (NumberFormatException e) {
            tolerance = Double.NaN;
        }
        if (tolerance != null && !(tolerance >= 0 && tolerance <= 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "need --bonds 'off' or a slack 0 <= T <= 1 (Angstrom), got " + bonds);
        }
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        try {
            SampleWriter.Trained trained = SampleWriter.load(run);
            return new Loaded(trained.model(), trained.sampling(steps, rate, rotations));
        } catch (CheckpointException | IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
