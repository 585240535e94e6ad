package org.flowmatch4j.molecules.molio;

import org.openscience.cdk.interfaces.IAtomContainer;

/** A molecule with its name (SMILES title, SDF title line) and where it came from ("file:line"). */
public record NamedMolecule(String name, String origin, IAtomContainer molecule) {}
