package org.flowmatch4j.proteins.model;

import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.core.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Training batches for amortised motif scaffolding (FrameFlow's motif-conditioned model, Yim et al. 2024): wraps a
 * batch source, and each protein, with probability p, gets a motif of k ∈ {1, 2, 3} contiguous segments (k uniform)
 * whose total length is uniform in [max(1, ⌈0.05 n⌉), ⌊0.5 n⌋], in random order with scaffold gaps between them. The
 * protein's data rows are translated so that the motif's Cα centroid is the origin, as at sampling, where the motif's
 * position is all that is known; the trainer holds the motif rows of x_t at their data frames. Proteins without a
 * motif keep their centred rows and a zero mask, so one model also samples unconditionally.
 */
public record MotifCrops(FrameTrainer.BatchSource source, double probability) implements FrameTrainer.BatchSource {
    public MotifCrops {
        Checks.require(probability >= 0 && probability <= 1, "motif probability must be in [0, 1], got %s", probability);
    }

    @Override public FrameTrainer.Batch next(Rng rng) {
        FrameTrainer.Batch b = source.next(rng);
        int n = b.length();
        float[] mask = new float[b.proteins() * n];
        INDArray x1 = b.x1().dup();
        for (int p = 0; p < b.proteins(); p++) {
            if (rng.uniform() >= probability) continue;
            boolean[] motif = residues(n, rng);
            INDArray m = Nd4j.zeros(x1.dataType(), 1, n);
            for (int i = 0; i < n; i++) {
                if (!motif[i]) continue;
                mask[p * n + i] = 1;
                m.putScalar(0, i, 1);
            }
            INDArray trans = x1.get(NDArrayIndex.interval(p * n, (p + 1) * n), NDArrayIndex.interval(9, 12));
            trans.subiRowVector(m.mmul(trans).divi(m.sumNumber().doubleValue()));
        }
        return new FrameTrainer.Batch(b.x0(), x1, n, b.proteins(), mask);
    }

    /** A random motif of a chain of n residues as a mask: 1–3 segments covering 5–50 % of the chain. */
    static boolean[] residues(int n, Rng rng) {
        Checks.require(n >= 4, "need at least 4 residues for a motif, got %d", n);
        int lo = Math.max(1, (int) Math.ceil(0.05 * n)), hi = Math.max(lo, n / 2);
        int total = lo + rng.nextInt(hi - lo + 1), k = Math.min(1 + rng.nextInt(3), total);
        int[] seg = spread(total - k, k, rng), gap = spread(n - total - (k - 1), k + 1, rng);
        for (int j = 0; j < k; j++) seg[j]++;
        for (int j = 1; j < k; j++) gap[j]++;                     // segments stay apart
        boolean[] out = new boolean[n];
        int at = 0;
        for (int j = 0; j < k; j++) {
            at += gap[j];
            for (int i = 0; i < seg[j]; i++) out[at++] = true;
        }
        return out;
    }

    /** {@code units} spread over {@code bins} at random (each unit to a uniform bin). */
    private static int[] spread(int units, int bins, Rng rng) {
        int[] out = new int[bins];
        for (int u = 0; u < units; u++) out[rng.nextInt(bins)]++;
        return out;
    }
}
