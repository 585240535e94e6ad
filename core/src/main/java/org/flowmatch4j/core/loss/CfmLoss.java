package org.flowmatch4j.core.loss;

import org.flowmatch4j.core.path.PathSample;
import org.flowmatch4j.core.util.Checks;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Conditional flow-matching loss L = (1 / (B·d)) Σ_b w(t_b) ||v_θ(x_t, t)_b - u_t(x_b | x0, x1)||², the mean squared
 * error between the network's velocity and the conditional target velocity, optionally weighted per time.
 * Its gradient with respect to the prediction is 2 w(t_b) (v - u)_b / (B·d).
 */
public final class CfmLoss implements FlowLoss {
    private final TimeWeighting weighting;

    public CfmLoss(TimeWeighting weighting) { this.weighting = weighting; }

    /** The unweighted loss (w ≡ 1), as in TorchCFM and flow_matching. */
    public CfmLoss() { this(TimeWeighting.NONE); }

    /**
     * Computes the loss and writes dL/dprediction into {@code gradOut} (same shape as the prediction).
     *
     * @param prediction network output, shape [batch, dim]
     * @param target     conditional velocity, shape [batch, dim]
     * @param t          times, shape [batch]
     */
    public double lossAndGradient(INDArray prediction, INDArray target, INDArray t, INDArray gradOut) {
        Checks.sameShape("prediction", prediction, "target", target);
        Checks.sameShape("prediction", prediction, "gradOut", gradOut);
        long n = prediction.length();
        gradOut.assign(prediction).subi(target);                       // r = v - u
        double loss;
        if (weighting == TimeWeighting.NONE) {
            loss = gradOut.norm2Number().doubleValue();
            loss = loss * loss / n;
            gradOut.muli(2.0 / n);
        } else {
            INDArray w = weighting.weights(t).castTo(prediction.dataType()).reshape(t.length(), 1);
            INDArray r2 = gradOut.mul(gradOut).mulColumnVector(w);
            loss = r2.sumNumber().doubleValue() / n;
            gradOut.muliColumnVector(w).muli(2.0 / n);
        }
        return loss;
    }

    @Override public double lossAndGradient(PathSample sample, INDArray prediction, INDArray gradOut) {
        return lossAndGradient(prediction, sample.dxt(), sample.t(), gradOut);
    }

    /** Mean squared error between two arrays of equal shape. */
    public static double mse(INDArray a, INDArray b) {
        Checks.sameShape("a", a, "b", b);
        double d = a.distance2(b);
        return d * d / a.length();
    }
}
