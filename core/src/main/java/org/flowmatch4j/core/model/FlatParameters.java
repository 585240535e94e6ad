package org.flowmatch4j.core.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.flowmatch4j.core.util.Checks;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The trainable variables of a SameDiff graph mirrored in one flat vector (sorted by name), with a gradient vector of
 * the same layout, so that one optimiser, clipping and EMA pass serve the whole graph. {@link #push} copies the
 * vector into the graph before a pass; {@link #gradients(Map)} gathers SameDiff's per-variable gradients.
 */
public final class FlatParameters {
    private final List<SDVariable> vars = new ArrayList<>();
    private final INDArray params, grads;

    public FlatParameters(SameDiff sd) {
        sd.variables().stream().filter(v -> v.getVariableType() == VariableType.VARIABLE)
                .sorted(Comparator.comparing(SDVariable::name)).forEach(vars::add);
        Checks.require(!vars.isEmpty(), "the graph has no trainable variables");
        params = Nd4j.concat(0, vars.stream().map(v -> v.getArr().reshape(v.getArr().length())).toArray(INDArray[]::new)).dup();
        grads = params.ulike();
    }

    /** The flat parameters (mutable: the optimiser updates them in place). */
    public INDArray values() { return params; }

    /** The names SameDiff's {@code calculateGradients} should be asked for. */
    public String[] names() { return vars.stream().map(SDVariable::name).toArray(String[]::new); }

    /**
     * Copies, variable by variable, the values {@code fromValues} hold in {@code from}'s layout into {@code toValues}
     * in this layout: every variable of {@code from} must exist here with the same shape; variables only this graph
     * has keep what {@code toValues} holds (e.g. new conditioning weights added to a trained network).
     */
    public void copyMatching(FlatParameters from, INDArray fromValues, INDArray toValues) {
        Map<String, Long> offset = new java.util.HashMap<>();
        Map<String, SDVariable> byName = new java.util.HashMap<>();
        long off = 0;
        for (SDVariable v : vars) {
            offset.put(v.name(), off);
            byName.put(v.name(), v);
            off += v.getArr().length();
        }
        long src = 0;
        for (SDVariable v : from.vars) {
            SDVariable here = byName.get(v.name());
            Checks.require(here != null && java.util.Arrays.equals(here.getArr().shape(), v.getArr().shape()),
                    "variable %s of the source is missing here or has another shape", v.name());
            long at = offset.get(v.name()), n = v.getArr().length();
            toValues.get(NDArrayIndex.interval(at, at + n)).assign(fromValues.get(NDArrayIndex.interval(src, src + n)));
            src += n;
        }
    }

    /** Copies the flat vector into the graph's variables. */
    public void push() { push(params); }

    /** Copies another vector of the same layout (e.g. EMA weights) into the graph's variables. */
    public void push(INDArray source) {
        Checks.require(source.length() == params.length(), "expected %d weights, got %d", params.length(), source.length());
        long off = 0;
        for (SDVariable v : vars) {
            INDArray a = v.getArr();
            a.assign(source.get(NDArrayIndex.interval(off, off + a.length())).reshape(a.shape()));
            off += a.length();
        }
    }

    /** Gathers per-variable gradients into the flat gradient vector and returns it. */
    public INDArray gradients(Map<String, INDArray> perVariable) {
        long off = 0;
        for (SDVariable v : vars) {
            INDArray gv = perVariable.get(v.name());
            grads.get(NDArrayIndex.interval(off, off + gv.length())).assign(gv.reshape(gv.length()));
            off += gv.length();
        }
        return grads;
    }

    /** The last gathered gradients. */
    public INDArray gradients() { return grads; }
}
