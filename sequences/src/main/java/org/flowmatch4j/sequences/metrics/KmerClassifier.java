package org.flowmatch4j.sequences.metrics;

import java.util.List;
import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.sequences.io.Alphabet;

/**
 * An independent judge of generated sequences: multinomial logistic regression on k-mer composition (the relative
 * frequencies of all 1-mers and 2-mers, standardised), p(c | s) = softmax(W φ(s) + b)_c, fitted by full-batch gradient
 * descent with Nesterov momentum on the mean cross-entropy plus (λ/2)|W|². Trained on labelled data disjoint from the
 * generator's training set, it tells which class generated sequences look like.
 */
public final class KmerClassifier {
    private final Alphabet alphabet;
    private final int classes, features;
    private final double[] mean, scale;
    private final double[][] w;                  // [classes][features + 1], last = bias

    private KmerClassifier(Alphabet alphabet, int classes, double[] mean, double[] scale, double[][] w) {
        this.alphabet = alphabet;
        this.classes = classes;
        this.features = mean.length;
        this.mean = mean;
        this.scale = scale;
        this.w = w;
    }

    /** φ(s): 1-mer then 2-mer relative frequencies. */
    public static double[] composition(String s, Alphabet a) {
        int k = a.size();
        double[] f = new double[k + k * k];
        int n = 0, pairs = 0;
        for (int i = 0; i < s.length(); i++) {
            int x = a.index(s.charAt(i));
            if (x < 0) continue;
            f[x]++;
            n++;
            if (i + 1 < s.length()) {
                int y = a.index(s.charAt(i + 1));
                if (y >= 0) {
                    f[k + x * k + y]++;
                    pairs++;
                }
            }
        }
        for (int j = 0; j < k; j++) f[j] /= Math.max(1, n);
        for (int j = k; j < f.length; j++) f[j] /= Math.max(1, pairs);
        return f;
    }

    public static KmerClassifier fit(List<String> sequences, int[] labels, int classes, Alphabet a, double lambda, int iterations) {
        Checks.require(sequences.size() == labels.length && !sequences.isEmpty() && classes >= 2, "need labelled sequences and >= 2 classes");
        int n = sequences.size();
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) x[i] = composition(sequences.get(i), a);
        int d = x[0].length;
        double[] mean = new double[d], scale = new double[d];
        for (double[] r : x) for (int j = 0; j < d; j++) mean[j] += r[j] / n;
        for (double[] r : x) for (int j = 0; j < d; j++) scale[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / n;
        for (int j = 0; j < d; j++) scale[j] = Math.sqrt(scale[j]) + 1e-6;
        for (double[] r : x) for (int j = 0; j < d; j++) r[j] = (r[j] - mean[j]) / scale[j];
        double[][] w = new double[classes][d + 1], vel = new double[classes][d + 1];
        double lr = 0.5, mu = 0.9;
        for (int it = 0; it < iterations; it++) {
            double[][] look = new double[classes][d + 1];
            for (int c = 0; c < classes; c++) for (int j = 0; j <= d; j++) look[c][j] = w[c][j] + mu * vel[c][j];
            double[][] g = new double[classes][d + 1];
            for (int i = 0; i < n; i++) {
                double[] p = softmax(look, x[i]);
                for (int c = 0; c < classes; c++) {
                    double e = (p[c] - (labels[i] == c ? 1 : 0)) / n;
                    for (int j = 0; j < d; j++) g[c][j] += e * x[i][j];
                    g[c][d] += e;
                }
            }
            for (int c = 0; c < classes; c++) {
                for (int j = 0; j <= d; j++) {
                    double grad = g[c][j] + (j < d ? lambda * look[c][j] : 0);
                    vel[c][j] = mu * vel[c][j] - lr * grad;
                    w[c][j] += vel[c][j];
                }
            }
        }
        return new KmerClassifier(a, classes, mean, scale, w);
    }

    private static double[] softmax(double[][] w, double[] x) {
        int classes = w.length, d = x.length;
        double[] z = new double[classes];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            double s = w[c][d];
            for (int j = 0; j < d; j++) s += w[c][j] * x[j];
            z[c] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) sum += z[c] = Math.exp(z[c] - max);
        for (int c = 0; c < classes; c++) z[c] /= sum;
        return z;
    }

    /** Class probabilities of one sequence. */
    public double[] probabilities(String s) {
        double[] f = composition(s, alphabet);
        for (int j = 0; j < features; j++) f[j] = (f[j] - mean[j]) / scale[j];
        return softmax(w, f);
    }

    public int predict(String s) {
        double[] p = probabilities(s);
        int best = 0;
        for (int c = 1; c < classes; c++) if (p[c] > p[best]) best = c;
        return best;
    }

    /** Fraction of sequences predicted as class c. */
    public double fractionOf(List<String> sequences, int c) {
        return sequences.stream().filter(s -> predict(s) == c).count() / (double) Math.max(1, sequences.size());
    }

    public double accuracy(List<String> sequences, int[] labels) {
        int right = 0;
        for (int i = 0; i < labels.length; i++) if (predict(sequences.get(i)) == labels[i]) right++;
        return right / (double) labels.length;
    }

    /** Weights for saving: rows [classes][features + 1], then mean and scale. */
    public double[][] weights() { return w; }

    public double[] mean() { return mean; }

    public double[] scale() { return scale; }

    public static KmerClassifier of(Alphabet a, double[][] w, double[] mean, double[] scale) {
        return new KmerClassifier(a, w.length, mean, scale, w);
    }
}
