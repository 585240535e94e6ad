package org.flowmatch4j.molecules.graph;

import java.util.ArrayList;
import java.util.List;
import org.openscience.cdk.aromaticity.Aromaticity;
import org.openscience.cdk.aromaticity.ElectronDonation;
import org.openscience.cdk.aromaticity.Kekulization;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.graph.Cycles;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;
import org.openscience.cdk.interfaces.IPseudoAtom;
import org.openscience.cdk.silent.AtomContainer;
import org.openscience.cdk.smiles.SmiFlavor;
import org.openscience.cdk.smiles.SmilesGenerator;
import org.openscience.cdk.tools.manipulator.AtomContainerManipulator;

/**
 * Conversion between CDK molecules and {@link MolecularGraph}s. To a graph: hydrogens suppressed, aromatic bonds
 * kekulised (CDK {@link Kekulization}), element and formal charge kept; stereo, isotopes and radicals are dropped (the
 * graph flow does not model them). From a graph: implicit hydrogens by the allowed-valence rule of {@link AtomToken}.
 * Canonical SMILES: Daylight aromaticity perceived on a copy, then CDK's canonical, aromatic-symbol SMILES, so the
 * same molecule gives the same string whichever Kekulé structure or atom order it came in.
 */
public final class CdkGraphs {
    private CdkGraphs() {}

    /** The graph of a molecule; throws {@link IllegalArgumentException} naming what cannot be represented. */
    public static MolecularGraph fromContainer(IAtomContainer molecule) {
        IAtomContainer mol;
        try {
            mol = molecule.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
        try {
            mol = AtomContainerManipulator.suppressHydrogens(mol);
            boolean aromatic = false;
            for (IBond b : mol.bonds()) aromatic |= b.getOrder() == null || b.getOrder() == IBond.Order.UNSET;
            if (aromatic) Kekulization.kekulize(mol);
        } catch (CDKException | RuntimeException e) {   // CDK throws unchecked exceptions on malformed connection tables
            throw new IllegalArgumentException("cannot assign a Kekulé structure: " + e.getMessage());
        }
        int n = mol.getAtomCount();
        List<AtomToken> atoms = new ArrayList<>(n);
        for (IAtom a : mol.atoms()) {
            if (a instanceof IPseudoAtom || a.getAtomicNumber() == null || a.getAtomicNumber() < 1)
                throw new IllegalArgumentException("atom " + (atoms.size() + 1) + " is not an element ('" + a.getSymbol() + "')");
            atoms.add(new AtomToken(a.getSymbol(), a.getFormalCharge() == null ? 0 : a.getFormalCharge()));
        }
        byte[] bonds = new byte[n * n];
        for (IBond b : mol.bonds()) {
            if (b.getAtomCount() != 2) throw new IllegalArgumentException("bond with " + b.getAtomCount() + " atoms");
            if (b.getOrder() == null) throw new IllegalArgumentException("a bond between atoms " + (mol.indexOf(b.getBegin()) + 1) + " and "
                    + (mol.indexOf(b.getEnd()) + 1) + " has no order");
            int order = switch (b.getOrder()) {
                case SINGLE -> 1;
                case DOUBLE -> 2;
                case TRIPLE -> 3;
                default -> throw new IllegalArgumentException("bond order " + b.getOrder() + " is not single, double or triple");
            };
            int i = mol.indexOf(b.getBegin()), j = mol.indexOf(b.getEnd());
            bonds[i * n + j] = bonds[j * n + i] = (byte) order;
        }
        return new MolecularGraph(atoms, bonds);
    }

    /**
     * The CDK molecule of a graph with implicit hydrogens set; an atom above every allowed valence gets none (such a
     * graph is invalid, see {@link org.flowmatch4j.molecules.molmetrics.MoleculeValidity}).
     */
    public static IAtomContainer toContainer(MolecularGraph g) {
        IAtomContainer mol = new AtomContainer();
        int n = g.size();
        for (int i = 0; i < n; i++) {
            AtomToken t = g.atoms().get(i);
            IAtom a = mol.newAtom(t.atomicNumber());
            a.setFormalCharge(t.charge());
            a.setImplicitHydrogenCount(Math.max(0, t.implicitHydrogens(g.bondOrderSum(i))));
        }
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++) {
                int b = g.bond(i, j);
                if (b > 0) mol.newBond(mol.getAtom(i), mol.getAtom(j), IBond.Order.values()[b - 1]);
            }
        return mol;
    }

    /** Canonical SMILES with aromatic symbols (Daylight model) of a molecule with hydrogen counts set. */
    public static String canonicalSmiles(IAtomContainer molecule) {
        try {
            IAtomContainer mol = molecule.clone();
            new Aromaticity(ElectronDonation.daylight(), Cycles.or(Cycles.all(), Cycles.relevant())).apply(mol);
            return new SmilesGenerator(SmiFlavor.Canonical | SmiFlavor.UseAromaticSymbols).create(mol);
        } catch (CloneNotSupportedException | CDKException | RuntimeException e) {
            throw new IllegalArgumentException("cannot write SMILES: " + e.getMessage(), e);
        }
    }

    /** Canonical SMILES of a graph. */
    public static String canonicalSmiles(MolecularGraph g) {
        return canonicalSmiles(toContainer(g));
    }
}
