package org.flowmatch4j.sequences;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.flowmatch4j.core.train.LrSchedule;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.sequences.flow.CategoricalFlow;
import org.flowmatch4j.sequences.flow.DirichletFlow;
import org.flowmatch4j.sequences.model.CategoricalDenoiser;
import org.flowmatch4j.sequences.model.SequenceTrainer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * All three denoisers learn a target whose token depends only on the position (token i mod K at position i): from pure
 * noise (t = 0) the prediction must name every position's token, which the transformer can only do through its
 * position codes, the MLP through its flattened input layout, and the convolutional network through the zero padding
 * at the ends (its kernel of 9 reaches an end from every position of 6).
 */
class DenoiserTest {
    @Test
    void everyNetworkLearnsPositionDependentTokensFromNoise() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        int length = 6, k = 3;
        CategoricalFlow flow = new DirichletFlow(k, 8);
        SequenceTrainer.Source data = (batch, rng) -> {
            int[] tokens = new int[batch * length];
            for (int i = 0; i < tokens.length; i++) tokens[i] = (i % length) % k;
            return new SequenceTrainer.Batch(tokens, null);
        };
        for (String arch : new String[] {"mlp", "transformer", "cnn"}) {
            CategoricalDenoiser net = new CategoricalDenoiser(new CategoricalDenoiser.Config(arch, length, k, k, 0, 16, 1), 1);
            SequenceTrainer.train(flow, net, data, new SequenceTrainer.Options(300, 32, 3e-3, LrSchedule.constant(), 0, 1.0),
                    new Rng(2), null);
            int n = 64;
            float[] state = flow.noisy(new int[n * length], length, new double[n], new Rng(3));     // t = 0: uniform noise
            float[] p = net.probabilities(state, new double[n], n, length);
            int right = 0;
            for (int s = 0; s < n; s++) {
                for (int i = 0; i < length; i++) if (CategoricalFlow.argmax(p, (s * length + i) * k, k) == i % k) right++;
            }
            assertTrue(right > 0.95 * n * length, arch + ": " + right + " of " + n * length + " positions right");
        }
    }
}
