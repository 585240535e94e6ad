package org.flowmatch4j.molecules.flow;

import java.util.ArrayList;
import java.util.List;
import org.flowmatch4j.core.train.LrSchedule;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.molecules.crystal.Crystal;
import org.flowmatch4j.molecules.lattice.Lattice;
import org.flowmatch4j.molecules.lattice.Mat3;
import org.flowmatch4j.molecules.model.CrystalFeatures;
import org.flowmatch4j.molecules.model.CrystalVelocityModel;

/**
 * Riemannian flow matching for crystal structure prediction (FlowMM, CSP task): the composition is given, the flow
 * moves fractional coordinates on the flat torus T^{3n} and the lattice code z ∈ ℝ⁶ ({@link LatticeCoding}).
 * <pre>
 *   f₀ ~ U[0,1)^{3n},  z₀ ~ N(0, I),  t ~ U[0,1]
 *   f_t = f₀ + t·w(f₁ − f₀)  (mod 1),   u_f = w(f₁ − f₀) − mean over atoms     (w(x) = x − round(x): torus geodesic)
 *   z_t = (1 − t) z₀ + t z₁,             u_ℓ = z₁ − z₀
 * </pre>
 * Removing the atom mean makes the target translation-free (a common shift of all atoms is the same crystal). Atoms
 * of one element are interchangeable, so each noise atom is paired with a data atom of its element by a minimum-cost
 * assignment of squared torus distances (equivariant OT coupling): paths cross less and the field is easier to learn
 * than with FlowMM's fixed order (a one-crystal flow matched 8 of 16 samples with the fixed order, see CspFlowTest).
 * Sampling integrates df/dt = (1 + s·t)·v_f, dz/dt = v_ℓ with Euler steps, wrapping f into [0, 1): s is FlowMM's
 * inference anti-annealing of the coordinate field (s = 0 turns it off).
 */
public final class CspFlow {

    /** Training settings. */
    public record Options(int steps, int batch, double lr, LrSchedule schedule, double clipNorm) {
        public Options {
            if (steps < 1 || batch < 1 || !(lr > 0) || clipNorm < 0)
                throw new IllegalArgumentException("need steps ≥ 1, batch ≥ 1, lr > 0, clip ≥ 0: " + this);
        }
    }

    public interface Listener { void step(int step, double loss); }

    private final LatticeCoding coding;
    private final CrystalVelocityModel model;
    private final double[] sizes;

    public CspFlow(LatticeCoding coding, CrystalVelocityModel model) {
        this(coding, model, null);
    }

    /**
     * @param sizes for a de-novo model ({@link CrystalVelocityModel.Config#types}): the training histogram of atom
     *              counts, p(n) at index n, from which generated crystals take their size; null for CSP
     */
    public CspFlow(LatticeCoding coding, CrystalVelocityModel model, double[] sizes) {
        if (model.config().types() && (sizes == null || sizes.length < 2 || sizes.length > model.config().atoms() + 1))
            throw new IllegalArgumentException("a de-novo crystal flow needs the atom-count histogram (up to " + model.config().atoms() + " atoms)");
        this.coding = coding;
        this.model = model;
        this.sizes = sizes == null ? null : sizes.clone();
    }

    /** The histogram of atom counts p(n) of a training set, index n = 0…max. */
    public static double[] atomCounts(List<Crystal> data) {
        int max = data.stream().mapToInt(Crystal::size).max().orElse(0);
        double[] p = new double[max + 1];
        for (Crystal c : data) p[c.size()] += 1.0 / data.size();
        return p;
    }

    /** The atom-count histogram of a de-novo flow, null for CSP. */
    public double[] sizes() { return sizes == null ? null : sizes.clone(); }

    public LatticeCoding coding() { return coding; }

    public CrystalVelocityModel model() { return model; }

    /** Trains on Niggli-reduced crystals; returns the loss of every step. */
    public double[] train(List<Crystal> data, Options o, Rng rng, Listener listener) {
        double[] losses = new double[o.steps()];
        for (int s = 1; s <= o.steps(); s++) {
            double lr = o.lr() * o.schedule().factor(s, o.steps());
            losses[s - 1] = trainStep(data, o.batch(), lr, o.clipNorm(), rng);
            if (listener != null) listener.step(s, losses[s - 1]);
        }
        return losses;
    }

    /** One step on a random batch. */
    public double trainStep(List<Crystal> data, int batch, double lr, double clipNorm, Rng rng) {
        int n = model.config().atoms();
        int[][] numbers = new int[batch][];
        double[][][] frac = new double[batch][][];
        double[][] codes = new double[batch][];
        Lattice[] lattices = new Lattice[batch];
        double[] t = new double[batch];
        float[] uf = new float[batch * n * 3], ul = new float[batch * 6];
        boolean types = model.config().types();
        int[] typeRows = types ? new int[batch * n] : null;
        for (int s = 0; s < batch; s++) {
            Crystal c = data.get(rng.nextInt(data.size()));
            int atoms = c.size();
            t[s] = rng.uniform();
            numbers[s] = c.numbers();
            if (types) {
                numbers[s] = new int[atoms];
                for (int i = 0; i < atoms; i++) {
                    numbers[s][i] = rng.uniform() < t[s] ? c.numbers()[i] : 0;   // masked discrete path, κ_t = t
                    typeRows[i * batch + s] = c.numbers()[i];
                }
            }
            frac[s] = new double[atoms][];
            double[][] u = new double[atoms][];
            double[] mean = new double[3];
            double[][] noise = pairedNoise(c, rng);
            for (int i = 0; i < atoms; i++) {
                double[] f0 = noise[i];
                u[i] = Mat3.wrapCentered(new double[] {c.frac()[i][0] - f0[0], c.frac()[i][1] - f0[1], c.frac()[i][2] - f0[2]});
                frac[s][i] = Mat3.wrapUnit(new double[] {f0[0] + t[s] * u[i][0], f0[1] + t[s] * u[i][1], f0[2] + t[s] * u[i][2]});
                for (int k = 0; k < 3; k++) mean[k] += u[i][k] / atoms;
            }
            for (int i = 0; i < atoms; i++) for (int k = 0; k < 3; k++) uf[(i * batch + s) * 3 + k] = (float) (u[i][k] - mean[k]);
            double[] z1 = coding.encode(c.lattice(), atoms);
            codes[s] = new double[6];
            for (int k = 0; k < 6; k++) {
                double z0 = rng.gaussian();
                codes[s][k] = (1 - t[s]) * z0 + t[s] * z1[k];
                ul[s * 6 + k] = (float) (z1[k] - z0);
            }
            lattices[s] = coding.decode(codes[s], atoms);
        }
        CrystalFeatures f = CrystalFeatures.of(n, model.config().frequencies(), numbers, frac, codes, lattices, t, types);
        return model.trainStep(f, uf, ul, typeRows, lr, clipNorm);
    }

    /** Uniform noise atoms, reordered so noise atom i goes to data atom i along the cheapest same-element pairing. */
    static double[][] pairedNoise(Crystal c, Rng rng) {
        int n = c.size();
        double[][] noise = new double[n][];
        for (int i = 0; i < n; i++) noise[i] = new double[] {rng.uniform(), rng.uniform(), rng.uniform()};
        double[][] out = new double[n][];
        boolean[] done = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (done[i]) continue;
            List<Integer> group = new ArrayList<>();
            for (int j = i; j < n; j++) if (c.numbers()[j] == c.numbers()[i]) { group.add(j); done[j] = true; }
            int g = group.size();
            double[] cost = new double[g * g];
            for (int a = 0; a < g; a++)
                for (int b = 0; b < g; b++) {
                    double[] d = Mat3.wrapCentered(new double[] {
                        c.frac()[group.get(a)][0] - noise[group.get(b)][0], c.frac()[group.get(a)][1] - noise[group.get(b)][1],
                        c.frac()[group.get(a)][2] - noise[group.get(b)][2]});
                    double[] r = c.lattice().toCartesian(d);
                    cost[a * g + b] = Mat3.dot(r, r);
                }
            int[] assign = org.flowmatch4j.core.coupling.LinearAssignment.solveDense(cost, g);
            for (int a = 0; a < g; a++) out[group.get(a)] = noise[group.get(assign[a])];
        }
        return out;
    }

    /**
     * Crystals for the given compositions (atomic numbers per crystal), integrated in {@code steps} Euler steps in
     * batches of {@code batch}.
     */
    public List<Crystal> sample(List<int[]> compositions, int steps, double anneal, int batch, Rng rng) {
        List<Crystal> out = new ArrayList<>();
        for (int from = 0; from < compositions.size(); from += batch)
            out.addAll(sampleBatch(compositions.subList(from, Math.min(compositions.size(), from + batch)), steps, anneal, rng));
        return out;
    }

    /**
     * De-novo crystals: sizes from the training histogram, every element masked at t = 0 and unmasked along the
     * masked discrete flow (an atom still masked at time t draws its element from p̂ with probability h/(1 − t),
     * all remaining ones on the last step) while coordinates and lattice follow their flows.
     */
    public List<Crystal> generate(int count, int steps, double anneal, int batch, Rng rng) {
        if (!model.config().types()) throw new IllegalStateException("this is a structure-prediction (CSP) model; it needs compositions");
        List<int[]> masked = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double u = rng.uniform(), acc = 0;
            int size = sizes.length - 1;
            for (int k = 1; k < sizes.length; k++) if (u < (acc += sizes[k])) { size = k; break; }
            masked.add(new int[size]);
        }
        return sample(masked, steps, anneal, batch, rng);
    }

    private List<Crystal> sampleBatch(List<int[]> comps, int steps, double anneal, Rng rng) {
        int b = comps.size(), n = model.config().atoms(), elements = CrystalFeatures.ELEMENTS;
        boolean types = model.config().types();
        int[][] numbers = comps.stream().map(int[]::clone).toArray(int[][]::new);
        double[][][] frac = new double[b][][];
        double[][] codes = new double[b][6];
        Lattice[] lattices = new Lattice[b];
        for (int s = 0; s < b; s++) {
            frac[s] = new double[numbers[s].length][];
            for (int i = 0; i < numbers[s].length; i++) frac[s][i] = new double[] {rng.uniform(), rng.uniform(), rng.uniform()};
            for (int k = 0; k < 6; k++) codes[s][k] = rng.gaussian();
        }
        double dt = 1.0 / steps;
        for (int step = 0; step < steps; step++) {
            double time = step * dt;
            double[] t = new double[b];
            java.util.Arrays.fill(t, time);
            for (int s = 0; s < b; s++) lattices[s] = coding.decode(codes[s], numbers[s].length);
            CrystalVelocityModel.Velocity v = model.predict(CrystalFeatures.of(n, model.config().frequencies(), numbers, frac, codes, lattices, t, types));
            double jump = dt / (1 - time);
            double scale = dt * (1 + anneal * time);
            for (int s = 0; s < b; s++) {
                for (int i = 0; i < numbers[s].length; i++)
                    for (int k = 0; k < 3; k++) frac[s][i][k] += scale * v.coords()[(i * b + s) * 3 + k];
                for (int i = 0; i < numbers[s].length; i++) frac[s][i] = Mat3.wrapUnit(frac[s][i]);
                for (int q = 0; q < 6; q++) codes[s][q] += dt * v.lattice()[s * 6 + q];
                if (types)
                    for (int i = 0; i < numbers[s].length; i++)
                        if (numbers[s][i] == 0 && (step + 1 == steps || rng.uniform() < jump)) numbers[s][i] = 1 + rng.categorical(v.types(), (i * b + s) * elements, elements);
            }
        }
        List<Crystal> out = new ArrayList<>();
        for (int s = 0; s < b; s++)
            out.add(Crystal.wrapped("sample", coding.decode(codes[s], numbers[s].length), frac[s], numbers[s]));
        return out;
    }
}
