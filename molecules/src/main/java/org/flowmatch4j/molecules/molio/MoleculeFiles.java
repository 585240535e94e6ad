package org.flowmatch4j.molecules.molio;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.flowmatch4j.core.util.AtomicFiles;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.exception.InvalidSmilesException;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.io.SDFWriter;
import org.openscience.cdk.io.MDLV2000Reader;
import org.openscience.cdk.layout.StructureDiagramGenerator;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.smiles.SmiFlavor;
import org.openscience.cdk.smiles.SmilesGenerator;
import org.openscience.cdk.smiles.SmilesParser;

/**
 * SMILES and SDF files through CDK. SMILES files: one molecule a line, the SMILES then optionally whitespace and a
 * name; blank lines and lines starting with '#' are skipped. SDF: MDL V2000 records separated by "$$$$", each
 * parsed on its own so a bad record is an error naming it (record number and first line). Either may be
 * gzipped (".gz"). Reading stops at the first bad record with its file and line; writing is atomic (a temporary file
 * moved into place), and SDF output gets 2-D coordinates from CDK's structure diagram generator.
 */
public final class MoleculeFiles {
    private MoleculeFiles() {}

    /** Files larger than this are refused before parsing. */
    public static final long MAX_BYTES = 256L << 20;

    /** Reads a SMILES (.smi, .smiles, .txt, .csv-less plain lists) or SDF (.sdf, .mol) file, gzipped or not. */
    public static List<NamedMolecule> read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).replaceFirst("\\.gz$", "");
        if (name.endsWith(".sdf") || name.endsWith(".mol") || name.endsWith(".sd")) return readSdf(file);
        if (name.endsWith(".smi") || name.endsWith(".smiles") || name.endsWith(".txt")) return readSmiles(file);
        throw new MoleculeFormatException(file + ": unknown molecule file type (expected .smi, .smiles, .txt, .sdf or .mol, optionally .gz)");
    }

    public static List<NamedMolecule> readSmiles(Path file) throws IOException {
        try (BufferedReader r = reader(file)) {
            return readSmiles(r, file.toString());
        }
    }

    /** SMILES lines from text in memory; {@code source} names it in errors. */
    public static List<NamedMolecule> parseSmiles(String text, String source) throws MoleculeFormatException {
        try {
            return readSmiles(new BufferedReader(new java.io.StringReader(text)), source);
        } catch (MoleculeFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new MoleculeFormatException(source + ": " + e.getMessage());
        }
    }

    private static List<NamedMolecule> readSmiles(BufferedReader r, String file) throws IOException {
        SmilesParser parser = new SmilesParser(SilentChemObjectBuilder.getInstance());
        List<NamedMolecule> out = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = r.readLine()) != null) {
            number++;
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) continue;
            String[] parts = s.split("\\s+", 2);
            String origin = file + ":" + number;
            try {
                IAtomContainer mol = parser.parseSmiles(parts[0]);
                out.add(new NamedMolecule(parts.length > 1 ? parts[1] : "line" + number, origin, mol));
            } catch (InvalidSmilesException | RuntimeException e) {
                throw new MoleculeFormatException(origin + ": cannot parse SMILES '" + parts[0] + "': " + firstLine(e.getMessage()));
            }
        }
        return out;
    }

    public static List<NamedMolecule> readSdf(Path file) throws IOException {
        try (BufferedReader r = reader(file)) {
            return readSdf(r, file.toString());
        }
    }

    /** SDF records from text in memory; {@code source} names it in errors. */
    public static List<NamedMolecule> parseSdf(String text, String source) throws MoleculeFormatException {
        try {
            return readSdf(new BufferedReader(new java.io.StringReader(text)), source);
        } catch (MoleculeFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new MoleculeFormatException(source + ": " + e.getMessage());
        }
    }

    /**
     * Records split at "$$$$" lines, each parsed by CDK's {@link MDLV2000Reader}; CDK's iterating reader logs a bad
     * record and silently stops, so it is not used.
     */
    private static List<NamedMolecule> readSdf(BufferedReader r, String file) throws IOException {
        List<NamedMolecule> out = new ArrayList<>();
        StringBuilder record = new StringBuilder();
        int number = 0, lineNo = 0, start = 1;
        String line;
        while (true) {
            line = r.readLine();
            if (line != null) lineNo++;
            if (line == null || line.strip().equals("$$$$")) {
                if (!record.toString().isBlank()) {
                    number++;
                    out.add(sdfRecord(record.toString(), file, number, start));
                }
                if (line == null) break;
                record.setLength(0);
                start = lineNo + 1;
            } else {
                record.append(line).append('\n');
            }
        }
        return out;
    }

    private static NamedMolecule sdfRecord(String text, String file, int number, int line) throws MoleculeFormatException {
        String where = "%s: record %d (line %d)".formatted(file, number, line);
        IAtomContainer mol;
        try (MDLV2000Reader reader = new MDLV2000Reader(new java.io.StringReader(text))) {
            mol = reader.read(SilentChemObjectBuilder.getInstance().newAtomContainer());
        } catch (CDKException | IOException | RuntimeException e) {
            throw new MoleculeFormatException(where + ": not a valid MDL V2000 molfile: " + firstLine(e.getMessage()));
        }
        if (mol == null || mol.getAtomCount() == 0) throw new MoleculeFormatException(where + ": no atoms");
        String title = mol.getTitle();
        return new NamedMolecule(title == null || title.isBlank() ? "record" + number : title.strip(), file + "#" + number, mol);
    }

    /** The molecules of a file as graphs; a molecule the graph flow cannot represent is an error naming it. */
    public static List<org.flowmatch4j.molecules.graph.MolecularGraph> readGraphs(Path file) throws IOException {
        List<org.flowmatch4j.molecules.graph.MolecularGraph> out = new ArrayList<>();
        for (NamedMolecule m : read(file)) {
            try {
                out.add(org.flowmatch4j.molecules.graph.CdkGraphs.fromContainer(m.molecule()));
            } catch (IllegalArgumentException e) {
                throw new MoleculeFormatException(m.origin() + ": " + e.getMessage());
            }
        }
        if (out.isEmpty()) throw new MoleculeFormatException(file + ": no molecules");
        return out;
    }

    /** Writes "SMILES name" lines (the SMILES as given). */
    public static void writeSmiles(Path file, List<String> smiles, List<String> names) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < smiles.size(); i++) sb.append(smiles.get(i)).append(' ').append(names.get(i)).append('\n');
        AtomicFiles.writeString(file, sb.toString());
    }

    /**
     * Writes an SDF with 2-D coordinates laid out by CDK (the molecules are copied, not changed); each record's title
     * is its name and a {@code <SMILES>} data field holds its canonical SMILES when given.
     */
    public static void writeSdf(Path file, List<IAtomContainer> molecules, List<String> names, List<String> smiles) throws IOException {
        java.io.StringWriter w = new java.io.StringWriter();
        try (SDFWriter sdf = new SDFWriter(w)) {
            StructureDiagramGenerator sdg = new StructureDiagramGenerator();
            for (int i = 0; i < molecules.size(); i++) {
                IAtomContainer mol = molecules.get(i).clone();
                layout(sdg, mol);
                mol.setTitle(names.get(i));
                if (smiles != null) mol.setProperty("SMILES", smiles.get(i));
                sdf.write(mol);
            }
        } catch (CDKException | CloneNotSupportedException e) {
            throw new IOException("cannot write SDF " + file + ": " + e.getMessage(), e);
        }
        AtomicFiles.writeString(file, w.toString());
    }

    /**
     * CDK's 2-D layout; where it fails (its ring placer throws on some bridged ring systems that generated molecules
     * contain) the atoms go evenly on a circle and the record says so in a {@code <LAYOUT>} field.
     */
    static void layout(StructureDiagramGenerator sdg, IAtomContainer mol) {
        try {
            sdg.generateCoordinates(mol);
        } catch (CDKException | RuntimeException e) {
            int n = mol.getAtomCount();
            double r = Math.max(1.5, 1.5 * n / (2 * Math.PI));
            for (int i = 0; i < n; i++)
                mol.getAtom(i).setPoint2d(new javax.vecmath.Point2d(r * Math.cos(2 * Math.PI * i / n), r * Math.sin(2 * Math.PI * i / n)));
            mol.setProperty("LAYOUT", "circle (CDK layout failed: " + e.getClass().getSimpleName() + ")");
        }
    }

    /** Plain (non-canonical) SMILES of a molecule, Kekulé form as stored. */
    public static String smiles(IAtomContainer mol) throws CDKException {
        return new SmilesGenerator(SmiFlavor.Default).create(mol);
    }

    private static BufferedReader reader(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new MoleculeFormatException(file + ": no such file");
        if (Files.size(file) > MAX_BYTES) throw new MoleculeFormatException(file + ": larger than " + (MAX_BYTES >> 20) + " MB");
        InputStream in = Files.newInputStream(file);
        if (file.toString().endsWith(".gz")) in = new GZIPInputStream(in);
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    private static String firstLine(String s) {
        if (s == null) return "unknown error";
        int k = s.indexOf('\n');
        return k < 0 ? s : s.substring(0, k);
    }
}
