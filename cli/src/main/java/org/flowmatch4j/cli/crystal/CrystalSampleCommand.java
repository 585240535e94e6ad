package org.flowmatch4j.cli.crystal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.flowmatch4j.cli.CommonOptions;
import org.flowmatch4j.cli.OutputDir;
import org.flowmatch4j.core.util.AtomicFiles;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.molecules.crystal.Composition;
import org.flowmatch4j.molecules.crystal.Crystal;
import org.flowmatch4j.molecules.flow.CspFlow;
import org.flowmatch4j.molecules.io.CifWriter;
import org.flowmatch4j.molecules.metrics.CspMetrics;
import org.flowmatch4j.molecules.task.CspModelFile;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code flowmatch crystal sample}. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Predict crystal structures for given compositions with a trained CSP flow, or generate new crystals "
                + "(--num) with a de-novo (dng) flow; writes DIR/cif/NNNN.cif (P1) and DIR/summary.csv (formula, reference id, lattice, volume, structural and compositional validity).")
public final class CrystalSampleCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--model", required = true, description = "Run directory of 'crystal train' (or its model file).")
    Path model;

    static final class Source {
        @Option(names = "--compositions", description = "Text file, one formula per line (SrTiO3 or 'Sr1 Ti1 O3'); '#' comments.")
        Path compositions;
        @Option(names = "--reference", description = "Crystal table (or folder with test.csv): one prediction per row, for 'crystal eval'.")
        Path reference;
        @Option(names = "--num", description = "Number of crystals to generate with a de-novo (dng) model.")
        Integer num;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;
    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;
    @Option(names = "--steps", defaultValue = "100", description = "Euler steps (default: ${DEFAULT-VALUE}).")
    int steps;
    @Option(names = "--anneal", description = "Anti-annealing slope s of the coordinate field, v·(1 + s·t) (default: the "
            + "model's recorded 'anneal', else " + DEFAULT_ANNEAL + ").")
    Double anneal;

    /** FlowMM's anti-annealing slope, used for models that record none. */
    static final double DEFAULT_ANNEAL = 10;
    @Option(names = "--limit", description = "Use only the first N compositions.")
    Integer limit;
    @Option(names = "--batch", defaultValue = "256", description = "Crystals integrated together (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--overwrite", description = "Replace samples already in --out.")
    boolean overwrite;

    @Override public Integer call() throws IOException {
        OutputDir.refuseOverwrite(spec, out.resolve("summary.csv"), overwrite, "samples");
        if (steps < 1 || batch < 1 || (anneal != null && anneal < 0) || (limit != null && limit < 1))
            throw new CommandLine.ParameterException(spec.commandLine(), "need positive --steps, --batch, --limit and --anneal >= 0");
        List<int[]> comps = new ArrayList<>();
        List<String> refs = new ArrayList<>();
        try {
            if (source.num != null) {
                if (source.num < 1) throw new IOException("--num must be positive, got " + source.num);
            } else if (source.reference != null) {
                for (Crystal c : CrystalData.read(source.reference, "test")) { comps.add(c.numbers()); refs.add(c.name()); }
            } else {
                int line = 0;
                for (String l : Files.readAllLines(source.compositions)) {
                    line++;
                    String s = l.strip();
                    if (s.isEmpty() || s.startsWith("#")) continue;
                    try {
                        comps.add(Composition.parse(s));
                    } catch (IllegalArgumentException e) {
                        throw new IOException(source.compositions + ", line " + line + ": " + e.getMessage());
                    }
                    refs.add("");
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (limit != null && comps.size() > limit) { comps = comps.subList(0, limit); refs = refs.subList(0, limit); }
        if (comps.isEmpty() && source.num == null) throw new CommandLine.ParameterException(spec.commandLine(), "no compositions given");
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Path file = Files.isDirectory(model) ? model.resolve("model") : model;
        CspFlow flow;
        try {
            flow = CspModelFile.load(file);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        double s;
        try {
            s = anneal != null ? anneal : Double.parseDouble(CspModelFile.metadata(file).getOrDefault("anneal", String.valueOf(DEFAULT_ANNEAL)));
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), file + ": bad 'anneal' in the model metadata: " + e.getMessage());
        }
        boolean dng = flow.model().config().types();
        if (dng != (source.num != null))
            throw new CommandLine.ParameterException(spec.commandLine(), dng ? "this is a de-novo (dng) model: use --num N"
                    : "this is a structure-prediction (csp) model: give --compositions or --reference");
        int maxAtoms = flow.model().config().atoms();
        for (int i = 0; i < comps.size(); i++)
            if (comps.get(i).length > maxAtoms)
                throw new CommandLine.ParameterException(spec.commandLine(), "composition %d has %d atoms; the model takes at most %d".formatted(i + 1, comps.get(i).length, maxAtoms));
        long t0 = System.nanoTime();
        List<Crystal> samples = dng ? flow.generate(source.num, steps, s, batch, new Rng(common.seed))
                : flow.sample(comps, steps, s, batch, new Rng(common.seed));
        if (dng) refs = java.util.Collections.nCopies(samples.size(), "");
        double seconds = (System.nanoTime() - t0) / 1e9;
        OutputDir.mark(out);
        Files.createDirectories(out.resolve("cif"));
        StringBuilder csv = new StringBuilder("index,file,formula,reference,a,b,c,alpha,beta,gamma,volume,min_distance,valid,composition_valid\n");
        int valid = 0;
        for (int i = 0; i < samples.size(); i++) {
            String name = String.format(Locale.ROOT, "%04d", i);
            Crystal c = samples.get(i).withName(name);
            CifWriter.write(out.resolve("cif").resolve(name + ".cif"), c);
            double[] p = c.lattice().parameters();
            double dmin = CspMetrics.minimumDistance(c);
            boolean ok = CspMetrics.structurallyValid(c);
            if (ok) valid++;
            csv.append(String.format(Locale.ROOT, "%d,cif/%s.cif,%s,%s,%.5f,%.5f,%.5f,%.3f,%.3f,%.3f,%.4f,%.4f,%b,%b%n", i, name,
                    c.reducedFormula(), refs.get(i), p[0], p[1], p[2], p[3], p[4], p[5], c.lattice().volume(), dmin, ok,
                    org.flowmatch4j.molecules.metrics.CompositionValidity.valid(c)));
        }
        AtomicFiles.writeString(out.resolve("summary.csv"), csv.toString());
        System.out.printf(Locale.ROOT, "sampled %d crystals in %.1f s (%.1f ms each, %d steps, anneal s = %s); structurally valid %.1f %%; wrote %s/{cif/, summary.csv}%n",
                samples.size(), seconds, 1000 * seconds / samples.size(), steps, new java.math.BigDecimal(s).stripTrailingZeros().toPlainString(),
                100.0 * valid / samples.size(), out);
        return 0;
    }
}
