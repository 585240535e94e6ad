package org.flowmatch4j.molecules.fingerprint;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.flowmatch4j.molecules.crystal.Crystal;
import org.flowmatch4j.molecules.lattice.Lattice;
import org.junit.jupiter.api.Test;

class VoronoiFacetsTest {

    /**
     * In a Bravais lattice (one atom per cell) the Voronoi cell tiles space with one cell per lattice point: its volume
     * Σ A_f·(|d_f|/2)/3 is the cell volume, and its facets' solid angles add up to 4π. Checked on random triclinic cells.
     */
    @Test
    void bravaisCellHasTheCellVolumeAndFullSolidAngle() {
        Random rng = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            Lattice l = Lattice.fromParameters(2 + 3 * rng.nextDouble(), 2 + 3 * rng.nextDouble(), 2 + 3 * rng.nextDouble(),
                    65 + 50 * rng.nextDouble(), 65 + 50 * rng.nextDouble(), 65 + 50 * rng.nextDouble());
            if (Double.isNaN(l.volume()) || l.volume() < 1) continue;
            Crystal c = new Crystal("p", l, new double[][] {{0, 0, 0}}, new int[] {6});
            List<double[]> d = new ArrayList<>();
            PeriodicSphere.collect(c, 0, 12, d, new ArrayList<>());
            List<VoronoiFacets.Facet> f = VoronoiFacets.of(d.toArray(new double[0][]), 12);
            double volume = 0, omega = 0;
            for (VoronoiFacets.Facet x : f) {
                volume += x.area() * VoronoiFacets.norm(d.get(x.neighbour())) / 2 / 3;
                omega += x.solidAngle();
            }
            assertEquals(l.volume(), volume, 1e-9 * l.volume(), "trial " + trial);
            assertEquals(4 * Math.PI, omega, 1e-9, "trial " + trial);
            assertTrue(f.size() >= 12 && f.size() <= 14, "a Bravais Voronoi cell has 12 or 14 facets, got " + f.size());
        }
    }

    @Test
    void simpleCubicCellIsACube() {
        double a = 3;
        double[][] d = {{a, 0, 0}, {-a, 0, 0}, {0, a, 0}, {0, -a, 0}, {0, 0, a}, {0, 0, -a}, {a, a, 0}, {a, a, a}};
        List<VoronoiFacets.Facet> f = VoronoiFacets.of(d, 10);
        assertEquals(6, f.size(), "only the six face neighbours own facets");
        for (VoronoiFacets.Facet x : f) {
            assertEquals(a * a, x.area(), 1e-9);
            assertEquals(4 * Math.PI / 6, x.solidAngle(), 1e-12);
        }
    }

    @Test
    void neighboursOnOneSideLeaveTheCellOpen() {
        assertNull(VoronoiFacets.of(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 1, 1}}, 5));
    }
}
