package org.flowmatch4j.cli.density;

import org.flowmatch4j.manifolds.FlatTorus;
import org.flowmatch4j.manifolds.Sphere;
import org.flowmatch4j.manifolds.density.BaseDensity;
import org.flowmatch4j.manifolds.density.KernelDensity;
import org.flowmatch4j.manifolds.density.SphereKernelDensity;
import org.flowmatch4j.manifolds.density.TorusKernelDensity;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The base distribution of a density run, from its option text: {@code uniform} (the manifold's own), {@code kde}
 * (a kernel density on the training points with a uniform share ε — von Mises–Fisher kernels on S², von Mises
 * product kernels on the flat torus —, its concentration that of the plain kernel estimate fitted on the validation
 * points, then its bandwidth multiplied by {@code widen}) or {@code kde:K} (concentration K). The plain estimate is
 * fitted on purpose: with the uniform share, validation points that repeat a training point exactly would reward ever
 * narrower kernels (each gains log κ) while the share caps the loss on the others, so the fit would run to the end of
 * the grid and describe the grid, not the data. Models store {@link BaseDensity#describe()}; {@link #restore}
 * rebuilds the base from that text and the split.
 */
public final class BaseSpec {
    private BaseSpec() {}

    /** Checks the option text without data (IllegalArgumentException with the reason). */
    public static void check(String spec, double widen, double uniform) {
        if (!(spec.equals("uniform") || spec.equals("kde") || spec.startsWith("kde:"))) {
            throw new IllegalArgumentException("base must be uniform, kde or kde:<kappa>, got '" + spec + "'");
        }
        if (spec.startsWith("kde:")) kappa(spec.substring(4), spec);
        if (!(widen > 0 && Double.isFinite(widen))) {
            throw new IllegalArgumentException("base widening factor must be positive, got " + widen);
        }
        if (!(uniform >= 0 && uniform < 1)) {
            throw new IllegalArgumentException("uniform share of the base must be in [0, 1), got " + uniform);
        }
    }

    /** The base for one seed: train and val are that seed's split of d. */
    public static BaseDensity build(String spec, double widen, double uniform, PointSet d, INDArray train, INDArray val) {
        if (spec.equals("uniform")) return BaseDensity.uniform(d.manifold());
        checkManifold(spec, d);
        double kappa = spec.equals("kde") ? KernelDensity.fitKappa(k -> kernel(d, train, k, 0), val) / (widen * widen)
                : kappa(spec.substring(4), spec);
        return kernel(d, train, kappa, uniform);
    }

    /** The base a model was trained from, by its stored description; train is the model's training split. */
    public static BaseDensity restore(String described, PointSet d, INDArray train) {
        if (described == null || described.equals("uniform")) return BaseDensity.uniform(d.manifold());
        String prefix = d.manifold() instanceof FlatTorus ? "vm-kde:" : "vmf-kde:";
        if (!described.startsWith(prefix)) {
            throw new IllegalArgumentException("unknown base '" + described + "' in a " + d.kind() + " model");
        }
        String[] p = described.substring(prefix.length()).split(":uniform=");
        return kernel(d, train, kappa(p[0], described), p.length > 1 ? number(p[1], described) : 0);
    }

    /** Refuses a kernel base where there is no kernel (IllegalArgumentException): kernels exist on S² and Tᵈ. */
    public static void checkManifold(String spec, PointSet d) {
        if (spec.equals("uniform") || d.manifold() instanceof FlatTorus
                || d.manifold() instanceof Sphere s && s.dim() == 2) return;
        throw new IllegalArgumentException("base '" + spec + "' has kernels on the sphere S² and the flat torus only, not on "
                + d.kind());
    }

    private static KernelDensity kernel(PointSet d, INDArray train, double kappa, double uniform) {
        return d.manifold() instanceof FlatTorus ? new TorusKernelDensity(train, kappa, uniform)
                : new SphereKernelDensity(train, kappa, uniform);
    }

    private static double number(String text, String spec) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("base '" + spec + "': '" + text + "' is not a number");
        }
    }

    private static double kappa(String text, String spec) {
        double k = number(text, spec);
        if (!(k > 0 && Double.isFinite(k))) throw new IllegalArgumentException("base '" + spec + "': kappa must be positive");
        return k;
    }
}
