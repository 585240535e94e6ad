package org.flowmatch4j.molecules.molmetrics;

import java.util.Optional;
import org.flowmatch4j.molecules.graph.AtomToken;
import org.flowmatch4j.molecules.graph.CdkGraphs;
import org.flowmatch4j.molecules.graph.MolecularGraph;
import org.openscience.cdk.atomtype.CDKAtomTypeMatcher;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IAtomType;
import org.openscience.cdk.silent.SilentChemObjectBuilder;

/**
 * Chemical validity of a generated graph, the two checks RDKit's sanitisation makes for neutral organic graphs, done
 * with CDK: (1) valence — every atom's bond-order sum is at most its token's largest allowed valence (C 4, N 3, N⁺ 4,
 * O 2, S 2/4/6, …; so implicit hydrogens can fill it to an allowed valence); (2) CDK atom typing — with those
 * hydrogens, {@link CDKAtomTypeMatcher} finds a known atom type for every atom (this rejects, e.g., a neutral
 * four-bonded nitrogen or an sp carbon with two triple bonds).
 */
public final class MoleculeValidity {
    private MoleculeValidity() {}

    /** Empty when valid, else why not (the first offending atom, numbered from 1). */
    public static Optional<String> problem(MolecularGraph g) {
        if (g.size() == 0) return Optional.of("empty graph");
        for (int i = 0; i < g.size(); i++) {
            AtomToken t = g.atoms().get(i);
            if (t.allowedValences().isEmpty()) return Optional.of("atom %d: no known valence for %s".formatted(i + 1, t));
            int sum = g.bondOrderSum(i);
            if (t.implicitHydrogens(sum) < 0)
                return Optional.of("atom %d (%s): bond orders sum to %d, above its largest valence %d".formatted(i + 1, t, sum, t.maxValence()));
        }
        IAtomContainer mol = CdkGraphs.toContainer(g);
        try {
            IAtomType[] types = CDKAtomTypeMatcher.getInstance(SilentChemObjectBuilder.getInstance()).findMatchingAtomTypes(mol);
            for (int i = 0; i < types.length; i++)
                if (types[i] == null || "X".equals(types[i].getAtomTypeName()))
                    return Optional.of("atom %d (%s): CDK finds no atom type".formatted(i + 1, g.atoms().get(i)));
        } catch (CDKException | RuntimeException e) {
            return Optional.of("CDK atom typing failed: " + e.getMessage());
        }
        return Optional.empty();
    }

    public static boolean valid(MolecularGraph g) { return problem(g).isEmpty(); }
}
