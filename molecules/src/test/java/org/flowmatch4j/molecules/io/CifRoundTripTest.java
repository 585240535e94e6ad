package org.flowmatch4j.molecules.io;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowmatch4j.molecules.crystal.Crystal;
import org.flowmatch4j.molecules.lattice.Mat3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.ICrystal;
import org.openscience.cdk.interfaces.IChemFile;
import org.openscience.cdk.io.CIFReader;
import org.openscience.cdk.silent.ChemFile;

class CifRoundTripTest {

    static final Path PEROV_TEST = Path.of("../data/crystals/perov5/test.csv");
    static final Path MP20_TEST = Path.of("../data/crystals/mp20/test.csv");

    @Test
    void csvTablesLoadWithMaterialIds() throws Exception {
        List<Crystal> perov = CrystalCsv.crystals(PEROV_TEST);
        assertEquals(300, perov.size());
        assertTrue(perov.stream().allMatch(c -> c.size() == 5));
        List<Crystal> mp = CrystalCsv.crystals(MP20_TEST);
        assertEquals(142, mp.size());
        assertTrue(mp.stream().allMatch(c -> c.size() >= 1 && c.size() <= 20));
        assertEquals("mp-10009", mp.get(0).name(), "named by material_id");
    }

    /** CIF → Crystal → CIF → Crystal keeps every site to 1e-4 fractional (the bar; we get 1e-8). */
    @Test
    void roundTripKeepsSites(@TempDir Path dir) throws Exception {
        for (Crystal c : CrystalCsv.crystals(MP20_TEST)) {
            Path f = dir.resolve("c.cif");
            CifWriter.write(f, c);
            Crystal back = CifReader.readOne(f);
            assertArrayEquals(c.numbers(), back.numbers(), c.name());
            assertArrayEquals(c.lattice().parameters(), back.lattice().parameters(), 1e-6, c.name());
            for (int i = 0; i < c.size(); i++) {
                double[] d = Mat3.wrapCentered(new double[] {c.frac()[i][0] - back.frac()[i][0], c.frac()[i][1] - back.frac()[i][1], c.frac()[i][2] - back.frac()[i][2]});
                for (double v : d) assertEquals(0, v, 1e-7, c.name() + " site " + i);
            }
        }
    }

    /** CDK's own CIFReader reads our P1 files to the same cell and fractional coordinates (independent check). */
    @Test
    void cdkReadsWhatWeWrite(@TempDir Path dir) throws Exception {
        for (Crystal c : CrystalCsv.crystals(MP20_TEST).subList(0, 40)) {
            Path f = dir.resolve("c.cif");
            CifWriter.write(f, c);
            IChemFile file;
            try (CIFReader r = new CIFReader(Files.newInputStream(f))) {
                file = r.read(new ChemFile());
            }
            ICrystal cdk = file.getChemSequence(0).getChemModel(0).getCrystal();
            assertEquals(c.size(), cdk.getAtomCount(), c.name());
            double[][] m = c.lattice().matrix();
            double[] lengths = c.lattice().lengths();
            assertEquals(lengths[0], cdk.getA().length(), 1e-6);
            assertEquals(lengths[1], cdk.getB().length(), 1e-6);
            assertEquals(lengths[2], cdk.getC().length(), 1e-6);
            assertEquals(c.lattice().volume(), Math.abs(cdk.getA().dot(cross(cdk.getB(), cdk.getC()))), 1e-4 * c.lattice().volume());
            for (int i = 0; i < c.size(); i++) {
                IAtom a = cdk.getAtom(i);
                assertEquals(c.numbers()[i], a.getAtomicNumber(), c.name());
                assertEquals(c.frac()[i][0], a.getFractionalPoint3d().x, 1e-6);
                assertEquals(c.frac()[i][1], a.getFractionalPoint3d().y, 1e-6);
                assertEquals(c.frac()[i][2], a.getFractionalPoint3d().z, 1e-6);
            }
            assertNotNull(m);
        }
    }

    private static javax.vecmath.Vector3d cross(javax.vecmath.Vector3d u, javax.vecmath.Vector3d v) {
        javax.vecmath.Vector3d r = new javax.vecmath.Vector3d();
        r.cross(u, v);
        return r;
    }
}
