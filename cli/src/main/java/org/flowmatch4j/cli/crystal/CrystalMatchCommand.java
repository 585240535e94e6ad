package org.flowmatch4j.cli.crystal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.flowmatch4j.cli.OutputDir;
import org.flowmatch4j.core.util.AtomicFiles;
import org.flowmatch4j.molecules.crystal.Crystal;
import org.flowmatch4j.molecules.io.CifReader;
import org.flowmatch4j.molecules.metrics.StructureMatcher;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flowmatch crystal match}. */
@Command(name = "match", mixinStandardHelpOptions = true,
        description = "StructureMatcher on pairs of CIF files: PAIRS.csv has columns a,b (paths relative to the CSV's folder); "
                + "writes a,b,match,rmse (rmse normalised by (V/n)^(1/3), empty when no match).")
public final class CrystalMatchCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--pairs", required = true, description = "CSV with header a,b.")
    Path pairs;
    @Option(names = "--out", description = "Result CSV (default: standard output).")
    Path out;
    @Option(names = "--strict", description = "pymatgen's default tolerances instead of CDVAE's.")
    boolean strict;
    @Option(names = "--overwrite", description = "Replace --out if it exists.")
    boolean overwrite;

    @Override public Integer call() throws IOException {
        if (out != null) OutputDir.refuseOverwrite(spec, out, overwrite, "a result file");
        StructureMatcher matcher = strict ? StructureMatcher.strict() : StructureMatcher.cdvae();
        StringBuilder csv = new StringBuilder("a,b,match,rmse\n");
        try {
            List<String> lines = Files.readAllLines(pairs);
            if (lines.isEmpty() || !lines.get(0).strip().replace(" ", "").equals("a,b"))
                throw new IOException(pairs + ", line 1: header must be 'a,b'");
            Path base = pairs.toAbsolutePath().getParent();
            for (int i = 1; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty()) continue;
                String[] f = line.split(",");
                if (f.length != 2) throw new IOException(pairs + ", line " + (i + 1) + ": expected two paths a,b");
                Crystal a = CifReader.readOne(base.resolve(f[0].strip())), b = CifReader.readOne(base.resolve(f[1].strip()));
                Optional<StructureMatcher.Match> m = matcher.rmsDistance(a, b);
                csv.append(f[0].strip()).append(',').append(f[1].strip()).append(',').append(m.isPresent()).append(',')
                        .append(m.map(x -> String.format(Locale.ROOT, "%.6f", x.rms())).orElse("")).append('\n');
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (out == null) System.out.print(csv);
        else AtomicFiles.writeString(out, csv.toString());
        return 0;
    }
}
