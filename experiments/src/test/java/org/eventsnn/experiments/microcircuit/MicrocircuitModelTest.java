package org.eventsnn.experiments.microcircuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.model.Projection;
import org.eventsnn.core.record.SpikeRecord;
import org.eventsnn.core.record.SpikeTrains;
import org.junit.jupiter.api.Test;

/** The generated microcircuit against the published numbers (docs/scale.md gives their sources). */
class MicrocircuitModelTest {
    @Test
    void fullScaleHasThePublishedSizesWeightsDelaysAndBackground() {
        Network net = MicrocircuitModel.build(1, 1, false);
        int total = 0;
        int[] sizes = {20683, 5834, 21915, 5479, 4850, 1065, 14395, 2948};
        int[] kExt = {1600, 1500, 2100, 1900, 2000, 1900, 2900, 2100};
        for (int p = 0; p < 8; p++) {
            Population pop = net.population(p);
            assertEquals(MicrocircuitModel.POPULATIONS[p], pop.name());
            assertEquals(sizes[p], pop.size());
            total += pop.size();
            assertEquals(-65.0, pop.params().leak(), 0.0, "no DC at full scale");
            assertEquals(-50.0, pop.params().threshold());
            assertEquals(0.01, pop.params().tauMem());
            assertEquals(0.002, pop.params().refractory());
            assertEquals(8.0 * kExt[p], pop.poisson().rate());
            assertEquals(3.512, pop.poisson().weight(), 1e-12, "87.8 pA x 10 ms / 250 pF");
        }
        assertEquals(77169, total);
        assertEquals(55, net.projections().size(), "64 pairs, 9 of them with probability 0");
        for (Projection pr : net.projections()) {
            assertFalse(pr.isStored());
            String source = net.population(pr.source()).name();
            String target = net.population(pr.target()).name();
            double w = pr.procedural().weightMean();
            if (source.equals("L4e") && target.equals("L23e")) {
                assertEquals(7.024, w, 1e-12);
            } else {
                assertEquals(source.endsWith("e") ? 3.512 : -14.048, w, 1e-12, source + " -> " + target);
            }
            assertEquals(0.1 * Math.abs(w), pr.procedural().weightSd(), 1e-12);
            assertEquals(source.endsWith("e") ? 0.0015 : 0.00075, pr.procedural().delayMean(), 1e-15);
            assertEquals(0.5 * pr.procedural().delayMean(), pr.procedural().delaySd(), 1e-15);
            assertEquals(0.0001, pr.minDelay(), 1e-15);
        }
        assertEquals(0.0001, net.minDelay(), 1e-15);
    }

    @Test
    void bernoulliProbabilitiesGiveNestsExpectedSynapseCounts() {
        // L5i -> L5e: p = 0.3726, NEST's K = log(1 - p) / log(1 - 1/(N N)) ~ -log(1 - p) N N
        double pe = MicrocircuitModel.bernoulliProbability(4, 5);
        assertEquals(-Math.log(1 - 0.3726), pe, 1e-6);
        assertEquals(0.0437 * (1 + 0.0437 / 2), MicrocircuitModel.bernoulliProbability(0, 2), 1e-4);
        // about 0.3e9 synapses in all at full scale
        double synapses = 0;
        for (int t = 0; t < 8; t++) {
            for (int s = 0; s < 8; s++) {
                synapses += MicrocircuitModel.fullSynapses(t, s);
            }
        }
        assertEquals(0.3e9, synapses, 0.01e9);
    }

    @Test
    void aScaledCircuitScalesCountsInDegreesAndWeightsWithDcCompensation() {
        Network net = MicrocircuitModel.build(0.1, 3, true);
        assertEquals(2068, net.population(0).size());
        assertEquals(107, net.population(5).size(), "round(1065 x 0.1) = 107 (106.5 rounds up)");
        assertEquals(8.0 * 160, net.population(0).poisson().rate());
        assertEquals(3.512 / Math.sqrt(0.1), net.population(0).poisson().weight(), 1e-12);
        for (int p = 0; p < 8; p++) {
            double dc = MicrocircuitModel.dcCompensation(p, 0.1);
            assertTrue(dc > 0, "the compensation adds mean drive");
            assertEquals(-65 + 10.0 / 250 * dc, net.population(p).params().leak(), 1e-9);
        }
        // L4e -> L23e: expected in-degree = p_eff N_L4e(scaled)
        Projection pr = net.projection(net.projections().indexOf(net.projections().stream()
                .filter(x -> x.source() == 2 && x.target() == 0).findFirst().orElseThrow()));
        double expected = MicrocircuitModel.bernoulliProbability(0, 2) * 2192 * 2068;
        assertEquals(expected, pr.synapseCount(), 5 * Math.sqrt(expected));
    }

    @Test
    void sameSeedSameNetworkAndStoredEqualsGenerated() {
        Network a = MicrocircuitModel.build(0.02, 9, false);
        Network b = MicrocircuitModel.build(0.02, 9, true);
        for (int p = 0; p < 8; p++) {
            for (int i = 0; i < a.population(p).size(); i++) {
                assertEquals(a.population(p).initialV(i), b.population(p).initialV(i));
            }
        }
        SpikeTrains none = SpikeTrains.builder(0.05).build();
        SpikeRecord x = new Simulator(a).run(none).record();
        SpikeRecord y = new Simulator(b).run(none).record();
        assertTrue(x.count() > 10, "the circuit is active: " + x.count());
        assertEquals(y.count(), x.count());
        for (int s = 0; s < x.count(); s++) {
            assertEquals(y.neuron(s), x.neuron(s));
            assertEquals(y.time(s), x.time(s), 0.0);
        }
    }

    @Test
    void badScalesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> MicrocircuitModel.build(0, 1, false));
        assertThrows(IllegalArgumentException.class, () -> MicrocircuitModel.build(1.5, 1, false));
        assertThrows(IllegalArgumentException.class, () -> MicrocircuitModel.build(1e-5, 1, false));
    }
}
