package org.flowmatch4j.core.guidance;

import java.util.Arrays;
import org.flowmatch4j.core.solver.VelocityField;
import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.core.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Classifier-free guidance (Ho &amp; Salimans 2022) for flows. Training replaces each label by the null token with
 * probability p, so one network learns u(x | y) and u(x | ∅). Sampling follows
 * <pre>   ũ_t(x | y) = (1 + w) u_t(x | y) - w u_t(x | ∅),</pre>
 * w = 0 being the plain conditional model (the convention of facebookresearch/flow_matching).
 */
public final class ClassifierFreeGuidance {
    private ClassifierFreeGuidance() {}

    /** Labels with each entry replaced by {@code nullLabel} independently with probability p. */
    public static int[] dropLabels(int[] labels, double p, int nullLabel, Rng rng) {
        Checks.inRange("condition dropout", p, 0, 1);
        int[] out = labels.clone();
        if (p == 0) return out;
        for (int i = 0; i < out.length; i++) if (rng.uniform() < p) out[i] = nullLabel;
        return out;
    }

    /** The guided field for one label (applied to every row) at guidance scale w ≥ 0. */
    public static VelocityField guided(ConditionalField field, int label, int nullLabel, double w) {
        Checks.require(w >= 0 && Double.isFinite(w), "guidance scale w must be a finite number >= 0, got %s", w);
        return (x, t) -> {
            int[] y = new int[(int) x.size(0)];
            Arrays.fill(y, label);
            INDArray cond = field.velocity(x, t, y);
            if (w == 0) return cond;
            Arrays.fill(y, nullLabel);
            INDArray uncond = field.velocity(x, t, y);
            return cond.mul(1 + w).subi(uncond.mul(w));
        };
    }
}
