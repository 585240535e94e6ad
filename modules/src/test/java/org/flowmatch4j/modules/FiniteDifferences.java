package org.flowmatch4j.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The gradient check the block tests share. */
final class FiniteDifferences {
    private FiniteDifferences() {}

    /**
     * Central finite differences (h = 1e-6, double) of L = Σ out ⊙ W (W fixed random) against SameDiff's gradients,
     * for up to 6 entries of every trainable variable.
     */
    static boolean gradientsOk(SameDiff sd, SDVariable out, Map<String, INDArray> ph) {
        SDVariable w = sd.constant("lossWeights", Nd4j.randn(DataType.DOUBLE, out.eval(ph).shape()));
        SDVariable loss = out.mul(w).sum().rename("loss");
        sd.setLossVariables(loss);
        java.util.List<String> vars = sd.variables().stream()
                .filter(v -> v.getVariableType() == org.nd4j.autodiff.samediff.VariableType.VARIABLE)
                .map(SDVariable::name).toList();
        Map<String, INDArray> grads = sd.calculateGradients(ph, vars.toArray(new String[0]));
        double h = 1e-6;
        for (String name : vars) {
            INDArray p = sd.getVariable(name).getArr();
            INDArray flat = p.reshape(p.length());
            for (int k = 0; k < Math.min(6, p.length()); k++) {
                long i = (long) (k * (p.length() - 1) / Math.max(1, Math.min(6, p.length()) - 1.0));
                double old = flat.getDouble(i);
                flat.putScalar(i, old + h);
                double up = sd.output(ph, "loss").get("loss").getDouble(0);
                flat.putScalar(i, old - h);
                double down = sd.output(ph, "loss").get("loss").getDouble(0);
                flat.putScalar(i, old);
                double fd = (up - down) / (2 * h), an = grads.get(name).reshape(p.length()).getDouble(i);
                assertEquals(fd, an, 1e-5 * (1 + Math.abs(fd)), name + "[" + i + "]");
            }
        }
        return !vars.isEmpty();
    }
}
