package org.flowmatch4j.proteins.model;

import java.util.ArrayList;
import java.util.List;
import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.proteins.flow.FrameFlow;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ReQFlow's reflow for backbones (after Liu et al.'s rectified flow): sample the trained model from fixed noise to
 * get coupled pairs (x0, x1 = sampler(x0)), then fine-tune on those pairs with the identity coupling (no OT, no
 * re-alignment), so that the straight geodesic paths between x0 and x1 are what the model learns; the reflowed model
 * samples with the linear rotation schedule in few steps.
 */
public final class FrameReflow {
    private FrameReflow() {}

    /** Noise rows and the backbone each was sampled into, for one length; rows [P·L, 12] (nm). */
    public record Pairs(int length, INDArray x0, INDArray x1) {
        public int count() { return (int) x0.size(0) / length; }
    }

    /**
     * @param perLength pairs per length, sampled {@code batch} at a time
     */
    public static List<Pairs> generate(FrameModel model, int[] lengths, int perLength, int batch, FrameTrainer.Sampling sampling,
                                       Rng rng, java.util.function.IntConsumer progress) {
        Checks.require(perLength > 0 && batch > 0, "need pairs per length > 0 and batch > 0");
        List<Pairs> out = new ArrayList<>();
        int done = 0;
        for (int n : lengths) {
            List<INDArray> x0 = new ArrayList<>(), x1 = new ArrayList<>();
            for (int start = 0; start < perLength; start += batch) {
                int b = Math.min(batch, perLength - start);
                INDArray noise = FrameFlow.noise(b, n, rng);
                x0.add(noise);
                x1.add(FrameTrainer.sampleRows(model, noise, n, sampling, null));
                done += b;
                if (progress != null) progress.accept(done);
            }
            out.add(new Pairs(n, Nd4j.vstack(x0.toArray(INDArray[]::new)), Nd4j.vstack(x1.toArray(INDArray[]::new))));
        }
        return out;
    }

    /** Batches of stored pairs: one length at random, ⌊tokens / length⌋ pairs (at least 1) drawn with replacement. */
    public record PairSource(List<Pairs> pairs, int tokens) implements FrameTrainer.BatchSource {
        @Override public FrameTrainer.Batch next(Rng rng) {
            Pairs p = pairs.get(rng.nextInt(pairs.size()));
            int n = p.length(), b = Math.max(1, tokens / n);
            INDArray x0 = Nd4j.create(p.x0().dataType(), (long) b * n, 12), x1 = x0.ulike();
            for (int k = 0; k < b; k++) {
                int i = rng.nextInt(p.count());
                for (int r = 0; r < n; r++) {
                    x0.putRow((long) k * n + r, p.x0().getRow((long) i * n + r));
                    x1.putRow((long) k * n + r, p.x1().getRow((long) i * n + r));
                }
            }
            return new FrameTrainer.Batch(x0, x1, n, b);
        }
    }
}
