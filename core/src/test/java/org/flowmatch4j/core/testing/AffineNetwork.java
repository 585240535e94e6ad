package org.flowmatch4j.core.testing;

import org.flowmatch4j.core.model.VelocityNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Test network v = [x, t, onehot(y)] W + b with hand-written gradients; parameters flat as [W (row-major), b]. */
public final class AffineNetwork implements VelocityNetwork {
    private final int dim, classes, in;
    private final INDArray params, grads;
    private INDArray lastInput;

    public AffineNetwork(int dim, int classes, long seed, DataType type) {
        this.dim = dim;
        this.classes = classes;
        this.in = dim + 1 + (classes > 0 ? classes + 1 : 0);
        java.util.Random r = new java.util.Random(seed);
        double[] p = new double[in * dim + dim];
        for (int i = 0; i < p.length; i++) p[i] = 0.1 * r.nextGaussian();
        params = Nd4j.createFromArray(p).castTo(type);
        grads = params.ulike();
    }

    private INDArray w() { return params.get(NDArrayIndex.interval(0, in * dim)).reshape(in, dim); }

    private INDArray b() { return params.get(NDArrayIndex.interval(in * dim, in * dim + dim)).reshape(1, dim); }

    private INDArray input(INDArray x, INDArray t, int[] labels) {
        INDArray parts = Nd4j.hstack(x, t.reshape(t.length(), 1).castTo(x.dataType()));
        if (classes == 0) return parts;
        INDArray oh = Nd4j.zeros(x.dataType(), x.size(0), classes + 1);
        for (int i = 0; i < labels.length; i++) oh.putScalar(i, labels[i], 1);
        return Nd4j.hstack(parts, oh);
    }

    @Override public int dim() { return dim; }

    @Override public int numClasses() { return classes; }

    @Override public INDArray forward(INDArray x, INDArray t, int[] labels) {
        lastInput = input(x, t, labels).castTo(params.dataType());
        return lastInput.mmul(w()).addiRowVector(b());
    }

    @Override public void backward(INDArray g) {
        grads.get(NDArrayIndex.interval(0, in * dim)).assign(lastInput.transpose().mmul(g).reshape(in * dim));
        grads.get(NDArrayIndex.interval(in * dim, in * dim + dim)).assign(g.sum(0));
    }

    @Override public INDArray vjp(INDArray x, INDArray t, int[] labels, INDArray v) {
        return v.mmul(w().get(NDArrayIndex.interval(0, dim), NDArrayIndex.all()).transpose());
    }

    @Override public INDArray parameters() { return params; }

    @Override public INDArray gradients() { return grads; }

    @Override public String spec() { return "affine:d=" + dim + ":k=" + classes; }
}
