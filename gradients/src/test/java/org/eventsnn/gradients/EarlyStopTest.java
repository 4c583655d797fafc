package org.eventsnn.gradients;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.RandomNetworks;
import org.eventsnn.core.engine.SimulationLimitException;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.record.SpikeTrains;
import org.junit.jupiter.api.Test;

/** Stopping a simulation once every output neuron has fired changes no first spike and no gradient. */
class EarlyStopTest {
    @Test
    void firstSpikeLossesAndTheirGradientsAreUnchanged() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            Network net = RandomNetworks.network(seed);
            SpikeTrains in = RandomNetworks.input(seed, net);
            SimulationResult full;
            try {
                full = new Simulator(net, 20_000).run(in);
            } catch (SimulationLimitException e) {
                return;
            }
            SimulationResult cut = new Simulator(net).runUntilAllFired(in, 2);
            assertArrayEquals(full.firstSpikeTimes(2), cut.firstSpikeTimes(2), 0.0);
            SpikeTimeLoss loss = new TtfsCrossEntropy(0.003, 0.01, 0.005);
            Gradients a = new EventProp().compute(full, 2, loss, 0);
            Gradients b = new EventProp().compute(cut, 2, loss, 0);
            assertEquals(a.loss(), b.loss(), 0.0);
            for (int p = 0; p < net.projections().size(); p++) {
                assertArrayEquals(a.weights(p), b.weights(p), 0.0, "seed " + seed + " projection " + p);
                assertEquals(a.delay(p), b.delay(p), 0.0);
            }
            assertArrayEquals(a.inputTimes(0), b.inputTimes(0), 0.0);
        });
    }
}
