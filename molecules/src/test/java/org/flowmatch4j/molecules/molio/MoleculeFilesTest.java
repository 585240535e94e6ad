package org.flowmatch4j.molecules.molio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowmatch4j.molecules.graph.CdkGraphs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;

class MoleculeFilesTest {
    @TempDir Path dir;

    @Test void smilesLinesWithNamesCommentsAndBlanks() throws Exception {
        Path f = Files.writeString(dir.resolve("a.smi"), "# header\nCCO ethanol\n\nc1ccccc1\tbenzene ring\nO\n");
        List<NamedMolecule> m = MoleculeFiles.read(f);
        assertEquals(List.of("ethanol", "benzene ring", "line5"), m.stream().map(NamedMolecule::name).toList());
        assertEquals(f + ":4", m.get(1).origin());
        assertEquals(6, m.get(1).molecule().getAtomCount());
    }

    @Test void badSmilesNamesFileAndLine() throws Exception {
        Path f = Files.writeString(dir.resolve("bad.smi"), "CCO\nC1CC\n");
        MoleculeFormatException e = assertThrows(MoleculeFormatException.class, () -> MoleculeFiles.read(f));
        assertTrue(e.getMessage().startsWith(f + ":2: cannot parse SMILES 'C1CC'"), e.getMessage());
        assertThrows(MoleculeFormatException.class, () -> MoleculeFiles.read(Files.writeString(dir.resolve("x.xyz"), "")));
        assertThrows(MoleculeFormatException.class, () -> MoleculeFiles.read(dir.resolve("missing.smi")));
    }

    /** SDF written with 2-D layout reads back (through CDK's reader) to the same molecules, names and SMILES fields. */
    @Test void sdfRoundTripWithTwoDimensionalCoordinates() throws Exception {
        List<String> smiles = List.of("CC(=O)Oc1ccccc1C(=O)O", "C[N+](=O)[O-]", "c1cc[nH]c1");
        Path in = Files.writeString(dir.resolve("in.smi"), String.join("\n", smiles) + "\n");
        List<IAtomContainer> mols = MoleculeFiles.read(in).stream().map(NamedMolecule::molecule).toList();
        List<String> canon = mols.stream().map(m -> CdkGraphs.canonicalSmiles(CdkGraphs.fromContainer(m))).toList();
        Path sdf = dir.resolve("out.sdf");
        MoleculeFiles.writeSdf(sdf, mols, List.of("aspirin", "nitromethane", "pyrrole"), canon);
        List<NamedMolecule> back = MoleculeFiles.read(sdf);
        assertEquals(List.of("aspirin", "nitromethane", "pyrrole"), back.stream().map(NamedMolecule::name).toList());
        for (int i = 0; i < 3; i++) {
            IAtomContainer m = back.get(i).molecule();
            assertEquals(canon.get(i), CdkGraphs.canonicalSmiles(CdkGraphs.fromContainer(m)));
            assertEquals(canon.get(i), m.getProperty("SMILES"));
            double spread = 0;
            for (IAtom a : m.atoms()) {
                assertNotNull(a.getPoint2d(), "2-D coordinates");
                spread += Math.abs(a.getPoint2d().x) + Math.abs(a.getPoint2d().y);
            }
            assertTrue(spread > 1, "atoms are laid out, not all at the origin");
        }
        assertFalse(Files.list(dir).anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
    }

    /** A broken record in the middle of an SDF is an error naming it, never a silently shorter list. */
    @Test void badSdfRecordIsNamed() throws Exception {
        Path in = Files.writeString(dir.resolve("in.smi"), "CCO\nc1ccccc1\nCC(=O)O\n");
        List<IAtomContainer> mols = MoleculeFiles.read(in).stream().map(NamedMolecule::molecule).toList();
        Path sdf = dir.resolve("three.sdf");
        MoleculeFiles.writeSdf(sdf, mols, List.of("a", "b", "c"), null);
        String text = Files.readString(sdf);
        int second = text.indexOf("$$$$") + 5;
        int bondLine = text.indexOf("  1  2", text.indexOf("V2000", second));
        String broken = text.substring(0, bondLine) + "  1 99  1  0" + text.substring(text.indexOf('\n', bondLine));
        Path bad = Files.writeString(dir.resolve("bad.sdf"), broken);
        MoleculeFormatException e = assertThrows(MoleculeFormatException.class, () -> MoleculeFiles.read(bad));
        assertTrue(e.getMessage().contains("record 2"), e.getMessage());
    }
}
