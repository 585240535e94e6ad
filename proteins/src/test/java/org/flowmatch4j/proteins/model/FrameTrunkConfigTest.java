package org.flowmatch4j.proteins.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.proteins.flow.FrameFlow;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The trunk's FrameFlow additions in the network spec, and warm starts from a plain trunk. */
class FrameTrunkConfigTest {
    private static final FrameModel.Config PLAIN = new FrameModel.Config(16, 8, 2, 8, 2, 2, 2);

    private static FrameModel.Config with(int seqLayers, boolean edges) {
        return new FrameModel.Config(16, 8, 2, 8, 2, 2, 2, seqLayers, edges, false);
    }

    @Test
    void specsRoundTripAndOldSpecsReadAsPlainTrunks() {
        for (FrameModel.Config cfg : new FrameModel.Config[] {FrameModel.Config.small(), FrameModel.Config.smallFrameFlow(),
                FrameModel.Config.frameFlow(), FrameModel.Config.frameFlow().withMotif(), with(1, false), with(0, true)}) {
            assertEquals(cfg, FrameModel.parseSpec(cfg.spec()), cfg.spec());
        }
        assertEquals("frame2:cs=64:cz=16:h=4:c=16:pq=4:pv=4:blocks=3:tfmr=2:edges", FrameModel.Config.smallFrameFlow().spec());
        // the spec the first shipped model (models/backbone-small) stores
        assertEquals(FrameModel.Config.small(), FrameModel.parseSpec("frame2:cs=64:cz=16:h=4:c=16:pq=4:pv=4:blocks=3"));
        assertEquals(FrameModel.Config.small().withMotif(), FrameModel.parseSpec("frame2:cs=64:cz=16:h=4:c=16:pq=4:pv=4:blocks=3:motif"));
        assertThrows(IllegalArgumentException.class, () -> FrameModel.parseSpec("frame2:cs=64:cz=16:h=4:c=16:pq=4:pv=4:blocks=3:tfmr=x"));
    }

    /**
     * A plain trunk warm-starts one with a sequence transformer (whose zero output projection leaves the function
     * unchanged) and one with edge updates (which replace the pair features between blocks, so the function changes);
     * nothing starts a network with fewer additions or other sizes.
     */
    @Test
    void aPlainTrunkStartsAnExtendedOne() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        int n = 9;
        FrameModel plain = new FrameModel(PLAIN, 1), seq = new FrameModel(with(1, false), 5), full = new FrameModel(with(1, true), 5);
        INDArray xt = FrameFlow.noise(2, n, new Rng(3));
        double[] t = {0.2, 0.9};
        INDArray target = FrameFlow.noise(2, n, new Rng(4));
        for (int step = 0; step < 3; step++) plain.trainStep(xt, target, t, null, n, null, 1e-2, 1.0);   // away from the zero update
        INDArray expected = plain.predict(xt, t, null, n, null);
        seq.initFrom(plain);
        full.initFrom(plain);
        assertEquals(0, expected.sub(seq.predict(xt, t, null, n, null)).amaxNumber().doubleValue(), 1e-5);
        assertTrue(expected.sub(full.predict(xt, t, null, n, null)).amaxNumber().doubleValue() > 1e-3);
        assertThrows(IllegalArgumentException.class, () -> plain.initFrom(full));
        assertThrows(IllegalArgumentException.class, () -> new FrameModel(with(2, true), 1).initFrom(full));
        assertThrows(IllegalArgumentException.class,
                () -> new FrameModel(new FrameModel.Config(16, 8, 2, 8, 2, 2, 3, 1, true, false), 1).initFrom(plain));
    }
}
