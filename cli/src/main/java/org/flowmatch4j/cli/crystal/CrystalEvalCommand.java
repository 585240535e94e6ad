package org.flowmatch4j.cli.crystal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.flowmatch4j.molecules.crystal.Crystal;
import org.flowmatch4j.molecules.io.CifReader;
import org.flowmatch4j.molecules.metrics.Coverage;
import org.flowmatch4j.molecules.metrics.CspMetrics;
import org.flowmatch4j.molecules.metrics.DngMetrics;
import org.flowmatch4j.molecules.metrics.StructureMatcher;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flowmatch crystal eval}. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "CSP metrics of samples against their references (row i of the table ↔ sample i): match rate and RMSE "
                + "(StructureMatcher, CDVAE tolerances ltol 0.3, stol 0.5, angle 10° unless --strict) and structural validity.")
public final class CrystalEvalCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--samples", required = true, description = "Folder written by 'crystal sample --reference'.")
    Path samples;
    @Option(names = "--reference", required = true, description = "The same crystal table (or folder with test.csv).")
    Path reference;
    @Option(names = "--strict", description = "pymatgen's default tolerances (ltol 0.2, stol 0.3, angle 5°).")
    boolean strict;
    @Option(names = "--train", description = "De-novo samples: the training table (or folder with train.csv) for novelty; then "
            + "validity, W1 of density and element count against --reference, uniqueness and novelty are reported.")
    Path train;
    @Option(names = "--coverage", defaultValue = "auto", description = "De-novo samples: COV-R/P cutoffs (structure,composition "
            + "fingerprint distance) — perov5 or carbon24 (0.2,4), mp20 (0.4,10), two numbers, or off; auto (default) picks "
            + "the preset from the --reference path and skips coverage when it names none.")
    String coverage;

    @Override public Integer call() throws IOException {
        List<Crystal> refs, preds = new ArrayList<>();
        try {
            refs = CrystalData.read(reference, "test");
            List<String> rows = Files.readAllLines(samples.resolve("summary.csv"));
            for (String row : rows.subList(1, rows.size())) preds.add(CifReader.readOne(samples.resolve(row.split(",")[1])));
        } catch (IOException | IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        StructureMatcher matcher = strict ? StructureMatcher.strict() : StructureMatcher.cdvae();
        if (train != null) {
            List<Crystal> known;
            try {
                known = CrystalData.read(train, "train");
            } catch (IOException | IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            Coverage.Cutoffs cut = coverageCutoffs();
            DngMetrics m = DngMetrics.evaluate(preds, refs, known, matcher);
            System.out.printf(Locale.ROOT, "%d generated crystals: valid %.2f %% (structural %.2f %%, compositional %.2f %%), W1 density %.4f g/cm³, "
                    + "W1 #elements %.4f, unique %.1f %%, novel %.1f %% (%s tolerances)%n", m.samples(), 100 * m.validity(),
                    100 * m.structuralValidity(), 100 * m.compositionalValidity(), m.densityW1(), m.elementsW1(), 100 * m.uniqueness(),
                    100 * m.novelty(), strict ? "pymatgen default" : "CDVAE");
            if (cut == null) System.out.println("coverage: not computed (--reference names no benchmark; pass --coverage perov5|carbon24|mp20|S,C)");
            else printCoverage(preds, refs, cut);
            return 0;
        }
        if (preds.size() > refs.size())
            throw new CommandLine.ParameterException(spec.commandLine(), "%d samples but only %d references".formatted(preds.size(), refs.size()));
        refs = refs.subList(0, preds.size());
        for (int i = 0; i < preds.size(); i++)
            if (!preds.get(i).counts().equals(refs.get(i).counts()))
                throw new CommandLine.ParameterException(spec.commandLine(), "sample %d is %s but reference row %d is %s: samples and references are not in the same order"
                        .formatted(i, preds.get(i).reducedFormula(), i + 1, refs.get(i).reducedFormula()));
        CspMetrics.Result r = CspMetrics.evaluate(preds, refs, matcher);
        System.out.printf(Locale.ROOT, "%d predictions: match rate %.2f %% (%d), RMSE %.4f, structurally valid %.1f %% (%s tolerances)%n",
                r.pairs(), 100 * r.matchRate(), r.matches(), r.rmse(), 100.0 * r.valid() / r.pairs(), strict ? "pymatgen default" : "CDVAE");
        return 0;
    }

    /** The cutoffs --coverage asks for, or null for none. */
    private Coverage.Cutoffs coverageCutoffs() {
        if (coverage.equals("off")) return null;
        if (coverage.equals("auto")) {
            for (Path p = reference.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
                String name = p.getFileName() == null ? "" : p.getFileName().toString();
                try {
                    return Coverage.Cutoffs.parse(name);
                } catch (IllegalArgumentException notADataset) {
                    // try the parent folder
                }
            }
            return null;
        }
        try {
            return Coverage.Cutoffs.parse(coverage);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--coverage: " + e.getMessage());
        }
    }

    private static void printCoverage(List<Crystal> preds, List<Crystal> refs, Coverage.Cutoffs cut) {
        System.err.printf(Locale.ROOT, "fingerprinting %d generated and %d reference crystals (CrystalNN order parameters, Magpie)…%n",
                preds.size(), refs.size());
        long t0 = System.nanoTime();
        Coverage c;
        try {
            c = Coverage.evaluate(preds, refs, cut);
        } catch (IllegalArgumentException e) {
            System.out.println("coverage: not computed (" + e.getMessage() + ")");
            return;
        }
        System.out.printf(Locale.ROOT, "coverage (cutoffs structure %.2f, composition %.1f): COV-R %.2f %%, COV-P %.2f %%, AMSD-R %.4f, "
                + "AMSD-P %.4f, AMCD-R %.4f, AMCD-P %.4f (%d of %d samples and %d of %d references fingerprinted, %.0f s)%n",
                cut.structure(), cut.composition(), 100 * c.recall(), 100 * c.precision(), c.amsdRecall(), c.amsdPrecision(),
                c.amcdRecall(), c.amcdPrecision(), c.fingerprinted(), c.generated(), c.references(), refs.size(), (System.nanoTime() - t0) / 1e9);
    }
}
