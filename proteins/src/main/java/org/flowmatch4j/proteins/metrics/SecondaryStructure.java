package org.flowmatch4j.proteins.metrics;

import java.util.List;
import org.biojava.nbio.structure.Group;
import org.biojava.nbio.structure.Structure;
import org.biojava.nbio.structure.secstruc.SecStrucCalc;
import org.biojava.nbio.structure.secstruc.SecStrucState;
import org.biojava.nbio.structure.secstruc.SecStrucType;
import org.biojava.nbio.structure.StructureException;
import org.flowmatch4j.proteins.io.Backbone;
import org.flowmatch4j.proteins.io.StructureWriter;

/**
 * DSSP secondary structure (Kabsch &amp; Sander 1983) by BioJava's {@link SecStrucCalc} on the backbone atoms,
 * reduced to three classes as generative-model papers report them: helix (H, G, I), strand (E, B), coil (the rest).
 *
 * @param dssp one DSSP letter per residue ('-' for coil)
 */
public record SecondaryStructure(String dssp, double helix, double strand, double coil) {
    public static SecondaryStructure of(Backbone b) {
        Structure s = StructureWriter.structure(List.of(b));
        try {
            new SecStrucCalc().calculate(s, true);
        } catch (StructureException e) {
            throw new IllegalArgumentException(b.name() + ": DSSP failed: " + e.getMessage(), e);
        }
        StringBuilder letters = new StringBuilder();
        int helix = 0, strand = 0;
        for (Group g : s.getChains().get(0).getAtomGroups()) {
            Object p = g.getProperty(Group.SEC_STRUC);
            SecStrucType t = p instanceof SecStrucState st ? st.getType() : SecStrucType.coil;
            char c = t.type;
            letters.append(c == ' ' ? '-' : c);
            if (t.isHelixType()) helix++;
            else if (t.isBetaStrand()) strand++;
        }
        int n = Math.max(1, letters.length());
        return new SecondaryStructure(letters.toString(), (double) helix / n, (double) strand / n,
                1.0 - (double) (helix + strand) / n);
    }
}
