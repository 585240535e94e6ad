package org.flowmatch4j.proteins.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.biojava.nbio.structure.Atom;
import org.biojava.nbio.structure.Chain;
import org.biojava.nbio.structure.Group;
import org.biojava.nbio.structure.GroupType;
import org.biojava.nbio.structure.Structure;
import org.biojava.nbio.structure.align.util.AtomCache;
import org.biojava.nbio.structure.chem.ChemCompGroupFactory;
import org.biojava.nbio.structure.chem.ReducedChemCompProvider;
import org.biojava.nbio.structure.io.FileParsingParameters;
import org.biojava.nbio.structure.io.LocalPDBDirectory.FetchBehavior;
import org.biojava.nbio.structure.io.PDBFileReader;
import org.biojava.nbio.structure.io.CifFileReader;

/**
 * Reads protein chains from PDB or mmCIF files with BioJava, strictly offline: the reduced chemical-component
 * provider (no per-residue download from RCSB), {@link FetchBehavior#LOCAL_ONLY} readers, and a private
 * {@code PDB_DIR}. Each chain's amino-acid residues with N, Cα and C atoms form a {@link Backbone}.
 */
public final class StructureReader {
    private static final Map<String, Character> ONE_LETTER = Map.ofEntries(Map.entry("ALA", 'A'), Map.entry("ARG", 'R'),
            Map.entry("ASN", 'N'), Map.entry("ASP", 'D'), Map.entry("CYS", 'C'), Map.entry("GLN", 'Q'), Map.entry("GLU", 'E'),
            Map.entry("GLY", 'G'), Map.entry("HIS", 'H'), Map.entry("ILE", 'I'), Map.entry("LEU", 'L'), Map.entry("LYS", 'K'),
            Map.entry("MET", 'M'), Map.entry("PHE", 'F'), Map.entry("PRO", 'P'), Map.entry("SER", 'S'), Map.entry("THR", 'T'),
            Map.entry("TRP", 'W'), Map.entry("TYR", 'Y'), Map.entry("VAL", 'V'), Map.entry("MSE", 'M'));
    private static Path pdbDir;
    /** Largest structure file read (bytes, as stored; a .gz counts compressed): the largest PDB entries are far smaller. */
    public static final long MAX_BYTES = 512L << 20;

    private StructureReader() {}

    /** Configures BioJava never to contact RCSB (idempotent). */
    public static synchronized void offline() throws IOException {
        if (pdbDir != null) return;
        pdbDir = Files.createTempDirectory("flowmatch-pdb");
        pdbDir.toFile().deleteOnExit();
        System.setProperty("PDB_DIR", pdbDir.toString());
        System.setProperty("PDB_CACHE_DIR", pdbDir.toString());
        ChemCompGroupFactory.setChemCompProvider(new ReducedChemCompProvider());
        AtomCache cache = new AtomCache(pdbDir.toString());
        cache.setFetchBehavior(FetchBehavior.LOCAL_ONLY);
    }

    /**
     * A parsed structure file: its protein chains, the resolution (NaN when the file gives none, e.g. NMR), the
     * experimental methods, and what was left out (residues lacking N, CA or C) so nothing is dropped silently.
     */
    public record StructureFile(List<Backbone> chains, double resolution, String methods, List<String> warnings) {}

    /** All protein chains of the first model of a .pdb, .ent or .cif file (optionally gzipped). */
    public static List<Backbone> read(Path file) throws IOException { return parse(file).chains(); }

    /** As {@link #read} with header information and warnings. */
    public static StructureFile parse(Path file) throws IOException {
        offline();
        if (!Files.isRegularFile(file)) throw new IOException(file + ": no such structure file");
        if (Files.size(file) > MAX_BYTES) throw new IOException(file + ": larger than " + (MAX_BYTES >> 20) + " MiB, not read");
        String name = file.getFileName().toString();
        FileParsingParameters params = new FileParsingParameters();
        params.setAlignSeqRes(false);
        params.setParseSecStruc(false);
        Structure s;
        try {
            if (name.matches(".*\\.cif(\\.gz)?$")) {
                CifFileReader r = new CifFileReader(pdbDir.toString());
                r.setFetchBehavior(FetchBehavior.LOCAL_ONLY);
                r.setFileParsingParameters(params);
                s = r.getStructure(file.toString());
            } else {
                PDBFileReader r = new PDBFileReader(pdbDir.toString());
                r.setFetchBehavior(FetchBehavior.LOCAL_ONLY);
                r.setFileParsingParameters(params);
                s = r.getStructure(file.toString());
            }
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": not a readable PDB/mmCIF file (" + e.getMessage() + ")", e);
        }
        List<Backbone> out = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Chain chain : s.getChains()) {
            Backbone b = backbone(name, chain, warnings);
            if (b != null) out.add(b);
        }
        if (out.isEmpty()) throw new IOException(file + ": no protein chain with N, CA and C atoms");
        double resolution = Double.NaN;
        String methods = "";
        if (s.getPDBHeader() != null) {
            float r = s.getPDBHeader().getResolution();
            if (r > 0 && r < 99) resolution = r;
            if (s.getPDBHeader().getExperimentalTechniques() != null) {
                methods = s.getPDBHeader().getExperimentalTechniques().stream().map(Object::toString).sorted()
                        .reduce((x, y) -> x + ";" + y).orElse("");
            }
        }
        return new StructureFile(out, resolution, methods, List.copyOf(warnings));
    }

    private static Backbone backbone(String name, Chain chain, List<String> warnings) {
        List<double[]> n = new ArrayList<>(), ca = new ArrayList<>(), c = new ArrayList<>(), o = new ArrayList<>();
        StringBuilder seq = new StringBuilder();
        List<Integer> numbers = new ArrayList<>();
        for (Group g : chain.getAtomGroups()) {
            if (g.getType() != GroupType.AMINOACID && !ONE_LETTER.containsKey(g.getPDBName())) continue;
            Atom an = g.getAtom("N"), aca = g.getAtom("CA"), ac = g.getAtom("C");
            if (an == null || aca == null || ac == null) {
                warnings.add(String.format("%s chain %s residue %s %s lacks %s%s%s: left out", name, chain.getName(),
                        g.getResidueNumber(), g.getPDBName(), an == null ? "N " : "", aca == null ? "CA " : "", ac == null ? "C" : "").trim());
                continue;
            }
            Atom ao = g.getAtom("O");
            n.add(an.getCoords());
            ca.add(aca.getCoords());
            c.add(ac.getCoords());
            o.add(ao == null ? null : ao.getCoords());
            seq.append(ONE_LETTER.getOrDefault(g.getPDBName(), 'X'));
            numbers.add(g.getResidueNumber().getSeqNum());
        }
        if (seq.isEmpty()) return null;
        return new Backbone(name, chain.getName(), seq.toString(), numbers.stream().mapToInt(Integer::intValue).toArray(),
                n.toArray(double[][]::new), ca.toArray(double[][]::new), c.toArray(double[][]::new), o.toArray(double[][]::new));
    }
}
