package org.flowmatch4j.core.train;

import org.flowmatch4j.core.util.Rng;

/** Draws training minibatches; all randomness must come from the given {@link Rng} so that resume is exact. */
@FunctionalInterface
public interface FlowBatchSource {
    FlowBatch next(int batchSize, Rng rng);
}
