package org.flowmatch4j.cli.crystal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowmatch4j.molecules.crystal.Crystal;
import org.flowmatch4j.molecules.io.CifReader;
import org.flowmatch4j.molecules.io.CrystalCsv;

/** Crystal inputs for the commands: a CDVAE-style table (.csv, .csv.gz), a folder with one, or a CIF file. */
final class CrystalData {
    private CrystalData() {}

    /** For a folder: its {@code split}.csv or .csv.gz. */
    static Path table(Path path, String split) throws IOException {
        if (!Files.isDirectory(path)) return path;
        for (String name : List.of(split + ".csv", split + ".csv.gz")) if (Files.isRegularFile(path.resolve(name))) return path.resolve(name);
        throw new IOException(path + ": no " + split + ".csv or " + split + ".csv.gz in this folder");
    }

    static List<Crystal> read(Path path, String split) throws IOException {
        Path p = table(path, split);
        String name = p.getFileName().toString();
        if (name.endsWith(".cif")) return CifReader.read(p);
        return CrystalCsv.crystals(p);
    }
}
