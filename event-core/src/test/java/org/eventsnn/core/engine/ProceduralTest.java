package org.eventsnn.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.concurrent.atomic.AtomicInteger;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.Projection;
import org.eventsnn.core.model.RandomNetworks;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeRecord;
import org.eventsnn.core.record.SpikeTrains;
import org.junit.jupiter.api.Test;

/** Procedural projections give the very spikes of their stored form, bit for bit. */
class ProceduralTest {
    private static SimulationResult run(Network net, SpikeTrains in) {
        try {
            return new Simulator(net, 5_000).run(in);
        } catch (SimulationLimitException e) {
            return null;
        }
    }

    @Test
    void generatedSynapsesGiveTheSpikesOfStoredOnesBitForBit() {
        AtomicInteger spiking = new AtomicInteger();
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            Network generated = RandomNetworks.procedural(seed, false);
            Network stored = RandomNetworks.procedural(seed, true);
            for (int j = 0; j < generated.projections().size(); j++) {
                assertFalse(generated.projection(j).isStored());
                assertEquals(0, generated.projection(j).synapseCount(), "nothing stored");
                assertTrue(stored.projection(j).isStored());
            }
            SpikeTrains in = RandomNetworks.input(seed, generated);
            SimulationResult a = run(generated, in);
            SimulationResult b = run(stored, in);
            assertEquals(a == null, b == null, "seed " + seed + ": one run hit the spike limit");
            if (a == null) {
                return;
            }
            SpikeRecord x = a.record();
            SpikeRecord y = b.record();
            assertEquals(y.count(), x.count(), "seed " + seed + ": spike count");
            for (int s = 0; s < x.count(); s++) {
                assertEquals(y.neuron(s), x.neuron(s), "seed " + seed + ": neuron of spike " + s);
                assertEquals(Double.doubleToLongBits(y.time(s)), Double.doubleToLongBits(x.time(s)),
                        "seed " + seed + ": time of spike " + s);
                assertEquals(Double.doubleToLongBits(y.currentAtSpike(s)), Double.doubleToLongBits(x.currentAtSpike(s)),
                        "seed " + seed + ": current at spike " + s);
            }
            if (x.count() > in.count("in") + 5) {
                spiking.incrementAndGet();
            }
        });
        assertTrue(spiking.get() > 100, "runs with recurrent activity: " + spiking.get());
    }

    @Test
    void storedSynapsesFollowTheRule() {
        for (long seed = 0; seed < 50; seed++) {
            Network net = RandomNetworks.procedural(seed, true);
            for (Projection pr : net.projections()) {
                var rule = pr.procedural();
                int previousPre = -1;
                int previousPost = -1;
                for (int s = 0; s < pr.synapseCount(); s++) {
                    assertTrue(pr.pre(s) > previousPre || (pr.pre(s) == previousPre && pr.post(s) > previousPost),
                            "synapses by source, then target, without repeats");
                    previousPre = pr.pre(s);
                    previousPost = pr.post(s);
                    assertTrue(rule.weightMean() >= 0 ? pr.weight(s) >= 0 : pr.weight(s) <= 0, "weight keeps its sign");
                    assertTrue(pr.delay(s) >= rule.delayMin(), "delay at least its minimum");
                    if (rule.weightSd() == 0) {
                        assertEquals(rule.weightMean(), pr.weight(s));
                    }
                }
            }
        }
    }
}
