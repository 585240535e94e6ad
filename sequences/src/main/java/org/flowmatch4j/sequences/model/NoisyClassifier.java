package org.flowmatch4j.sequences.model;

import org.flowmatch4j.core.train.AdamW;
import org.flowmatch4j.core.train.LrSchedule;
import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.modules.DenseMlp;
import org.flowmatch4j.sequences.flow.CategoricalFlow;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A classifier p(y | x_t, t) on the noisy states of a simplex flow, for classifier guidance (Dirichlet FM, Stark et
 * al. 2024, after Dhariwal &amp; Nichol): a SiLU MLP ({@link DenseMlp}) on the flattened state [L·C] and
 * {@value #TIME_FEATURES} sinusoidal features of the time feature τ (sin and cos of 2π j τ, j = 1..8), giving class
 * logits. Trained by cross-entropy on states drawn from the flow's own path at the flow's own training times. Measured
 * on peptides (Dirichlet FM, t_max = 8): times uniform on [0, t_max] instead made the classifier better at t = 8
 * (held-out accuracy 0.89 against 0.65) but worse at t = 2 (0.77 against 0.82), and it guided less (judged AMP share
 * at γ = 10: 0.54 against 0.58): the early, noisy steps decide the class.
 *
 * <p>{@link #logProbGradient} returns g = ∇_x log p(y | x, t), by back-propagation to the input
 * (r = onehot(y) − softmax(logits), g = rᵀ ∂logits/∂x).
 */
public final class NoisyClassifier {
    static final int TIME_FEATURES = 16;

    /** Sizes: sequence length, channels per position, classes, MLP hidden width and depth. */
    public record Config(int length, int channels, int classes, int hidden, int depth) {
        public Config {
            Checks.require(length > 0 && channels > 1 && classes > 1 && hidden > 0 && depth > 0,
                    "bad noisy-classifier sizes: length %d, channels %d, classes %d (>= 2), hidden %d, depth %d",
                    length, channels, classes, hidden, depth);
        }

        public String spec() {
            return String.format("noisy-classifier:l=%d:c=%d:classes=%d:h=%d:d=%d", length, channels, classes, hidden, depth);
        }

        public static Config parse(String spec) {
            var m = java.util.regex.Pattern.compile("noisy-classifier:l=(\\d+):c=(\\d+):classes=(\\d+):h=(\\d+):d=(\\d+)").matcher(spec);
            Checks.require(m.matches(), "not a noisy-classifier spec: '%s'", spec);
            return new Config(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)));
        }

        int inputs() { return length * channels + TIME_FEATURES; }
    }

    /** Training options: steps, sequences per step, peak learning rate (warm-up then cosine). */
    public record Options(int steps, int batch, double lr) {
        public Options {
            Checks.require(steps > 0 && batch > 0 && lr > 0, "need positive steps, batch and lr, got %d %d %s", steps, batch, lr);
        }
    }

    private final Config cfg;
    private final DenseMlp mlp;

    public NoisyClassifier(Config cfg, long seed) {
        this.cfg = cfg;
        int[] widths = new int[cfg.depth() + 2];
        widths[0] = cfg.inputs();
        for (int i = 1; i <= cfg.depth(); i++) widths[i] = cfg.hidden();
        widths[cfg.depth() + 1] = cfg.classes();
        this.mlp = new DenseMlp(widths, seed);
    }

    public Config config() { return cfg; }

    /** All weights, one flat vector (live). */
    public INDArray parameters() { return mlp.parameters(); }

    private INDArray input(float[] state, double[] feature) {
        int b = feature.length, n = cfg.length() * cfg.channels();
        Checks.require(state.length == b * n, "state must hold %d sequences x %d numbers, got %d", b, n, state.length);
        float[] in = new float[b * cfg.inputs()];
        for (int i = 0; i < b; i++) {
            System.arraycopy(state, i * n, in, i * cfg.inputs(), n);
            for (int j = 0; j < TIME_FEATURES / 2; j++) {
                double angle = 2 * Math.PI * (j + 1) * feature[i];
                in[i * cfg.inputs() + n + 2 * j] = (float) Math.sin(angle);
                in[i * cfg.inputs() + n + 2 * j + 1] = (float) Math.cos(angle);
            }
        }
        return Nd4j.createFromArray(in).reshape(b, cfg.inputs());
    }

    /** Class probabilities p(y | x_t, t), shape [B, classes] row-major. */
    public float[] probabilities(float[] state, double[] feature) {
        return softmax(mlp.predict(input(state, feature)).dup().data().asFloat(), cfg.classes());
    }

    private static float[] softmax(float[] logits, int c) {
        float[] p = new float[logits.length];
        double[] row = new double[c];
        for (int i = 0; i < logits.length / c; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) max = Math.max(max, row[j] = logits[i * c + j]);
            Guidance.softmaxInto(row, max, p, i * c);
        }
        return p;
    }

    /** ∇_x log p(y = cls[i] | x_i, t_i) per sequence, shape [B·L·C] like the state. */
    public float[] logProbGradient(float[] state, double[] feature, int[] cls) {
        INDArray in = input(state, feature);
        float[] p = softmax(mlp.forward(in).dup().data().asFloat(), cfg.classes());
        int b = feature.length, c = cfg.classes(), n = cfg.length() * cfg.channels();
        float[] r = new float[b * c];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < c; j++) r[i * c + j] = (j == cls[i] ? 1 : 0) - p[i * c + j];
        }
        float[] g = mlp.backward(Nd4j.createFromArray(r).reshape(b, c), true).dup().data().asFloat();
        float[] out = new float[b * n];
        for (int i = 0; i < b; i++) System.arraycopy(g, i * cfg.inputs(), out, i * n, n);
        return out;
    }

    /** One cross-entropy step; returns the batch's mean −log p(y | x_t, t). */
    double trainStep(float[] state, double[] feature, int[] cls, AdamW opt, double lr) {
        int b = feature.length, c = cfg.classes();
        float[] p = softmax(mlp.forward(input(state, feature)).dup().data().asFloat(), c);
        float[] d = new float[b * c];
        double loss = 0;
        for (int i = 0; i < b; i++) {
            Checks.require(cls[i] >= 0 && cls[i] < c, "class %d outside [0, %d)", cls[i], c);
            loss -= Math.log(Math.max(p[i * c + cls[i]], 1e-30));
            for (int j = 0; j < c; j++) d[i * c + j] = (p[i * c + j] - (j == cls[i] ? 1 : 0)) / b;
        }
        mlp.backward(Nd4j.createFromArray(d).reshape(b, c), false);
        opt.step(mlp.parameters(), mlp.gradients(), lr);
        return loss / b;
    }

    /**
     * Trains on labelled clean sequences: per step a batch, one time per sequence from the flow's time
     * distribution, the flow's noisy states; AdamW (weight decay 0.01), warm-up then cosine decay.
     *
     * @return the loss of every step
     */
    public double[] train(CategoricalFlow flow, SequenceTrainer.Source data, Options o, Rng rng, SequenceTrainer.Listener listener) {
        Checks.require(flow.channels() == cfg.channels(), "the flow has %d channels, the classifier %d", flow.channels(), cfg.channels());
        AdamW opt = new AdamW(mlp.parameters().length(), DataType.FLOAT, 0.9, 0.999, 1e-8, 0.01);
        LrSchedule schedule = LrSchedule.warmupCosine(Math.min(200, o.steps() / 10), 0.1);
        double[] losses = new double[o.steps()];
        for (int s = 0; s < o.steps(); s++) {
            SequenceTrainer.Batch b = data.next(o.batch(), rng);
            Checks.require(b.classes() != null, "a noisy classifier needs labelled sequences");
            double[] t = new double[o.batch()], feature = new double[o.batch()];
            for (int i = 0; i < t.length; i++) {
                t[i] = flow.sampleTime(rng);
                feature[i] = flow.timeFeature(t[i]);
            }
            float[] state = flow.noisy(b.tokens(), cfg.length(), t, rng);
            losses[s] = trainStep(state, feature, b.classes(), opt, o.lr() * schedule.factor(s, o.steps()));
            if (listener != null) listener.step(s + 1, losses[s]);
        }
        return losses;
    }
}
