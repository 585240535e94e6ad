package org.flowmatch4j.core.model;

import java.util.List;
import java.util.Map;
import org.flowmatch4j.core.train.AdamW;
import org.flowmatch4j.core.train.Ema;
import org.flowmatch4j.core.train.GradientWatch;
import org.flowmatch4j.core.train.NonFiniteException;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The weights of one SameDiff graph as a trainable unit: a flat parameter vector, AdamW, optional EMA, and which of
 * the two weight sets (trained or sampling) the graph holds, so sampling loops do not copy weights every call.
 * {@link #step}: push trained weights, one forward + backward, NaN/Inf guard naming the step and tensor, global-norm
 * clipping, AdamW, EMA update.
 */
public final class TrainableWeights {
    private final SameDiff sd;
    private final FlatParameters flat;
    private final AdamW optimizer;
    /** Reports gradient-norm spikes on standard error (gradient explosion detection). */
    private final GradientWatch watch = new GradientWatch(System.err);
    private Ema ema;
    private boolean samplingWeightsLoaded;

    public TrainableWeights(SameDiff sd) {
        this.sd = sd;
        this.flat = new FlatParameters(sd);
        this.optimizer = new AdamW(flat.values().length(), DataType.FLOAT, 0.9, 0.999, 1e-8, 0);
    }

    /** The trained weights (mutable: handing them out makes the next sampling call reload them). */
    public INDArray parameters() {
        samplingWeightsLoaded = false;
        return flat.values();
    }

    public void useEma(double decay) {
        ema = new Ema(flat.values(), decay);
        samplingWeightsLoaded = false;
    }

    /** The EMA weights when kept, else the trained ones. */
    public INDArray samplingParameters() { return ema == null ? flat.values() : ema.weights(); }

    /** Makes the graph hold the sampling weights (a no-op when it already does). */
    public void loadSamplingWeights() {
        if (!samplingWeightsLoaded) {
            flat.push(samplingParameters());
            samplingWeightsLoaded = true;
        }
    }

    /**
     * One optimisation step on the graph's loss variable {@code loss}.
     *
     * @param what names the model in error messages
     * @return the loss before the step
     */
    public double step(Map<String, INDArray> placeholders, String loss, double lr, double clipNorm, String what) {
        long start = System.nanoTime();
        flat.push();
        samplingWeightsLoaded = false;
        OutAndGrad og = sd.calculateGradientsAndOutputs(placeholders, List.of(loss), List.of(flat.names()));
        INDArray grads = flat.gradients(og.getGradients());
        double value = og.getOutputs().get(loss).getDouble(0), norm = grads.norm2Number().doubleValue();
        int step = (int) optimizer.stepCount() + 1;
        if (!Double.isFinite(value)) throw new NonFiniteException(step, what + " loss", value);
        if (!Double.isFinite(norm)) throw new NonFiniteException(step, "gradient of " + firstNonFinite(og.getGradients(), what), norm);
        watch.observe(step, norm);
        if (clipNorm > 0 && norm > clipNorm) grads.muli(clipNorm / norm);
        optimizer.step(flat.values(), grads, lr);
        if (ema != null) ema.update(flat.values());
        NativeMemory.afterExecution(System.nanoTime() - start);
        return value;
    }

    private static String firstNonFinite(Map<String, INDArray> grads, String what) {
        return grads.entrySet().stream().filter(e -> !Double.isFinite(e.getValue().sumNumber().doubleValue())).map(Map.Entry::getKey)
                .sorted().findFirst().orElse(what);
    }
}
