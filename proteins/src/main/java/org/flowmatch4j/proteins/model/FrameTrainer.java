package org.flowmatch4j.proteins.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.flowmatch4j.core.path.PathSample;
import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.proteins.flow.FrameFlow;
import org.flowmatch4j.proteins.geometry.Frames;
import org.flowmatch4j.proteins.io.Backbone;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a {@link FrameModel} on random crops of backbones with FrameFlow's recipe (uniform-rotation and Gaussian
 * noise, Kabsch-aligned minibatch OT, geodesic paths with one t per protein) and samples from it with the
 * exponential rotation schedule.
 */
public final class FrameTrainer {
    private FrameTrainer() {}

    /** Random windows of {@code length} residues from chains at least that long (frames in Å). */
    public static List<Frames> crops(List<Backbone> data, int length, int count, Rng rng) {
        List<Backbone> usable = data.stream().filter(b -> b.length() >= length).toList();
        Checks.require(!usable.isEmpty(), "no chain has >= %d residues", length);
        List<Frames> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            Backbone b = usable.get(rng.nextInt(usable.size()));
            int start = rng.nextInt(b.length() - length + 1);
            Frames f = Frames.of(b);
            out.add(new Frames(java.util.Arrays.copyOfRange(f.rotations(), start, start + length),
                    java.util.Arrays.copyOfRange(f.translations(), start, start + length)));
        }
        return out;
    }

    /** Runs {@code steps} training steps; returns the loss of each. */
    public static double[] train(FrameModel model, List<Backbone> data, int steps, int batch, double lr, Rng rng,
                                 IntConsumer progress) {
        int n = model.config().length();
        double[] losses = new double[steps];
        for (int s = 0; s < steps; s++) {
            INDArray x1 = FrameFlow.toRows(crops(data, n, batch, rng));
            INDArray x0 = FrameFlow.pairNoise(FrameFlow.noise(batch, n, rng), x1, n);
            double[] t = new double[batch];
            for (int i = 0; i < batch; i++) t[i] = Math.min(rng.uniform(), 0.999);
            PathSample p = FrameFlow.sample(x0, x1, Nd4j.createFromArray(t), n);
            losses[s] = model.trainStep(p.xt(), x1, t, lr, 1.0);
            if (progress != null) progress.accept(s + 1);
        }
        return losses;
    }

    /** {@code count} backbones' frames (Å) by Euler steps from noise, rotations at rate {@code rotationRate}. */
    public static List<Frames> sample(FrameModel model, int count, int steps, double rotationRate, Rng rng) {
        int n = model.config().length();
        INDArray x = FrameFlow.noise(count, n, rng);
        double[] t = new double[count];
        for (int k = 0; k < steps; k++) {
            double tk = k / (double) steps;
            java.util.Arrays.fill(t, tk);
            INDArray pred = model.predict(x, t);
            x = k + 1 == steps ? pred : FrameFlow.eulerStep(x, pred, tk, 1.0 / steps, rotationRate);
        }
        return FrameFlow.fromRows(x, n);
    }
}
