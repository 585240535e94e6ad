package org.flowmatch4j.cli.nets;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.core.util.Rng;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Cos;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sin;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A fixed (parameter-free) map x ↦ φ(x) applied to the data coordinates before the MLP, with its pull-back
 * gᵀ ∂φ/∂x for vector-Jacobian products. Spec strings: {@code id}, {@code rff<m>s<σ>} (Gaussian random Fourier
 * features), {@code per<M>} (harmonics of angles).
 */
public sealed interface InputFeatures {
    /** Width of φ(x) for d coordinates. */
    int width(int d);

    /** φ(x), shape [n, width]. */
    INDArray apply(INDArray x);

    /**
     * Writes φ(x) into {@code out} ([n, width], may be a column view of a wider array, e.g. a network's input)
     * without building φ(x) first; the network calls this once per forward pass.
     */
    default void applyInto(INDArray x, INDArray out) { out.assign(apply(x)); }

    /** gᵀ ∂φ/∂x per row, shape [n, d], for g of shape [n, width]. */
    INDArray pullback(INDArray x, INDArray g);

    String spec();

    static InputFeatures parse(String s) {
        if (s.equals("id")) return new Identity();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("rff(\\d{1,4})s(\\d{1,3}(\\.\\d{1,3})?)").matcher(s);
        if (m.matches()) return new GaussianFourier(Integer.parseInt(m.group(1)), Double.parseDouble(m.group(2)));
        m = java.util.regex.Pattern.compile("per(\\d{1,2})").matcher(s);
        if (m.matches()) return new Periodic(Integer.parseInt(m.group(1)));
        throw new IllegalArgumentException("unknown input features '" + s + "', expected id, rff<m>s<sigma> or per<M>");
    }

    /** φ(x) = x. */
    record Identity() implements InputFeatures {
        @Override public int width(int d) { return d; }
        @Override public INDArray apply(INDArray x) { return x; }
        @Override public INDArray pullback(INDArray x, INDArray g) { return g; }
        @Override public String spec() { return "id"; }
    }

    /**
     * φ(x) = [x, sin(x B), cos(x B)] with B ∈ R^(d×m), B_ij ~ N(0, σ²) drawn from a seed fixed by (d, m) so a spec
     * always means the same map (Tancik et al. 2020); ∂/∂x: g_x + (g_sin ⊙ cos(xB) − g_cos ⊙ sin(xB)) Bᵀ.
     */
    record GaussianFourier(int count, double scale) implements InputFeatures {
        private static final Map<String, INDArray> MATRICES = new ConcurrentHashMap<>();

        public GaussianFourier {
            Checks.positive("Fourier feature count", count);
            Checks.require(scale > 0, "Fourier feature scale must be > 0, got %s", scale);
        }

        /** B for d coordinates, made once per (d, m, σ, type): drawing it per call cost more than the features. */
        private INDArray matrix(int d, DataType type) {
            return MATRICES.computeIfAbsent(spec() + "/" + d + "/" + type, k ->
                    new Rng(0x5EEDL * 31 + d * 1009L + count).normal(d, count).castTo(type).muli(scale));
        }

        @Override public int width(int d) { return d + 2 * count; }

        @Override public INDArray apply(INDArray x) {
            INDArray out = Nd4j.create(x.dataType(), x.size(0), width((int) x.size(1)));
            applyInto(x, out);
            return out;
        }

        /** Three ops and one temporary (x·B): sin and cos are written straight into their columns of out. */
        @Override public void applyInto(INDArray x, INDArray out) {
            int d = (int) x.size(1);
            INDArray proj = x.mmul(matrix(d, x.dataType()));
            out.get(NDArrayIndex.all(), NDArrayIndex.interval(0, d)).assign(x);
            Nd4j.exec(new Sin(proj, out.get(NDArrayIndex.all(), NDArrayIndex.interval(d, d + count))));
            Nd4j.exec(new Cos(proj, out.get(NDArrayIndex.all(), NDArrayIndex.interval(d + count, d + 2 * count))));
        }

        @Override public INDArray pullback(INDArray x, INDArray g) {
            int d = (int) x.size(1);
            INDArray b = matrix(d, x.dataType()), proj = x.mmul(b);
            INDArray gx = g.get(NDArrayIndex.all(), NDArrayIndex.interval(0, d));
            INDArray gs = g.get(NDArrayIndex.all(), NDArrayIndex.interval(d, d + count));
            INDArray gc = g.get(NDArrayIndex.all(), NDArrayIndex.interval(d + count, d + 2 * count));
            INDArray sin = Transforms.sin(proj, true);
            INDArray inner = Transforms.cos(proj, false).muli(gs).subi(sin.muli(gc));
            return inner.mmul(b.transpose()).addi(gx);
        }

        @Override public String spec() { return "rff" + count + "s" + scale; }
    }

    /**
     * For angles θ (flat torus): φ(θ) = [cos(kθ_i), sin(kθ_i)] for k = 1..M, periodic so the field is continuous
     * across ±π; ∂/∂θ_i: Σ_k k (g_sin,k cos kθ_i − g_cos,k sin kθ_i).
     */
    record Periodic(int harmonics) implements InputFeatures {
        public Periodic { Checks.positive("harmonics", harmonics); }

        @Override public int width(int d) { return 2 * harmonics * d; }

        @Override public INDArray apply(INDArray x) {
            INDArray out = Nd4j.create(x.dataType(), x.size(0), width((int) x.size(1)));
            applyInto(x, out);
            return out;
        }

        /** Per harmonic one temporary (k x) and two ops writing into out's columns. */
        @Override public void applyInto(INDArray x, INDArray out) {
            int d = (int) x.size(1);
            for (int k = 1; k <= harmonics; k++) {
                INDArray kx = x.mul(k);
                int c = (2 * k - 2) * d, s = (2 * k - 1) * d;
                Nd4j.exec(new Cos(kx, out.get(NDArrayIndex.all(), NDArrayIndex.interval(c, c + d))));
                Nd4j.exec(new Sin(kx, out.get(NDArrayIndex.all(), NDArrayIndex.interval(s, s + d))));
            }
        }

        @Override public INDArray pullback(INDArray x, INDArray g) {
            int d = (int) x.size(1);
            INDArray out = x.ulike().assign(0);
            for (int k = 1; k <= harmonics; k++) {
                int c = (2 * k - 2) * d, s = (2 * k - 1) * d;
                INDArray gc = g.get(NDArrayIndex.all(), NDArrayIndex.interval(c, c + d));
                INDArray gs = g.get(NDArrayIndex.all(), NDArrayIndex.interval(s, s + d));
                INDArray kx = x.mul(k);
                out.addi(gs.mul(Transforms.cos(kx, true)).subi(gc.mul(Transforms.sin(kx, false))).muli(k));
            }
            return out;
        }

        @Override public String spec() { return "per" + harmonics; }
    }
}
