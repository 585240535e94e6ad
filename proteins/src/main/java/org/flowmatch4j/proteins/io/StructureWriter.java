package org.flowmatch4j.proteins.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.biojava.nbio.structure.AminoAcidImpl;
import org.biojava.nbio.structure.AtomImpl;
import org.biojava.nbio.structure.Chain;
import org.biojava.nbio.structure.ChainImpl;
import org.biojava.nbio.structure.Element;
import org.biojava.nbio.structure.EntityInfo;
import org.biojava.nbio.structure.EntityType;
import org.biojava.nbio.structure.Group;
import org.biojava.nbio.structure.ResidueNumber;
import org.biojava.nbio.structure.Structure;
import org.biojava.nbio.structure.StructureImpl;
import org.biojava.nbio.structure.io.cif.CifStructureConverter;
import org.flowmatch4j.core.util.AtomicFiles;

/**
 * Writes backbones (N, CA, C, O; optionally ideal CB) as PDB or mmCIF text through BioJava structures, one chain per
 * backbone, or one model per backbone for trajectories. Files are written atomically.
 */
public final class StructureWriter {
    private static final Map<Character, String> THREE_LETTER = Map.ofEntries(Map.entry('A', "ALA"), Map.entry('R', "ARG"),
            Map.entry('N', "ASN"), Map.entry('D', "ASP"), Map.entry('C', "CYS"), Map.entry('Q', "GLN"), Map.entry('E', "GLU"),
            Map.entry('G', "GLY"), Map.entry('H', "HIS"), Map.entry('I', "ILE"), Map.entry('L', "LEU"), Map.entry('K', "LYS"),
            Map.entry('M', "MET"), Map.entry('F', "PHE"), Map.entry('P', "PRO"), Map.entry('S', "SER"), Map.entry('T', "THR"),
            Map.entry('W', "TRP"), Map.entry('Y', "TYR"), Map.entry('V', "VAL"));

    private StructureWriter() {}

    /** A BioJava structure with one model holding the given chains. */
    public static Structure structure(List<Backbone> chains) {
        Structure s = new StructureImpl();
        List<Chain> model = new ArrayList<>();
        for (Backbone b : chains) model.add(chain(b, s));
        s.addModel(model);
        return s;
    }

    /** One model per backbone (a trajectory), all with the chain id of the first. */
    public static Structure trajectory(List<Backbone> frames) {
        Structure s = new StructureImpl();
        for (Backbone b : frames) s.addModel(new ArrayList<>(List.of(chain(b, s))));
        return s;
    }

    private static Chain chain(Backbone b, Structure s) {
        Chain c = new ChainImpl();
        c.setId(b.chainId());
        c.setName(b.chainId());
        c.setStructure(s);
        EntityInfo entity = new EntityInfo();
        entity.setMolId(1);
        entity.setType(EntityType.POLYMER);
        entity.addChain(c);
        c.setEntityInfo(entity);
        int serial = 1;
        List<Group> groups = new ArrayList<>();
        for (int i = 0; i < b.length(); i++) {
            AminoAcidImpl g = new AminoAcidImpl();
            g.setPDBName(THREE_LETTER.getOrDefault(b.sequence().charAt(i), "UNK"));
            g.setAminoType(b.sequence().charAt(i));
            g.setResidueNumber(new ResidueNumber(b.chainId(), b.residueNumbers()[i], null));
            serial = atom(g, "N", Element.N, b.n()[i], serial);
            serial = atom(g, "CA", Element.C, b.ca()[i], serial);
            serial = atom(g, "C", Element.C, b.c()[i], serial);
            if (b.o()[i] != null) serial = atom(g, "O", Element.O, b.o()[i], serial);
            c.addGroup(g);
            groups.add(g);
        }
        c.setSeqResGroups(groups);
        return c;
    }

    private static int atom(Group g, String name, Element e, double[] p, int serial) {
        AtomImpl a = new AtomImpl();
        a.setName(name);
        a.setElement(e);
        a.setCoords(p.clone());
        a.setPDBserial(serial);
        a.setOccupancy(1f);
        a.setTempFactor(0f);
        g.addAtom(a);
        return serial + 1;
    }

    public static String toPdb(Structure s) { return s.toPDB(); }

    public static String toMmCif(Structure s) { return CifStructureConverter.toText(s); }

    /** Writes PDB, or mmCIF when the name ends in .cif. */
    public static void write(Path file, Structure s) throws IOException {
        AtomicFiles.writeString(file, file.getFileName().toString().endsWith(".cif") ? toMmCif(s) : toPdb(s));
    }
}
