package org.flowmatch4j.molecules.graphflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.flowmatch4j.core.train.LrSchedule;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.molecules.graph.AtomToken;
import org.flowmatch4j.molecules.graph.CdkGraphs;
import org.flowmatch4j.molecules.graph.MolecularGraph;
import org.flowmatch4j.molecules.model.MoleculeGraphModel;
import org.flowmatch4j.molecules.molmetrics.MoleculeSetMetrics;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.smiles.SmilesParser;

class GraphFlowTest {
    static final List<String> DATA = List.of("CCO", "CC(=O)O", "C1CC1", "CC#N", "NC=O", "OCCO");

    static List<MolecularGraph> graphs() throws Exception {
        SmilesParser p = new SmilesParser(SilentChemObjectBuilder.getInstance());
        List<MolecularGraph> out = new ArrayList<>();
        for (String s : DATA) out.add(CdkGraphs.fromContainer(p.parseSmiles(s)));
        return out;
    }

    @Test void vocabularyHoldsTheTrainingMarginals() throws Exception {
        GraphVocabulary v = GraphVocabulary.fit(graphs());
        assertEquals(List.of(new AtomToken("C", 0), new AtomToken("N", 0), new AtomToken("O", 0)), v.tokens());
        assertEquals(4, v.maxAtoms());
        // 20 atoms: 12 C, 2 N, 6 O
        assertEquals(12 / 20.0, v.nodeMarginal()[0], 1e-12);
        assertEquals(2 / 20.0, v.nodeMarginal()[1], 1e-12);
        assertEquals(6 / 20.0, v.nodeMarginal()[2], 1e-12);
        // pairs: 3+6+3+3+3+6 = 24; bonds: single 2+2+3+1+1+3 = 12, double 0+1+0+0+1+0 = 2, triple 1
        assertEquals(9 / 24.0, v.edgeMarginal()[0], 1e-12);
        assertEquals(12 / 24.0, v.edgeMarginal()[1], 1e-12);
        assertEquals(2 / 24.0, v.edgeMarginal()[2], 1e-12);
        assertEquals(1 / 24.0, v.edgeMarginal()[3], 1e-12);
        assertEquals(GraphVocabulary.fromMap(v.toMap()).toMap(), v.toMap());
    }

    /**
     * A small flow learns six molecules: after 600 steps most samples are valid and training molecules are several
     * times as frequent as in draws from the source marginals the flow starts from.
     */
    @Test void learnsASmallSetOfMolecules() throws Exception {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        List<MolecularGraph> data = graphs();
        GraphVocabulary v = GraphVocabulary.fit(data);
        MoleculeGraphModel model = new MoleculeGraphModel(new MoleculeGraphModel.Config(v.maxAtoms(), v.categories(), 32, 16, 2), 3);
        GraphFlow flow = new GraphFlow(v, model);
        List<GraphFlow.Encoded> enc = data.stream().map(flow::encode).toList();
        flow.train(enc, new GraphFlow.Options(600, 32, 3e-3, LrSchedule.warmupCosine(20, 0.1), 1.0), new Rng(4), null);
        List<MolecularGraph> samples = flow.sample(64, 20, 64, new Rng(5));
        Set<String> train = new HashSet<>();
        for (MolecularGraph g : data) train.add(CdkGraphs.canonicalSmiles(g));
        MoleculeSetMetrics m = MoleculeSetMetrics.evaluate(samples, train);
        String[] smiles = MoleculeSetMetrics.canonical(samples);
        long known = java.util.Arrays.stream(smiles).filter(train::contains).count();
        long prior = java.util.Arrays.stream(MoleculeSetMetrics.canonical(flow.sampleSource(64, new Rng(5)))).filter(train::contains).count();
        System.err.printf("graph flow: validity %.2f, training molecules %d/64 (source draws: %d/64)%n", m.validity(), known, prior);
        assertTrue(m.validity() >= 0.8, "validity " + m.validity());
        assertTrue(known >= 3 * Math.max(prior, 4), "training molecules among samples: " + known + " vs source " + prior + " " + java.util.Arrays.toString(smiles));
    }

    /** Same seeds, same thread count: bit-identical weights after training and identical samples (issue 9). */
    @Test void trainingAndSamplingAreDeterministic() throws Exception {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        List<MolecularGraph> data = graphs();
        GraphVocabulary v = GraphVocabulary.fit(data);
        float[][] weights = new float[2][];
        List<List<MolecularGraph>> samples = new ArrayList<>();
        double[][] losses = new double[2][];
        for (int run = 0; run < 2; run++) {
            GraphFlow flow = new GraphFlow(v, new MoleculeGraphModel(new MoleculeGraphModel.Config(v.maxAtoms(), v.categories(), 16, 8, 2), 7));
            List<GraphFlow.Encoded> enc = data.stream().map(flow::encode).toList();
            losses[run] = flow.train(enc, new GraphFlow.Options(20, 8, 1e-3, LrSchedule.warmupCosine(2, 0.1), 1.0), new Rng(8), null);
            weights[run] = flow.model().parameters().dup().data().asFloat();
            samples.add(flow.sample(16, 10, 2, 8, new Rng(9)));
        }
        assertTrue(java.util.Arrays.equals(losses[0], losses[1]), "losses");
        assertTrue(java.util.Arrays.equals(weights[0], weights[1]), "weights");
        assertEquals(samples.get(0), samples.get(1));
    }

    @Test void unknownTokensAndOversizedGraphsAreRefused() throws Exception {
        GraphVocabulary v = GraphVocabulary.fit(graphs());
        GraphFlow flow = new GraphFlow(v, new MoleculeGraphModel(new MoleculeGraphModel.Config(4, 3, 8, 4, 1), 1));
        MolecularGraph s = CdkGraphs.fromContainer(new SmilesParser(SilentChemObjectBuilder.getInstance()).parseSmiles("CS"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> flow.encode(s)).getMessage().contains("S is not in the vocabulary"));
        MolecularGraph big = CdkGraphs.fromContainer(new SmilesParser(SilentChemObjectBuilder.getInstance()).parseSmiles("CCCCC"));
        assertThrows(IllegalArgumentException.class, () -> flow.encode(big));
    }
}
