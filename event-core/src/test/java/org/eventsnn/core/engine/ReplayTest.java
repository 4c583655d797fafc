package org.eventsnn.core.engine;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.model.RandomNetworks;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeRecord;
import org.eventsnn.core.record.SpikeTrains;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;

class ReplayTest {
    /**
     * Replaying a simulation's own spikes reproduces its events exactly and its currents where
     * the membrane rises faster than the noise floor; without threshold noise that is every
     * spike the model explains.
     */
    @Test
    void replayingASimulationsOwnSpikesReproducesItsRecord() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            double noise = seed % 2 == 0 ? 0 : new java.util.SplittableRandom(seed).nextDouble(0.05);
            SimulationResult r = simulated(seed);
            if (r == null) {
                return;
            }
            Network net = r.network();
            SpikeTrains in = r.input();
            SimulationResult replay = new Simulator(net).replay(in, r.spikes(), noise);
            SpikeRecord a = r.record();
            SpikeRecord b = replay.record();
            assertEquals(a.count(), b.count());
            assertEquals(a.eventCount(), b.eventCount());
            for (int e = 0; e < a.eventCount(); e++) {
                assertEquals(a.eventKind(e), b.eventKind(e), "seed " + seed + " event " + e);
                assertEquals(a.eventSpike(e), b.eventSpike(e));
                assertEquals(a.eventProjection(e), b.eventProjection(e));
            }
            for (int s = 0; s < a.count(); s++) {
                assertEquals(a.time(s), b.time(s), 0.0);
                assertEquals(a.neuron(s), b.neuron(s));
                Population pop = net.population(net.populationOf(a.neuron(s)));
                if (pop.isInput()) {
                    continue;
                }
                NeuronParameters p = pop.params(a.neuron(s) - net.offset(net.populationOf(a.neuron(s))));
                double drive = a.currentAtSpike(s) - (p.threshold() - p.leak());
                double floor = Math.sqrt(2 * noise * Math.abs(p.threshold()) * (p.threshold() - p.reset()));
                double expected = p.threshold() - p.leak() + Math.max(drive <= 0 ? p.threshold() - p.reset() : drive, floor);
                assertEquals(expected, b.currentAtSpike(s), 1e-12 * (1 + Math.abs(expected)), "seed " + seed + " spike " + s);
            }
        });
    }

    /** The spikes a replay records, listed without simulating, are the replay's own, in its order. */
    @Test
    void replayedSpikesAreTheReplaysSpikesInItsOrder() {
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            SimulationResult r = simulated(seed);
            if (r == null) {
                return;
            }
            SpikeRecord replayed = new Simulator(r.network()).replay(r.input(), r.spikes()).record();
            SpikeRecord listed = Simulator.replayedSpikes(r.network(), r.input(), r.spikes()).record();
            assertEquals(replayed.count(), listed.count(), "seed " + seed);
            for (int s = 0; s < listed.count(); s++) {
                assertEquals(replayed.time(s), listed.time(s), 0.0, "seed " + seed + " spike " + s);
                assertEquals(replayed.neuron(s), listed.neuron(s), "seed " + seed + " spike " + s);
                assertEquals(replayed.inputIndex(s), listed.inputIndex(s), "seed " + seed + " spike " + s);
            }
        });
    }

    /** A random network's run on its random input, or null where it exceeds 20,000 spikes. */
    private static SimulationResult simulated(long seed) {
        Network net = RandomNetworks.network(seed);
        try {
            return new Simulator(net, 20_000).run(RandomNetworks.input(seed, net));
        } catch (SimulationLimitException e) {
            return null;
        }
    }

    @Test
    void observedSpikesMustBelongToLifPopulations() {
        Network net = RandomNetworks.network(1);
        SpikeTrains in = RandomNetworks.input(1, net);
        SpikeTrains bad = SpikeTrains.builder(in.duration()).add("in", new int[] {0}, new double[] {0.001}).build();
        assertThrows(IllegalArgumentException.class, () -> new Simulator(net).replay(in, bad));
        assertThrows(IllegalArgumentException.class, () -> Simulator.replayedSpikes(net, in, bad));
    }

    @Test
    void observedNeuronsMustExist() {
        Network net = RandomNetworks.network(1);
        SpikeTrains in = RandomNetworks.input(1, net);
        Population lif = net.populations().stream().filter(p -> !p.isInput()).findFirst().orElseThrow();
        for (int bad : new int[] {lif.size(), lif.size() + 7}) {
            SpikeTrains observed = SpikeTrains.builder(in.duration())
                    .add(lif.name(), new int[] {0, bad}, new double[] {0.001, 0.002}).build();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Simulator(net).replay(in, observed));
            assertTrue(e.getMessage().contains("observed neuron of " + lif.name()) && e.getMessage().contains("got " + bad),
                    e.getMessage());
        }
    }

    @Test
    void thresholdNoiseMustBeNonNegative() {
        Network net = RandomNetworks.network(1);
        SpikeTrains in = RandomNetworks.input(1, net);
        SpikeTrains none = SpikeTrains.builder(in.duration()).build();
        for (double bad : new double[] {-0.01, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Simulator(net).replay(in, none, bad));
            assertTrue(e.getMessage().contains("thresholdNoise"), e.getMessage());
        }
    }
}
