package org.flowmatch4j.sequences.model;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.modules.DilatedConvNet;
import org.flowmatch4j.modules.Mlp;
import org.flowmatch4j.modules.SequenceTransformer;
import org.flowmatch4j.modules.SinusoidalTimeEmbedding;
import org.flowmatch4j.sequences.flow.CategoricalFlow;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The x1-predictor of the categorical flows, for fixed-length sequences: an MLP on the flattened noisy state [L·C],
 * a transformer over the L positions ({@link SequenceTransformer}) or a dilated 1-D convolution network over them
 * ({@link DilatedConvNet}, kernel {@value #CNN_KERNEL}), with a sinusoidal embedding of the time feature
 * and, for class-conditional models, a one-hot class with one extra "no class" slot (dropped to it at random in
 * training, for classifier-free guidance), giving logits [L, K] and p̂ = softmax per position. Loss: cross-entropy
 * −(1/(B·L)) Σ log p̂(x1), or for discrete flows the generalised KL of the mixture path (Shaul et al. 2024, the
 * discrete FM bound): per position c_t · [δ(x_t, x1)(1 − p̂(x1)) − (1 − δ(x_t, x1))(p̂(x_t) + log p̂(x1))] with
 * c_t = κ'/(1 − κ) ({@link org.flowmatch4j.sequences.flow.DiscreteFlow#jumpCoefficient}), x_t read off the input's
 * first K channels (the mask channel contributes p̂(mask) = 0). Weights in one flat vector, AdamW with global-norm
 * clipping, optional EMA for sampling.
 */
public final class CategoricalDenoiser extends org.flowmatch4j.core.model.SameDiffModel implements CategoricalFlow.Denoiser {
    /**
     * Sizes: sequence length, input channels per position, categories, classes (0: unconditional), network shape; the
     * loss: {@code ce} (cross-entropy) or {@code gkl} (generalised KL, discrete flows).
     */
    public record Config(String arch, int length, int channels, int categories, int classes, int hidden, int depth, String loss) {
        /** With the cross-entropy loss. */
        public Config(String arch, int length, int channels, int categories, int classes, int hidden, int depth) {
            this(arch, length, channels, categories, classes, hidden, depth, "ce");
        }

        public Config {
            Checks.require(loss.equals("ce") || loss.equals("gkl"), "loss must be ce or gkl, got '%s'", loss);
            Checks.require(!loss.equals("gkl") || channels >= categories, "the generalised KL needs the K token channels in the input");
            Checks.require(arch.equals("mlp") || arch.equals("transformer") || arch.equals("cnn"), "network must be mlp, transformer or cnn, got '%s'", arch);
            Checks.require(length > 0 && channels > 0 && categories > 1 && classes >= 0 && hidden > 0 && depth > 0,
                    "bad denoiser sizes %d %d %d %d %d %d", length, channels, categories, classes, hidden, depth);
            Checks.require(!arch.equals("transformer") || hidden % 8 == 0, "a transformer's width must be a multiple of 8 (4 heads), got %d", hidden);
        }

        public String spec() {
            return String.format("%s:l=%d:c=%d:k=%d:classes=%d:h=%d:d=%d%s", arch, length, channels, categories, classes, hidden, depth,
                    loss.equals("ce") ? "" : ":loss=" + loss);
        }

        public static Config parse(String spec) {
            var m = java.util.regex.Pattern.compile("(mlp|transformer|cnn):l=(\\d+):c=(\\d+):k=(\\d+):classes=(\\d+):h=(\\d+):d=(\\d+)(?::loss=(ce|gkl))?").matcher(spec);
            Checks.require(m.matches(), "not a sequence denoiser spec: '%s'", spec);
            return new Config(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
                    Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)), Integer.parseInt(m.group(7)),
                    m.group(8) == null ? "ce" : m.group(8));
        }
    }

    static final int TIME_FEATURES = 32;
    /** Kernel width of the dilated-convolution denoiser (the paper's promoter CNN uses 9). */
    static final int CNN_KERNEL = 9;

    private final Config cfg;
    private int[] condition;                              // class per sequence used by probabilities(); null = none

    public CategoricalDenoiser(Config cfg, long seed) {
        this.cfg = cfg;
        SplittableRandom rnd = new SplittableRandom(seed);
        int in = cfg.length() * cfg.channels(), out = cfg.length() * cfg.categories();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, in);
        SDVariable t = sd.placeHolder("t", DataType.FLOAT, -1, 1);
        SDVariable h = sd.concat(1, x, SinusoidalTimeEmbedding.apply(sd, "time", t, TIME_FEATURES, 1000, 100));
        int width = in + TIME_FEATURES;
        if (cfg.classes() > 0) {
            h = sd.concat(1, h, sd.placeHolder("cls", DataType.FLOAT, -1, cfg.classes() + 1));
            width += cfg.classes() + 1;
        }
        SDVariable logits;
        if (cfg.arch().equals("mlp")) {
            int[] widths = new int[cfg.depth() + 2];
            widths[0] = width;
            for (int i = 1; i <= cfg.depth(); i++) widths[i] = cfg.hidden();
            widths[cfg.depth() + 1] = out;
            logits = Mlp.apply(sd, "mlp", h, widths, rnd).reshape(-1, cfg.length(), cfg.categories());
        } else {                                           // h = [x | conditioning]: the sequence networks take them apart
            SDVariable tokens = x.reshape(-1, cfg.length(), cfg.channels());
            SDVariable cond = h.get(org.nd4j.autodiff.samediff.SDIndex.all(), org.nd4j.autodiff.samediff.SDIndex.interval(in, width));
            logits = cfg.arch().equals("cnn")
                    ? DilatedConvNet.apply(sd, "cnn", tokens, cond, cfg.length(), cfg.channels(), width - in, cfg.hidden(), cfg.depth(),
                            CNN_KERNEL, cfg.categories(), rnd)
                    : SequenceTransformer.apply(sd, "transformer", tokens, cond, cfg.length(), cfg.channels(), width - in, cfg.hidden(),
                            cfg.depth(), 4, cfg.categories(), rnd);
        }
        sd.nn().softmax("probs", logits, 2);
        SDVariable target = sd.placeHolder("target", DataType.FLOAT, -1, cfg.length(), cfg.categories());
        if (cfg.loss().equals("gkl")) {
            generalisedKl(logits, x, target);
        } else {
            // ND4J's fused softmax cross-entropy (its LogSoftMax op fails to serialise when the backward graph is built)
            SDVariable flatLogits = logits.reshape(-1, cfg.categories()), flatTarget = target.reshape(-1, cfg.categories());
            sd.setLossVariables(sd.loss().softmaxCrossEntropy("loss", flatTarget, flatLogits, null,
                    org.nd4j.autodiff.loss.LossReduce.MEAN_BY_NONZERO_WEIGHT_COUNT, 0.0));
        }
        finishGraph();
    }

    /** The generalised KL loss over logits [B, L, K], the input x [B, L·C] and the one-hot x1 [B, L, K]; weight c_t [B, 1]. */
    private void generalisedKl(SDVariable logits, SDVariable x, SDVariable target) {
        int k = cfg.categories();
        SDVariable weight = sd.placeHolder("weight", DataType.FLOAT, -1, 1);
        SDVariable current = x.reshape(-1, cfg.length(), cfg.channels()).get(org.nd4j.autodiff.samediff.SDIndex.all(),
                org.nd4j.autodiff.samediff.SDIndex.all(), org.nd4j.autodiff.samediff.SDIndex.interval(0, k));
        SDVariable shifted = logits.sub(logits.max(true, 2));
        SDVariable logP = shifted.sub(sd.math().log(sd.math().exp(shifted).sum(true, 2)));
        SDVariable p = sd.math().exp(logP);
        SDVariable decided = current.mul(target).sum(2);                       // δ(x_t, x1), [B, L]
        SDVariable pTarget = p.mul(target).sum(2), pCurrent = p.mul(current).sum(2), logPTarget = logP.mul(target).sum(2);
        SDVariable perPosition = decided.mul(pTarget.rsub(1.0)).sub(decided.rsub(1.0).mul(pCurrent.add(logPTarget)));
        sd.setLossVariables(perPosition.mul(weight).mean("loss"));
    }

    public Config config() { return cfg; }

    /** Classes used by {@link #probabilities} for each sequence (index {@code classes} = unconditional), or null. */
    public void condition(int[] classPerSequence) { this.condition = classPerSequence; }

    private Map<String, INDArray> inputs(float[] state, double[] feature, int[] cls) {
        int b = feature.length;
        Map<String, INDArray> ph = new HashMap<>();
        ph.put("x", Nd4j.createFromArray(state).reshape(b, (long) cfg.length() * cfg.channels()));
        float[] t = new float[b];
        for (int i = 0; i < b; i++) t[i] = (float) feature[i];
        ph.put("t", Nd4j.createFromArray(t).reshape(b, 1));
        if (cfg.classes() > 0) {
            float[] oh = new float[b * (cfg.classes() + 1)];
            for (int i = 0; i < b; i++) oh[i * (cfg.classes() + 1) + (cls == null ? cfg.classes() : cls[i])] = 1;
            ph.put("cls", Nd4j.createFromArray(oh).reshape(b, cfg.classes() + 1));
        }
        return ph;
    }

    @Override public float[] probabilities(float[] state, double[] feature, int sequences, int length) {
        Checks.require(length == cfg.length(), "the model was trained for length %d, asked for %d", cfg.length(), length);
        weights().loadSamplingWeights();                    // sampling calls this every step with the same weights
        long start = System.nanoTime();
        float[] p = sd.output(inputs(state, feature, condition), "probs").get("probs").data().asFloat();
        org.flowmatch4j.core.model.NativeMemory.afterExecution(System.nanoTime() - start);
        return p;
    }

    /** One step of cross-entropy training on noisy states of the clean tokens [B·L]; returns the loss. */
    public double trainStep(float[] state, double[] feature, int[] tokens, int[] cls, double lr, double clipNorm) {
        return trainStep(state, feature, tokens, cls, null, lr, clipNorm);
    }

    /**
     * One training step; {@code weight} holds c_t per sequence for the generalised KL loss (null for cross-entropy).
     * Returns the loss.
     */
    public double trainStep(float[] state, double[] feature, int[] tokens, int[] cls, double[] weight, double lr, double clipNorm) {
        int b = feature.length;
        boolean gkl = cfg.loss().equals("gkl");
        Checks.require(gkl == (weight != null), gkl ? "the generalised KL loss needs a weight per sequence" : "cross-entropy takes no weights");
        Map<String, INDArray> ph = inputs(state, feature, cls);
        if (gkl) {
            float[] w = new float[b];
            for (int i = 0; i < b; i++) w[i] = (float) weight[i];
            ph.put("weight", Nd4j.createFromArray(w).reshape(b, 1));
        }
        float[] target = new float[tokens.length * cfg.categories()];
        for (int p = 0; p < tokens.length; p++) target[p * cfg.categories() + tokens[p]] = 1;
        ph.put("target", Nd4j.createFromArray(target).reshape(b, cfg.length(), cfg.categories()));
        return weights().step(ph, "loss", lr, clipNorm, "sequence denoiser");
    }
}
