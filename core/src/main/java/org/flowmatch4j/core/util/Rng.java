package org.flowmatch4j.core.util;

import org.apache.commons.rng.RandomProviderState;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one seeded random source of a run (xoshiro128++). Its full state can be saved into a checkpoint and restored,
 * so a resumed training draws exactly the numbers an uninterrupted one would.
 *
 * <pre>{@code
 * Rng rng = new Rng(42);
 * INDArray z = rng.normal(256, 2);          // N(0, I), float
 * byte[] state = rng.saveState();           // ... later: rng.restoreState(state)
 * }</pre>
 */
public final class Rng {
    private final RestorableUniformRandomProvider source;
    private final ZigguratSampler.NormalizedGaussian gauss;

    public Rng(long seed) {
        this.source = RandomSource.XO_SHI_RO_256_PP.create(seed);
        this.gauss = ZigguratSampler.NormalizedGaussian.of(source);
    }

    /** Uniform double in [0, 1). */
    public double uniform() { return source.nextDouble(); }

    /** Uniform int in [0, bound). */
    public int nextInt(int bound) { return source.nextInt(bound); }

    /**
     * An index j ∈ [0, k) drawn with probability p[offset + j] / Σ p (non-negative weights, not necessarily
     * normalised), by one uniform u: the first j with u·Σp &lt; p₀ + … + p_j (k − 1 if rounding leaves none).
     */
    public int categorical(float[] p, int offset, int k) {
        double total = 0, acc = 0;
        for (int j = 0; j < k; j++) total += p[offset + j];
        double u = uniform() * total;
        for (int j = 0; j < k; j++) if (u < (acc += p[offset + j])) return j;
        return k - 1;
    }

    /** As {@link #categorical(float[], int, int)} over all of p. */
    public int categorical(double[] p) {
        double total = 0, acc = 0;
        for (double v : p) total += v;
        double u = uniform() * total;
        for (int j = 0; j < p.length; j++) if (u < (acc += p[j])) return j;
        return p.length - 1;
    }

    /** Standard normal variate. */
    public double gaussian() { return gauss.sample(); }

    /** Independent standard normal entries, float, shape {@code [rows, cols]}. */
    public INDArray normal(int rows, int cols) {
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) v[i] = (float) gauss.sample();
        return Nd4j.createFromArray(v).reshape(rows, cols);
    }

    /**
     * Independent U[0,1) entries, float, shape {@code [n]}. A double within 2^-25 of 1 rounds to 1f; such draws
     * (about one in 33 million) become the largest float below 1, so the interval stays half-open.
     */
    public INDArray uniform(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = Math.min((float) source.nextDouble(), BELOW_ONE);
        return Nd4j.createFromArray(v);
    }

    private static final float BELOW_ONE = Math.nextDown(1f);

    /** Independent ±1 (Rademacher) entries, float, shape {@code [rows, cols]}. */
    public INDArray rademacher(int rows, int cols) {
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) v[i] = source.nextBoolean() ? 1f : -1f;
        return Nd4j.createFromArray(v).reshape(rows, cols);
    }

    /** A uniformly random permutation of 0..n-1 (Fisher–Yates). */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = source.nextInt(i + 1);
            int tmp = p[i]; p[i] = p[j]; p[j] = tmp;
        }
        return p;
    }

    /** The complete generator state; {@link #restoreState} of it reproduces every later draw. */
    public byte[] saveState() {
        return ((RandomProviderDefaultState) source.saveState()).getState();
    }

    /** Restores a state from {@link #saveState}. The Gaussian sampler keeps no cache, so this is exact. */
    public void restoreState(byte[] state) {
        RandomProviderState s = new RandomProviderDefaultState(state);
        source.restoreState(s);
    }
}
