package org.flowmatch4j.molecules.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flowmatch4j.core.metrics.Wasserstein;
import org.flowmatch4j.molecules.crystal.Crystal;

/**
 * The de-novo generation metrics of CDVAE, DiffCSP and FlowMM over S generated crystals:
 * <ul>
 *   <li>structural validity (every interatomic distance > 0.5 Å and volume > 0.1 Å³, {@link CspMetrics#structurallyValid}),
 *       compositional validity ({@link CompositionValidity}, SMACT rules) and both;</li>
 *   <li>W1 distances between the valid samples and the reference (test) set of density (g/cm³) and of the number of
 *       distinct elements — CDVAE's "property statistics";</li>
 *   <li>uniqueness: the share of samples no earlier sample matches ({@link StructureMatcher}); novelty: the share of
 *       samples that match no training crystal. Both compare only crystals of the same reduced formula, which a match
 *       requires anyway.</li>
 * </ul>
 * Coverage (COV-R/P on CrystalNN and Magpie fingerprints) is {@link Coverage}.
 */
public record DngMetrics(int samples, double structuralValidity, double compositionalValidity, double validity,
                         double densityW1, double elementsW1, double uniqueness, double novelty) {

    public static DngMetrics evaluate(List<Crystal> samples, List<Crystal> reference, List<Crystal> training, StructureMatcher matcher) {
        if (samples.isEmpty() || reference.isEmpty()) throw new IllegalArgumentException("need samples and reference crystals");
        int structural = 0, composition = 0, both = 0;
        List<Double> density = new ArrayList<>(), elements = new ArrayList<>();
        for (Crystal c : samples) {
            boolean s = CspMetrics.structurallyValid(c), k = CompositionValidity.valid(c);
            if (s) structural++;
            if (k) composition++;
            if (s && k) {
                both++;
                if (Double.isFinite(c.density())) density.add(c.density());   // CDK has no mass for a few heavy elements
                elements.add((double) c.counts().size());
            }
        }
        double[] refDensity = reference.stream().mapToDouble(Crystal::density).filter(Double::isFinite).toArray();
        double[] refElements = reference.stream().mapToDouble(c -> c.counts().size()).toArray();
        double dW = density.isEmpty() ? Double.NaN : Wasserstein.w1(density.stream().mapToDouble(d -> d).toArray(), refDensity);
        double eW = elements.isEmpty() ? Double.NaN : Wasserstein.w1(elements.stream().mapToDouble(d -> d).toArray(), refElements);
        Map<String, List<Crystal>> seen = new HashMap<>(), known = byFormula(training);
        int unique = 0, novel = 0;
        for (Crystal c : samples) {
            String f = c.reducedFormula();
            List<Crystal> same = seen.computeIfAbsent(f, x -> new ArrayList<>());
            if (same.stream().noneMatch(o -> matcher.matches(o, c))) unique++;
            same.add(c);
            if (known.getOrDefault(f, List.of()).stream().noneMatch(o -> matcher.matches(o, c))) novel++;
        }
        double n = samples.size();
        return new DngMetrics(samples.size(), structural / n, composition / n, both / n, dW, eW, unique / n, novel / n);
    }

    private static Map<String, List<Crystal>> byFormula(List<Crystal> crystals) {
        Map<String, List<Crystal>> out = new HashMap<>();
        for (Crystal c : crystals) out.computeIfAbsent(c.reducedFormula(), x -> new ArrayList<>()).add(c);
        return out;
    }
}
