package org.flowmatch4j.manifolds.density;

import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.core.util.Rng;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A von Mises product-kernel density on the flat torus T^d (angles in [0, 2π)) with a uniform share ε:
 * p(θ) = (1 − ε) (1/N) Σ_i Π_k g(θ_k; c_ik, κ) + ε / (2π)^d, with the von Mises density
 * g(θ; μ, κ) = exp(κ (cos(θ − μ) − 1)) / (2π Ĩ₀(κ)), Ĩ₀(κ) = e^(−κ) I₀(κ) (with respect to the flat volume; the
 * exponent is evaluated as −2κ sin²((θ − μ)/2), which keeps its digits for large κ). log Ĩ₀ is the power series
 * Σ (κ/2)^(2m) / (m!)² for κ ≤ 50 and the asymptotic series e^κ/√(2πκ) · (1 + 1/(8κ) + 9/(128κ²) + 225/(3072κ³)
 * + 11025/(98304κ⁴)) above (relative error below 2·10⁻⁸ at κ = 50). Draws by Best and Fisher's (1979) rejection
 * sampler, or a normal of variance 1/κ above κ = 10⁶, where the two differ by O(1/κ). As a flow's base it is paired
 * with its centres exactly as {@link SphereKernelDensity} is, and its uniform share is likewise not paired.
 */
public final class TorusKernelDensity implements KernelDensity {
    private static final double TWO_PI = 2 * Math.PI;
    private final double[] c;
    private final int n, d;
    private final double kappa, logNorm, uniform;

    /** Without a uniform share (ε = 0). */
    public TorusKernelDensity(INDArray centres, double kappa) { this(centres, kappa, 0); }

    /**
     * @param centres shape [N, d], angles in radians (any real value; taken mod 2π)
     * @param kappa   concentration, &gt; 0
     * @param uniform the uniform share ε in [0, 1)
     */
    public TorusKernelDensity(INDArray centres, double kappa, double uniform) {
        Checks.require(centres.rank() == 2 && centres.size(0) > 0 && centres.size(1) > 0,
                "centres must have shape [N, d] with N, d > 0, got %s", java.util.Arrays.toString(centres.shape()));
        Checks.require(kappa > 0 && Double.isFinite(kappa), "concentration kappa must be positive and finite, got %s",
                kappa);
        Checks.require(uniform >= 0 && uniform < 1, "uniform share must be in [0, 1), got %s", uniform);
        this.n = (int) centres.size(0);
        this.d = (int) centres.size(1);
        this.c = centres.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        this.kappa = kappa;
        this.uniform = uniform;
        this.logNorm = -d * (Math.log(TWO_PI) + logScaledI0(kappa));
    }

    /** log(e^(−κ) I₀(κ)) for κ ≥ 0. */
    public static double logScaledI0(double kappa) {
        if (kappa <= 50) {
            double term = 1, sum = 1, q = kappa * kappa / 4;
            for (int m = 1; m < 400 && term > 1e-17 * sum; m++) {
                term *= q / ((double) m * m);
                sum += term;
            }
            return Math.log(sum) - kappa;
        }
        double r = 1 / kappa;
        return -0.5 * Math.log(TWO_PI * kappa)
                + Math.log1p(r * (1.0 / 8 + r * (9.0 / 128 + r * (225.0 / 3072 + r * 11025.0 / 98304))));
    }

    @Override public double kappa() { return kappa; }

    @Override public int centres() { return n; }

    @Override public String describe() { return "vm-kde:" + kappa + (uniform > 0 ? ":uniform=" + uniform : ""); }

    @Override public double[] logDensity(INDArray x) {
        Checks.require(x.rank() == 2 && x.size(1) == d, "points must have shape [m, %d], got %s", d,
                java.util.Arrays.toString(x.shape()));
        double[] q = x.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int m = q.length / d;
        double[] out = new double[m], e = new double[n];
        double logFlat = -d * Math.log(TWO_PI);
        for (int j = 0; j < m; j++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    double h = Math.sin(0.5 * (q[j * d + k] - c[i * d + k]));
                    s -= 2 * kappa * h * h;
                }
                e[i] = s;
                if (s > max) max = s;
            }
            double sum = 0;
            for (int i = 0; i < n; i++) sum += Math.exp(e[i] - max);
            out[j] = KernelDensity.withUniformShare(logNorm + max + Math.log(sum / n), uniform, logFlat);
        }
        return out;
    }

    @Override public INDArray sample(int m, Rng rng) {
        double[] picked = new double[d * m];
        for (int j = 0; j < m; j++) System.arraycopy(c, d * rng.nextInt(n), picked, d * j, d);
        return draw(picked, m, uniform, rng);
    }

    @Override public INDArray perturb(INDArray around, Rng rng) {
        Checks.require(around.rank() == 2 && around.size(1) == d, "points must have shape [m, %d], got %s", d,
                java.util.Arrays.toString(around.shape()));
        return draw(around.castTo(DataType.DOUBLE).dup('c').data().asDouble(), (int) around.size(0), 0, rng);
    }

    /** Per row of mu: a uniform point with probability flatShare, else von Mises draws around each angle; mod 2π. */
    private INDArray draw(double[] mu, int m, double flatShare, Rng rng) {
        float[] out = new float[d * m];
        for (int j = 0; j < m; j++) {
            boolean flat = flatShare > 0 && rng.uniform() < flatShare;
            for (int k = 0; k < d; k++) {
                double a = flat ? TWO_PI * rng.uniform() : mu[j * d + k] + vonMisesOffset(kappa, rng);
                out[j * d + k] = (float) (a - TWO_PI * Math.floor(a / TWO_PI));
            }
        }
        return Nd4j.createFromArray(out).reshape(m, d);
    }

    /** One draw of θ − μ for the von Mises distribution with concentration kappa (Best &amp; Fisher 1979). */
    static double vonMisesOffset(double kappa, Rng rng) {
        if (kappa > 1e6) return rng.gaussian() / Math.sqrt(kappa);
        double tau = 1 + Math.sqrt(1 + 4 * kappa * kappa), rho = (tau - Math.sqrt(2 * tau)) / (2 * kappa);
        double r = (1 + rho * rho) / (2 * rho);
        while (true) {
            double z = Math.cos(Math.PI * rng.uniform()), f = (1 + r * z) / (r + z), cc = kappa * (r - f);
            double u2 = rng.uniform();
            if (cc * (2 - cc) - u2 > 0 || Math.log(cc / u2) + 1 - cc >= 0) {
                double angle = Math.acos(Math.max(-1, Math.min(1, f)));
                return rng.uniform() < 0.5 ? -angle : angle;
            }
        }
    }
}
