package org.flowmatch4j.proteins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.flowmatch4j.proteins.geometry.Dihedrals;
import org.flowmatch4j.proteins.geometry.Frames;
import org.flowmatch4j.proteins.geometry.IdealBackbone;
import org.flowmatch4j.proteins.geometry.LocalGeometry;
import org.flowmatch4j.proteins.geometry.Vec3;
import org.flowmatch4j.proteins.io.Backbone;
import org.flowmatch4j.proteins.io.StructureReader;
import org.flowmatch4j.proteins.io.StructureWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FramesRoundTripTest {
    @Test
    void framesAreRotationsWithNInTheXyPlane() throws Exception {
        Backbone b = StructureReader.read(DihedralsTest.DATA.resolve("pdb_1aki_A.pdb")).get(0);
        Frames f = Frames.of(b);
        for (int i = 0; i < f.length(); i++) {
            double[] r = f.rotations()[i];
            for (int a = 0; a < 3; a++) {
                for (int c = 0; c < 3; c++) {
                    double dot = r[a] * r[c] + r[3 + a] * r[3 + c] + r[6 + a] * r[6 + c];
                    assertEquals(a == c ? 1 : 0, dot, 1e-12);
                }
            }
            double det = r[0] * (r[4] * r[8] - r[5] * r[7]) - r[1] * (r[3] * r[8] - r[5] * r[6]) + r[2] * (r[3] * r[7] - r[4] * r[6]);
            assertEquals(1, det, 1e-12);
            double[] nLocal = LocalGeometry.local(f, i, b.n()[i]);
            assertEquals(0, nLocal[2], 1e-9);
            assertTrue(nLocal[1] > 0);
        }
    }

    @Test
    void nerfPlacesTheBondAngleAndTorsionAsked() {
        double[] a = {0.3, -1.1, 0.4}, b = {1.0, 0.2, -0.3}, c = {2.1, 0.5, 0.6};
        for (double t : new double[] {-2.5, -0.4, 0.0, 1.3, 3.0}) {
            double[] d = Vec3.place(a, b, c, 1.23, Math.toRadians(120.5), t);
            assertEquals(1.23, Vec3.dist(c, d), 1e-12);
            double ang = Math.acos(Vec3.dot(Vec3.unit(Vec3.sub(b, c)), Vec3.unit(Vec3.sub(d, c))));
            assertEquals(Math.toRadians(120.5), ang, 1e-12);
            assertEquals(t, Dihedrals.dihedral(a, b, c, d), 1e-12);
        }
    }

    /** read → frames (+ local geometry) → PDB or mmCIF text → read: every backbone atom back within 0.01 Å. */
    @ParameterizedTest
    @ValueSource(strings = {"pdb_1aki_A.pdb", "scop_d1mbaa_.pdb", "hs_1e79h.pdb", "pdb_1tim_A.pdb"})
    void roundTripThroughFramesIsExact(String file, @TempDir Path dir) throws Exception {
        Backbone in = StructureReader.read(DihedralsTest.DATA.resolve(file)).get(0);
        Frames f = Frames.of(in);
        Backbone rebuilt = LocalGeometry.of(in, f).rebuild(in.name(), in.chainId(), in.sequence(), in.residueNumbers(), f);
        for (String ext : new String[] {".pdb", ".cif"}) {
            Backbone back = writeAndRead(rebuilt, dir.resolve("out" + ext));
            assertEquals(in.sequence(), back.sequence(), ext);
            assertArrayEquals(in.residueNumbers(), back.residueNumbers());
            assertTrue(maxDeviation(in, back) < 0.01, file + ext + ": max deviation " + maxDeviation(in, back));
        }
    }

    /**
     * read → frames → ideal atoms (what generated frames get) → PDB → read: Cα exact; N/C/O RMSD under 0.11 Å, the
     * spread real N-Cα-C angles and bond lengths have around Engh–Huber values.
     */
    @ParameterizedTest
    @ValueSource(strings = {"pdb_1aki_A.pdb", "scop_d1mbaa_.pdb", "hs_1e79h.pdb", "pdb_1tim_A.pdb"})
    void idealisedAtomsStayCloseToTheInput(String file, @TempDir Path dir) throws Exception {
        Backbone in = StructureReader.read(DihedralsTest.DATA.resolve(file)).get(0);
        Backbone back = writeAndRead(IdealBackbone.build(in.name(), in.chainId(), in.sequence(), in.residueNumbers(),
                Frames.of(in), Dihedrals.oxygenPsi(in)), dir.resolve("ideal.pdb"));
        double ca = 0, sq = 0;
        int atoms = 0;
        for (int i = 0; i < in.length(); i++) {
            ca = Math.max(ca, Vec3.dist(in.ca()[i], back.ca()[i]));
            double[][] a = {in.n()[i], in.c()[i], in.o()[i]}, b = {back.n()[i], back.c()[i], back.o()[i]};
            for (int k = 0; k < 3; k++) {
                if (a[k] == null) continue;
                double d = Vec3.dist(a[k], b[k]);
                sq += d * d;
                atoms++;
            }
        }
        assertTrue(ca < 0.01, file + ": max Cα deviation " + ca);
        assertTrue(Math.sqrt(sq / atoms) < 0.11, file + ": N/C/O RMSD " + Math.sqrt(sq / atoms));
    }

    private static Backbone writeAndRead(Backbone b, Path file) throws Exception {
        StructureWriter.write(file, StructureWriter.structure(List.of(b)));
        return StructureReader.read(file).get(0);
    }

    private static double maxDeviation(Backbone a, Backbone b) {
        double m = 0;
        for (int i = 0; i < a.length(); i++) {
            m = Math.max(m, Math.max(Vec3.dist(a.ca()[i], b.ca()[i]), Math.max(Vec3.dist(a.n()[i], b.n()[i]), Vec3.dist(a.c()[i], b.c()[i]))));
            if (a.o()[i] != null) m = Math.max(m, Vec3.dist(a.o()[i], b.o()[i]));
        }
        return m;
    }
}
