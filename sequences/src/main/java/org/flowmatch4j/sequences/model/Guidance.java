package org.flowmatch4j.sequences.model;

import org.flowmatch4j.sequences.flow.CategoricalFlow;
import org.flowmatch4j.sequences.flow.DiscreteFlow;

/**
 * Classifier-free guidance for the categorical flows, from one model trained with class dropout. Simplex flows
 * (Dirichlet, linear) have fields linear in p̂, so guiding the field, v_w = (1 + w) v_c − w v_u as Dirichlet FM does,
 * is the same as feeding p̂_w = (1 + w) p̂_c − w p̂_u. Discrete flows guide the jump rates in log space
 * (Nisonoff et al.'s discrete guidance): p̂_w ∝ p̂_c^(1+w) p̂_u^(−w), normalised per position. w = 0 is conditional
 * sampling without guidance. {@link #classifier} is classifier guidance with a {@link NoisyClassifier}.
 */
public final class Guidance {
    private Guidance() {}

    public static CategoricalFlow.Denoiser classifierFree(CategoricalDenoiser net, CategoricalFlow flow, int cls, double w) {
        int none = net.config().classes(), k = net.config().categories();
        boolean logSpace = flow instanceof DiscreteFlow;
        return (state, feature, sequences, length) -> {
            int[] c = new int[sequences], u = new int[sequences];
            java.util.Arrays.fill(c, cls);
            java.util.Arrays.fill(u, none);
            net.condition(c);
            float[] pc = net.probabilities(state, feature, sequences, length);
            if (w == 0) return pc;
            net.condition(u);
            float[] pu = net.probabilities(state, feature, sequences, length);
            float[] out = new float[pc.length];
            if (!logSpace) {
                for (int i = 0; i < out.length; i++) out[i] = (float) ((1 + w) * pc[i] - w * pu[i]);
                return out;
            }
            for (int p = 0; p < out.length / k; p++) {
                double max = Double.NEGATIVE_INFINITY;
                double[] l = new double[k];
                for (int j = 0; j < k; j++) {
                    l[j] = (1 + w) * Math.log(Math.max(pc[p * k + j], 1e-30)) - w * Math.log(Math.max(pu[p * k + j], 1e-30));
                    max = Math.max(max, l[j]);
                }
                softmaxInto(l, max, out, p * k);
            }
            return out;
        };
    }

    /**
     * Classifier guidance for simplex flows (Dirichlet, linear): p̂_γ(i) ∝ p̂(i) exp(γ g_i) at each position, with
     * g = ∇_x log p(y | x_t, t) from a {@link NoisyClassifier}. By Bayes, p(x1 | x_t, y) ∝ p(x1 | x_t) p(y | x1, x_t);
     * log p(y | x1 = e_i at a position, x_t) is taken to first order around x_t, log p(y | x_t) + g·(e_i − x_t), and
     * the terms that do not depend on i cancel in the normalisation. γ = 1 is that posterior; γ &gt; 1 sharpens it
     * toward the class, γ = 0 returns the base denoiser's p̂. The base is typically the model's unconditional
     * prediction, so any trained flow, labelled or not, can be steered by a classifier trained afterwards.
     */
    public static CategoricalFlow.Denoiser classifier(CategoricalFlow.Denoiser base, NoisyClassifier classifier,
                                                      CategoricalFlow flow, int cls, double gamma) {
        int k = flow.categories();
        if (flow.channels() != k) {
            throw new IllegalArgumentException("classifier guidance needs a simplex flow (dirichlet or linear); this flow's states have "
                    + flow.channels() + " channels for " + k + " categories");
        }
        if (cls < 0 || cls >= classifier.config().classes()) {
            throw new IllegalArgumentException("class " + cls + " outside the classifier's [0, " + classifier.config().classes() + ")");
        }
        return (state, feature, sequences, length) -> {
            float[] p = base.probabilities(state, feature, sequences, length);
            if (gamma == 0) return p;
            int[] target = new int[sequences];
            java.util.Arrays.fill(target, cls);
            float[] g = classifier.logProbGradient(state, feature, target);
            float[] out = new float[p.length];
            double[] l = new double[k];
            for (int pos = 0; pos < p.length / k; pos++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    l[j] = Math.log(Math.max(p[pos * k + j], 1e-30)) + gamma * g[pos * k + j];
                    max = Math.max(max, l[j]);
                }
                softmaxInto(l, max, out, pos * k);
            }
            return out;
        };
    }

    /** out[offset + j] ← exp(l_j − max) / Σ_i exp(l_i − max), with max ≥ every l_j (for stability). */
    static void softmaxInto(double[] l, double max, float[] out, int offset) {
        double sum = 0;
        for (double v : l) sum += Math.exp(v - max);
        for (int j = 0; j < l.length; j++) out[offset + j] = (float) (Math.exp(l[j] - max) / sum);
    }
}
