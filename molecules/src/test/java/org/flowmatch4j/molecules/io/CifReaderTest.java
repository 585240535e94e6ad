package org.flowmatch4j.molecules.io;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.flowmatch4j.molecules.crystal.Crystal;
import org.flowmatch4j.molecules.lattice.Mat3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CifReaderTest {

    static Path resource(String name) {
        return Path.of("src/test/resources/cif", name);
    }

    /** Site counts after expansion, as pymatgen gives them for the same files (written by pymatgen's symmetrised CifWriter). */
    @ParameterizedTest
    @CsvSource({"NaCl.cif,8,Cl4 Na4", "rutile-TiO2.cif,6,O4 Ti2", "wurtzite-ZnO.cif,4,O2 Zn2", "Cu-fcc.cif,4,Cu4"})
    void symmetryExpansionGivesTheFullCell(String file, int sites, String composition) throws Exception {
        Crystal c = CifReader.readOne(resource(file));
        assertEquals(sites, c.size());
        StringBuilder s = new StringBuilder();
        c.composition().forEach((k, v) -> s.append(s.length() == 0 ? "" : " ").append(k).append(v));
        assertEquals(composition, s.toString());
    }

    @Test
    void naclNearestNeighbourIsHalfTheCellEdge() throws Exception {
        Crystal c = CifReader.readOne(resource("NaCl.cif"));
        double min = Double.MAX_VALUE;
        for (int i = 0; i < c.size(); i++)
            for (int j = 0; j < c.size(); j++) {
                if (i == j) continue;
                double[] d = Mat3.wrapCentered(new double[] {c.frac()[i][0] - c.frac()[j][0], c.frac()[i][1] - c.frac()[j][1], c.frac()[i][2] - c.frac()[j][2]});
                double[] r = c.lattice().toCartesian(d);
                min = Math.min(min, Math.sqrt(Mat3.dot(r, r)));
                if (c.numbers()[i] == c.numbers()[j]) assertTrue(Math.sqrt(Mat3.dot(r, r)) > 3.9, "like ions are a/√2 apart");
            }
        assertEquals(5.64 / 2, min, 1e-6);
    }

    @Test
    void readsEveryBlockTypeSymbolsQuotesAndUncertainties() throws Exception {
        List<Crystal> all = CifReader.read(resource("two-blocks-quirks.cif"));
        assertEquals(2, all.size(), "the block with only a text field holds no structure");
        Crystal cscl = all.get(0);
        assertEquals("CsCl", cscl.name());
        assertEquals(Map.of("Cs", 1, "Cl", 1), cscl.composition(), "elements from _atom_site_type_symbol, not the labels");
        assertEquals(4.123, cscl.lattice().lengths()[0], 1e-12);
        Crystal sto = all.get(1);
        assertEquals(Map.of("Sr", 1, "Ti", 1, "O", 3), sto.composition(), "elements from labels when no type symbol");
        assertEquals("SrTiO3", sto.reducedFormula());
    }

    @Test
    void partialOccupancyIsRefusedWithLine() {
        String cif = "data_x\n_cell_length_a 3\n_cell_length_b 3\n_cell_length_c 3\n_cell_angle_alpha 90\n"
                + "_cell_angle_beta 90\n_cell_angle_gamma 90\nloop_\n_atom_site_label\n_atom_site_fract_x\n"
                + "_atom_site_fract_y\n_atom_site_fract_z\n_atom_site_occupancy\nFe1 0 0 0 0.5\n";
        CrystalFormatException e = assertThrows(CrystalFormatException.class, () -> CifReader.parse(cif, "x.cif"));
        assertTrue(e.getMessage().contains("x.cif") && e.getMessage().contains("line 14") && e.getMessage().contains("occupancy"), e.getMessage());
    }

    @Test
    void spaceGroupWithoutOperationsIsRefused() {
        String cif = "data_x\n_symmetry_space_group_name_H-M 'F m -3 m'\n_cell_length_a 3\n_cell_length_b 3\n_cell_length_c 3\n"
                + "_cell_angle_alpha 90\n_cell_angle_beta 90\n_cell_angle_gamma 90\nloop_\n_atom_site_label\n"
                + "_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nCu1 0 0 0\n";
        CrystalFormatException e = assertThrows(CrystalFormatException.class, () -> CifReader.parse(cif, "x.cif"));
        assertTrue(e.getMessage().contains("F m -3 m") && e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void malformedInputNamesLineAndReason() {
        assertThrows(CrystalFormatException.class, () -> CifReader.parse("data_x\n_cell_length_a 'open\n", "a.cif"));
        assertThrows(CrystalFormatException.class, () -> CifReader.parse("_cell_length_a 3\n", "b.cif"));
        CrystalFormatException e = assertThrows(CrystalFormatException.class, () -> CifReader.parse(
                "data_x\n_cell_length_a abc\n_cell_length_b 3\n_cell_length_c 3\n_cell_angle_alpha 90\n_cell_angle_beta 90\n"
                + "_cell_angle_gamma 90\nloop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nCu1 0 0 0\n", "c.cif"));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("'abc'"), e.getMessage());
        e = assertThrows(CrystalFormatException.class, () -> CifReader.parse(
                "data_x\n_cell_length_a 3\n_cell_length_b 3\n_cell_length_c 3\n_cell_angle_alpha 90\n_cell_angle_beta 90\n"
                + "_cell_angle_gamma 90\nloop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n1 0 0 0\n", "d.cif"));
        assertTrue(e.getMessage().contains("no element"), e.getMessage());
    }

    @Test
    void p1SitesAreKeptAsListedEvenWhenTheyOverlap() throws Exception {
        String cif = "data_x\n_cell_length_a 3\n_cell_length_b 3\n_cell_length_c 3\n_cell_angle_alpha 90\n"
                + "_cell_angle_beta 90\n_cell_angle_gamma 90\nloop_\n_atom_site_label\n_atom_site_fract_x\n"
                + "_atom_site_fract_y\n_atom_site_fract_z\nFe1 0 0 0\nO1 0.001 0 0\n";
        assertEquals(2, CifReader.parse(cif, "x.cif").get(0).size(), "a generated P1 structure is read as written");
        String withOps = cif.replace("loop_\n_atom_site_label", "loop_\n_symmetry_equiv_pos_as_xyz\nx,y,z\n-x,-y,-z\nloop_\n_atom_site_label");
        CrystalFormatException e = assertThrows(CrystalFormatException.class, () -> CifReader.parse(withOps, "y.cif"));
        assertTrue(e.getMessage().contains("falls on site"), e.getMessage());
    }

    @Test
    void symmetryOperationsParse() {
        SymmetryOperation op = SymmetryOperation.parse("-y+1/2, x-y, 1/2+Z");
        assertArrayEquals(new double[] {0.5 - 0.2, 0.1 - 0.2, 0.8}, op.apply(new double[] {0.1, 0.2, 0.3}), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> SymmetryOperation.parse("x,y"));
        assertThrows(IllegalArgumentException.class, () -> SymmetryOperation.parse("x,y,w"));
        assertThrows(IllegalArgumentException.class, () -> SymmetryOperation.parse("x,y,1/0"));
    }
}
