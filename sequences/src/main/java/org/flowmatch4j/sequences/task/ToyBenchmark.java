package org.flowmatch4j.sequences.task;

import org.flowmatch4j.core.train.LrSchedule;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.sequences.flow.CategoricalFlow;
import org.flowmatch4j.sequences.model.CategoricalDenoiser;
import org.flowmatch4j.sequences.model.SequenceTrainer;

/**
 * The Dirichlet-FM simplex-dimension benchmark for one (K, method): train the denoiser on the toy target, sample
 * {@code samples} sequences in chunks, report the mean per-position KL(empirical ‖ target).
 */
public final class ToyBenchmark {
    /** What a run does. */
    /** Sizes, budgets and the denoiser's loss ({@code ce} or {@code gkl}, see {@link CategoricalDenoiser}). */
    public record Options(int length, int trainSteps, int batch, double lr, int hidden, int depth, int sampleSteps, int samples, String loss) {
        public static Options defaults() { return new Options(4, 3000, 512, 1e-3, 256, 3, 100, 512_000, "ce"); }
    }

    public record Result(int k, String method, double kl, double floorKl, double trainSeconds, double sampleSeconds, int samples) {}

    private ToyBenchmark() {}

    /** @param progress called with the fraction done (training then sampling) */
    public static Result run(int k, String method, Options o, long seed, java.util.function.DoubleConsumer progress) {
        return run(k, method, CategoricalFlow.named(method, k), o, seed, progress);
    }

    /** As {@link #run(int, String, Options, long, java.util.function.DoubleConsumer)} with a configured flow (e.g. a Dirichlet t_max). */
    public static Result run(int k, String method, CategoricalFlow flow, Options o, long seed, java.util.function.DoubleConsumer progress) {
        ToyTarget target = new ToyTarget(o.length(), k, seed);
        CategoricalDenoiser net = new CategoricalDenoiser(new CategoricalDenoiser.Config("mlp", o.length(), flow.channels(), k, 0, o.hidden(), o.depth(), o.loss()), seed);
        net.useEma(0.999);
        Rng rng = new Rng(seed + 1);
        long t0 = System.nanoTime();
        SequenceTrainer.train(flow, net, target, new SequenceTrainer.Options(o.trainSteps(), o.batch(), o.lr(),
                LrSchedule.warmupCosine(100, 0.1), 0, 1.0), rng, (s, loss) -> {
                    if (progress != null && s % 50 == 0) progress.accept(0.5 * s / o.trainSteps());
                });
        long t1 = System.nanoTime();
        int chunk = 8192;
        int[] tokens = new int[o.samples() * o.length()];
        for (int done = 0; done < o.samples(); done += chunk) {
            int n = Math.min(chunk, o.samples() - done);
            int[] part = flow.sample(net, n, o.length(), o.sampleSteps(), rng);
            System.arraycopy(part, 0, tokens, done * o.length(), part.length);
            if (progress != null) progress.accept(0.5 + 0.5 * (done + n) / o.samples());
        }
        long t2 = System.nanoTime();
        int[] exact = target.next(o.samples(), new Rng(seed + 2)).tokens();        // the KL of true samples: the floor
        return new Result(k, method, target.klOfSamples(tokens), target.klOfSamples(exact), (t1 - t0) / 1e9, (t2 - t1) / 1e9, o.samples());
    }
}
