package org.flowmatch4j.proteins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.biojava.nbio.structure.Atom;
import org.biojava.nbio.structure.AtomImpl;
import org.biojava.nbio.structure.Calc;
import org.flowmatch4j.proteins.geometry.Dihedrals;
import org.flowmatch4j.proteins.io.Backbone;
import org.flowmatch4j.proteins.io.StructureReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DihedralsTest {
    static final Path DATA = Path.of("../data/proteins");

    @Test
    void dihedralOfARotatedPointIsItsAngleWithIupacSign() {
        for (double a : new double[] {-3.0, -1.2, -0.3, 0.0, 0.7, 2.0, Math.PI}) {
            double got = Dihedrals.dihedral(new double[] {1, 0, 0}, new double[] {0, 0, 0}, new double[] {0, 0, 1},
                    new double[] {Math.cos(a), Math.sin(a), 1});
            assertEquals(Math.atan2(Math.sin(a), Math.cos(a)), got, 1e-12, "angle " + a);
        }
    }

    private static Atom atom(double[] p) {
        Atom a = new AtomImpl();
        a.setCoords(p);
        return a;
    }

    /** Against BioJava's own torsion routine (Calc.torsionAngle, degrees) on every residue of a real chain. */
    @Test
    void phiPsiOmegaAgreeWithBioJavaOnARealChain() throws Exception {
        Backbone b = StructureReader.read(DATA.resolve("pdb_1aki_A.pdb")).get(0);
        assertEquals(129, b.length());
        assertTrue(b.sequence().startsWith("KVFGRCELAAAMKR"), b.sequence());
        double[] phi = Dihedrals.phi(b), psi = Dihedrals.psi(b), omega = Dihedrals.omega(b);
        assertTrue(Double.isNaN(phi[0]) && Double.isNaN(psi[b.length() - 1]));
        for (int i = 1; i + 1 < b.length(); i++) {
            double refPhi = Calc.torsionAngle(atom(b.c()[i - 1]), atom(b.n()[i]), atom(b.ca()[i]), atom(b.c()[i]));
            double refPsi = Calc.torsionAngle(atom(b.n()[i]), atom(b.ca()[i]), atom(b.c()[i]), atom(b.n()[i + 1]));
            assertEquals(refPhi, Math.toDegrees(phi[i]), 1e-9, "phi " + i);
            assertEquals(refPsi, Math.toDegrees(psi[i]), 1e-9, "psi " + i);
        }
        long trans = java.util.stream.IntStream.range(0, b.length() - 1).filter(i -> Math.abs(omega[i]) > Math.toRadians(150)).count();
        assertTrue(trans >= b.length() - 3, "trans peptide bonds: " + trans + " of " + (b.length() - 1));
    }

    /** Myoglobin is ~75 % α-helix: most residues sit in the right-handed helical basin of the Ramachandran plot. */
    @Test
    void anAlphaProteinLivesInTheHelicalBasin() throws Exception {
        Backbone b = StructureReader.read(DATA.resolve("scop_d1mbaa_.pdb")).get(0);
        double[] phi = Dihedrals.phi(b), psi = Dihedrals.psi(b);
        int helical = 0, defined = 0;
        for (int i = 0; i < b.length(); i++) {
            if (Double.isNaN(phi[i]) || Double.isNaN(psi[i])) continue;
            defined++;
            double f = Math.toDegrees(phi[i]), s = Math.toDegrees(psi[i]);
            if (f > -100 && f < -30 && s > -80 && s < -10) helical++;
        }
        assertTrue(helical > 0.6 * defined, helical + " helical of " + defined);
    }

    @Test
    void unreadableFilesNameTheFile(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("empty.pdb");
        Files.writeString(bad, "HEADER    NOTHING HERE\nEND\n");
        IOException e = assertThrows(IOException.class, () -> StructureReader.read(bad));
        assertTrue(e.getMessage().contains("empty.pdb"), e.getMessage());
        assertThrows(IOException.class, () -> StructureReader.read(dir.resolve("missing.pdb")));
        Path huge = dir.resolve("huge.pdb");
        try (var f = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(StructureReader.MAX_BYTES + 1);   // sparse: no disk used
        }
        assertEquals(huge + ": larger than 512 MiB, not read", assertThrows(IOException.class, () -> StructureReader.read(huge)).getMessage());
    }

    @Test
    void everyBundledStructureReads() throws Exception {
        List<Path> files;
        try (var s = Files.list(DATA)) {
            files = s.filter(p -> p.toString().endsWith(".pdb")).sorted().toList();
        }
        assertEquals(53, files.size());
        int residues = 0;
        for (Path f : files) residues += StructureReader.read(f).get(0).length();
        assertTrue(residues > 7000, "residues " + residues);
    }
}
