package org.flowmatch4j.core.model;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A network built as one SameDiff graph whose weights train as one {@link TrainableWeights} unit: subclasses build
 * the graph in {@link #sd} (with a loss variable) in their constructor and end it with {@link #finishGraph()}.
 */
public abstract class SameDiffModel {
    protected final SameDiff sd = SameDiff.create();
    private TrainableWeights weights;

    /** Collects the trainable weights and builds the gradient graph; call once, after the loss is set. */
    protected final void finishGraph() {
        weights = new TrainableWeights(sd);
        GradientGraph.build(sd);
    }

    protected final TrainableWeights weights() { return weights; }

    /** The trained weights (mutable: handing them out makes the next prediction reload them). */
    public INDArray parameters() { return weights.parameters(); }

    public void useEma(double decay) { weights.useEma(decay); }

    /** The EMA weights when kept, else the trained ones. */
    public INDArray samplingParameters() { return weights.samplingParameters(); }
}
