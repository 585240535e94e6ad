package org.flowmatch4j.cli.seq;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flowmatch4j.cli.CommonOptions;
import org.flowmatch4j.core.util.Json;
import org.flowmatch4j.sequences.task.ToyBenchmark;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code flowmatch seq toy}: the Dirichlet-FM simplex-dimension benchmark for one K and method. */
@Command(name = "toy", mixinStandardHelpOptions = true,
        description = "Simplex-dimension toy of Dirichlet FM: sequences of 4 independent positions over K categories (probabilities "
                + "softmax of U(0,1) logits); train, sample, and report the mean per-position KL(empirical || target) beside "
                + "the KL of as many exact samples (the sampling-noise floor).")
public final class SeqToyCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--k", required = true, description = "Categories K.")
    int k;
    @Option(names = "--method", defaultValue = "dirichlet", description = "dirichlet, linear, discrete or discrete-uniform (default: ${DEFAULT-VALUE}).")
    String method;
    @Option(names = "--train-steps", defaultValue = "3000", description = "Training steps (default: ${DEFAULT-VALUE}).")
    int trainSteps;
    @Option(names = "--samples", defaultValue = "512000", description = "Samples for the KL (default: ${DEFAULT-VALUE}).")
    int samples;
    @Option(names = "--sample-steps", defaultValue = "100", description = "Sampler steps (default: ${DEFAULT-VALUE}).")
    int sampleSteps;
    @Option(names = "--hidden", defaultValue = "256", description = "MLP width (default: ${DEFAULT-VALUE}).")
    int hidden;
    @Option(names = "--t-max", description = "Dirichlet FM only: the path's largest concentration t_max (default: the method's, "
            + org.flowmatch4j.sequences.flow.DirichletFlow.DEFAULT_T_MAX + "); the marginal Beta(1 + t, K - 1) needs t well above K to reach the vertex.")
    Double tMax;
    @picocli.CommandLine.Mixin DiscreteFlowOptions discrete;
    @Option(names = "--json", description = "Print one JSON object instead of a sentence.")
    boolean json;

    @Override public Integer call() {
        if (k < 2 || trainSteps < 1 || samples < 1 || sampleSteps < 1 || hidden < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "need --k >= 2 and positive --train-steps, --samples, --sample-steps, --hidden");
        }
        org.flowmatch4j.sequences.flow.CategoricalFlow flow;
        try {
            flow = discrete.flow(method, k);
            if (tMax != null) {
                if (!method.equals("dirichlet")) throw new IllegalArgumentException("--t-max is for --method dirichlet");
                if (!(tMax > 0)) throw new IllegalArgumentException("--t-max must be > 0, got " + tMax);
                flow = new org.flowmatch4j.sequences.flow.DirichletFlow(k, tMax);
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        var d = ToyBenchmark.Options.defaults();
        var o = new ToyBenchmark.Options(d.length(), trainSteps, d.batch(), d.lr(), hidden, d.depth(), sampleSteps, samples, discrete.loss);
        int[] last = {-1};
        ToyBenchmark.Result r = ToyBenchmark.run(k, method, flow, o, common.seed, f -> {
            int pct = (int) (100 * f);
            if (pct / 10 != last[0]) {
                last[0] = pct / 10;
                System.err.printf(Locale.ROOT, "%s K=%d: %d%%%n", method, k, pct);
            }
        });
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("k", k);
            m.put("method", method);
            if (tMax != null) m.put("t_max", tMax);
            if (!discrete.loss.equals("ce")) m.put("loss", discrete.loss);
            if (discrete.kappaExponent != 1) m.put("kappa_exponent", discrete.kappaExponent);
            m.put("kl", r.kl());
            m.put("floor_kl", r.floorKl());
            m.put("samples", r.samples());
            m.put("train_seconds", r.trainSeconds());
            m.put("sample_seconds", r.sampleSeconds());
            m.put("seed", common.seed);
            System.out.println(Json.object(m));
        } else {
            System.out.printf(Locale.ROOT, "%s, K=%d: KL(empirical || target) = %.5f (exact samples: %.5f) from %d samples; train %.0f s, sample %.0f s%n",
                    method, k, r.kl(), r.floorKl(), r.samples(), r.trainSeconds(), r.sampleSeconds());
        }
        return 0;
    }
}
