package org.flowmatch4j.core.model;

import java.util.Arrays;
import org.flowmatch4j.core.likelihood.DivergenceField;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A network at fixed labels seen as an ODE field x ↦ v_θ(x, t, y); labels null for unconditional models. */
public final class NetworkField implements DivergenceField {
    private final VelocityNetwork net;
    private final int[] labels;

    public NetworkField(VelocityNetwork net, int[] labels) {
        this.net = net;
        this.labels = labels;
    }

    /** The unconditional field. */
    public static NetworkField of(VelocityNetwork net) { return new NetworkField(net, null); }

    @Override public INDArray velocity(INDArray x, double t) {
        return net.predict(x, times(x, t), labelsFor(x)).dup();
    }

    @Override public INDArray vjp(INDArray x, double t, INDArray w) {
        return net.vjp(x, times(x, t), labelsFor(x), w);
    }

    private static INDArray times(INDArray x, double t) {
        return x.getColumn(0).like().assign(t).reshape(x.size(0));
    }

    private int[] labelsFor(INDArray x) {
        if (labels == null || labels.length == x.size(0)) return labels;
        if (labels.length == 1) {
            int[] l = new int[(int) x.size(0)];
            Arrays.fill(l, labels[0]);
            return l;
        }
        throw new IllegalArgumentException(String.format("labels must have 1 or batch=%d entries, got %d",
                x.size(0), labels.length));
    }
}
