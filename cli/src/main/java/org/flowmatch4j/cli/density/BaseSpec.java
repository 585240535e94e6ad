package org.flowmatch4j.cli.density;

import org.flowmatch4j.manifolds.Sphere;
import org.flowmatch4j.manifolds.density.BaseDensity;
import org.flowmatch4j.manifolds.density.SphereKernelDensity;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The base distribution of a density run, from its option text: {@code uniform} (the manifold's own), {@code kde}
 * (a von Mises–Fisher kernel density on the training points with a uniform share ε, its concentration that of the
 * plain kernel estimate fitted on the validation points, then its bandwidth multiplied by {@code widen}) or
 * {@code kde:K} (concentration K). Kernel bases exist on S² only. Models store {@link BaseDensity#describe()}; {@link #restore} rebuilds the base from that text and the split.
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
        requireSphere(d, spec);
        double kappa = spec.equals("kde") ? SphereKernelDensity.fitKappa(train, val) / (widen * widen)
                : kappa(spec.substring(4), spec);
        return new SphereKernelDensity(train, kappa, uniform);
    }

    /** The base a model was trained from, by its stored description; train is the model's training split. */
    public static BaseDensity restore(String described, PointSet d, INDArray train) {
        if (described == null || described.equals("uniform")) return BaseDensity.uniform(d.manifold());
        if (!described.startsWith("vmf-kde:")) {
            throw new IllegalArgumentException("unknown base '" + described + "' in the model");
        }
        requireSphere(d, described);
        String[] p = described.substring(8).split(":uniform=");
        return new SphereKernelDensity(train, kappa(p[0], described), p.length > 1 ? number(p[1], described) : 0);
    }

    /** Refuses a kernel base on data that are not on S² (IllegalArgumentException). */
    public static void checkManifold(String spec, PointSet d) {
        if (!spec.equals("uniform")) requireSphere(d, spec);
    }

    private static void requireSphere(PointSet d, String spec) {
        if (!(d.manifold() instanceof Sphere s && s.dim() == 2)) {
            throw new IllegalArgumentException("base '" + spec + "' (von Mises–Fisher kernels) exists on the sphere S² only, "
                    + "not on " + d.kind());
        }
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
