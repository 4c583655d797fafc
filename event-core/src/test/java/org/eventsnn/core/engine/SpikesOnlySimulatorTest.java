package org.eventsnn.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.RandomNetworks;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeRecord;
import org.eventsnn.core.record.SpikeTrains;
import org.junit.jupiter.api.Test;

/**
 * A run for spikes only gives the spikes, currents (at spikes and at releases), early stops and
 * firing after the record's end of the logging run bit for bit, on random layered networks and
 * on those the layered engine leaves to the queue; where the layered engine runs, its record has
 * no event log.
 */
class SpikesOnlySimulatorTest {
    private static final long LIMIT = 20_000;

    /** {@link PerThreadSimulator#spikes}, run after run (its record reused), gives the logging run's spike trains. */
    @Test
    void perThreadSpikesEqualTheLoggingRunsSpikeTrains() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            Network net = RandomNetworks.mixed(seed);
            PerThreadSimulator threads = new PerThreadSimulator(LIMIT);
            for (int i = 0; i < 3; i++) {
                SpikeTrains in = RandomNetworks.input(seed + 101L * i, net);
                SpikeTrains expected;
                try {
                    expected = new Simulator(net, LIMIT).run(in).spikes();
                } catch (SimulationLimitException e) {
                    assertThrows(SimulationLimitException.class, () -> threads.spikes(net, in));
                    continue;
                }
                SpikeTrains actual = threads.spikes(net, in);
                assertEquals(expected.populations(), actual.populations(), "seed " + seed);
                assertEquals(Double.doubleToLongBits(expected.duration()), Double.doubleToLongBits(actual.duration()));
                for (String pop : expected.populations()) {
                    assertEquals(expected.count(pop), actual.count(pop), "seed " + seed + " " + pop);
                    for (int k = 0; k < expected.count(pop); k++) {
                        assertEquals(expected.neuron(pop, k), actual.neuron(pop, k), "seed " + seed + " " + pop);
                        assertEquals(Double.doubleToLongBits(expected.time(pop, k)),
                                Double.doubleToLongBits(actual.time(pop, k)), "seed " + seed + " " + pop);
                    }
                }
            }
        });
    }

    @Test
    void spikesEqualTheLoggingRunsBitForBit() {
        AtomicInteger withoutLog = new AtomicInteger();
        AtomicInteger releasesBeforeACut = new AtomicInteger();
        qt().withExamples(1500).forAll(longs().all()).checkAssert(seed -> {
            Network net = RandomNetworks.mixed(seed);
            SpikeTrains in = RandomNetworks.input(seed, net);
            SpikeRecord whole;
            try {
                whole = new Simulator(net, LIMIT).run(in).record();
            } catch (SimulationLimitException e) {
                assertThrows(SimulationLimitException.class, () -> new SpikesOnlySimulator(net, LIMIT).run(in));
                return;
            }
            SpikesOnlySimulator spikes = new SpikesOnlySimulator(net, LIMIT);
            SpikeRecord wholeSpikes = spikes.run(in).record();
            assertSpikesEqual(seed, whole, wholeSpikes);
            assertEquals(!LayeredSimulation.suits(net), wholeSpikes.hasEventLog(), "seed " + seed + ": log kept");
            withoutLog.addAndGet(wholeSpikes.hasEventLog() ? 0 : 1);
            Simulator logging = new Simulator(net);
            SpikesOnlySimulator unlimited = new SpikesOnlySimulator(net);
            for (String stop : new String[] {"out", "hidden"}) {
                if (!net.hasPopulation(stop)) {
                    continue;
                }
                int p = net.populationIndex(stop);
                SpikeRecord early = logging.runUntilAllFired(in, p).record();
                SpikeRecord earlySpikes = unlimited.runUntilAllFired(in, p).record();
                assertSpikesEqual(seed, early, earlySpikes);
                if (early.count() < whole.count() && releasedWithin(early)) {
                    releasesBeforeACut.incrementAndGet();
                }
            }
        });
        assertTrue(withoutLog.get() > 700, "runs without a log: " + withoutLog.get());
        assertTrue(releasesBeforeACut.get() > 100, "cut records with currents at release: " + releasesBeforeACut.get());
    }

    @Test
    void recycledRecordsAndAdoptedWeightsGiveTheSameSpikes() {
        AtomicInteger compared = new AtomicInteger();
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            Network net = RandomNetworks.mixed(seed);
            SpikeTrains in = RandomNetworks.input(seed, net);
            SpikeTrains other = RandomNetworks.input(seed + 1, net);
            Network reweighted = reweighted(seed, net);
            SpikeRecord expected;
            SpikeRecord expectedReweighted;
            try {
                expected = new Simulator(net, LIMIT).run(in).record();
                expectedReweighted = new Simulator(reweighted, LIMIT).run(in).record();
                new Simulator(net, LIMIT).run(other);
            } catch (SimulationLimitException e) {
                return; // runaway network: not a useful example
            }
            SpikesOnlySimulator sim = new SpikesOnlySimulator(net, LIMIT);
            SimulationResult first = sim.run(other);
            sim.recycle(first);
            SimulationResult again = sim.run(in);
            assertSpikesEqual(seed, expected, again.record());
            assertSame(first.record(), again.record(), "seed " + seed + ": memory reused");
            assertTrue(sim.adopt(reweighted), "seed " + seed);
            assertSpikesEqual(seed, expectedReweighted, sim.run(in).record());
            Network otherDelay = net.withDelay(0, net.projection(0).delay() + 1e-4);
            assertFalse(new SpikesOnlySimulator(net).adopt(otherDelay), "seed " + seed + ": another delay adopted");
            compared.incrementAndGet();
        });
        assertTrue(compared.get() > 200, "examples compared: " + compared.get());
    }

    @Test
    void aRecordOfSpikesOnlyRefusesToBeReadAsALog() {
        Network net = RandomNetworks.feedForward(3, false);
        SpikeRecord r = new SpikesOnlySimulator(net).run(RandomNetworks.input(3, net)).record();
        assertFalse(r.hasEventLog());
        assertThrows(IllegalStateException.class, r::eventCount);
        r.clear();
        assertTrue(r.hasEventLog(), "cleared, it logs again");
        assertEquals(0, r.eventCount());
    }

    @Test
    void perThreadSimulatorsKeepOneSpikesOnlySimulatorPerNetwork() {
        Network net = RandomNetworks.feedForward(5, true);
        PerThreadSimulator threads = new PerThreadSimulator();
        SpikesOnlySimulator s = threads.spikesOnly(net);
        assertSame(s, threads.spikesOnly(net));
        SimulationResult r = s.run(RandomNetworks.input(5, net));
        threads.recycle(r);
        assertSame(r.record(), s.run(RandomNetworks.input(6, net)).record(), "handed back to the spikes-only simulator");
        assertSame(s, threads.spikesOnly(reweighted(5, net)), "adopts new weights");
    }

    /**
     * A refractory period ending exactly at the last first spike of the population a run stops on:
     * the queue processes that spike first and stops, so the record holds no current at that
     * release, and neither does the record of spikes only.
     */
    @Test
    void aReleaseAtTheInstantOfTheCutIsNotInTheRecord() {
        SpikeTrains in = SpikeTrains.builder(0.01).add("in", new int[] {0}, new double[] {0.001}).build();
        double lastFirst = new Simulator(twoOutputs(0.002)).runUntilAllFired(in, 1).record().time(2);
        Network net = twoOutputs(lastFirst); // the first output fires at 0 and is released at the second's first spike
        SpikeRecord queue = new Simulator(net, LIMIT, false).runUntilAllFired(in, 1).record();
        assertEquals(3, queue.count(), "input, the first output at 0, the second at the cut");
        assertEquals(lastFirst, queue.time(2));
        assertEquals(0.0, queue.time(0), "the first output's spike");
        assertTrue(Double.isNaN(queue.currentAtRelease(0)), "the queue stopped before the release");
        SpikeRecord logging = new Simulator(net).runUntilAllFired(in, 1).record();
        assertTrue(Double.isNaN(logging.currentAtRelease(0)), "the layered engine's log stops there too");
        SpikeRecord spikes = new SpikesOnlySimulator(net).runUntilAllFired(in, 1).record();
        assertFalse(spikes.hasEventLog());
        assertSpikesEqual(0, logging, spikes);
    }

    /** in -> out (2 neurons, the first starting above threshold), refractory period {@code refractory}. */
    private static Network twoOutputs(double refractory) {
        org.eventsnn.core.model.NeuronParameters p = org.eventsnn.core.model.NeuronParameters.builder().tauMem(0.01)
                .tauSyn(0.005).threshold(1).refractory(refractory).build();
        return Network.builder().add(org.eventsnn.core.model.Population.input("in", 1))
                .add(org.eventsnn.core.model.Population.lif("out", 2, p, new double[] {1.5, 0.0}))
                .connectDense("in", "out", null, 0.0, new double[][] {{0.0, 50}}).build();
    }

    /** True if some LIF spike of {@code r} has a current at release recorded although it has a refractory period. */
    private static boolean releasedWithin(SpikeRecord r) {
        for (int s = 0; s < r.count(); s++) {
            if (r.inputIndex(s) < 0 && !Double.isNaN(r.currentAtRelease(s)) && r.currentAtRelease(s) != r.currentAtSpike(s)) {
                return true;
            }
        }
        return false;
    }

    private static Network reweighted(long seed, Network net) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] w = new double[net.projections().size()][];
        for (int j = 0; j < w.length; j++) {
            w[j] = net.projection(j).weights();
            for (int s = 0; s < w[j].length; s++) {
                w[j][s] += r.nextDouble(-0.3, 0.3);
            }
        }
        return net.withAllWeights(w);
    }

    private static void assertSpikesEqual(long seed, SpikeRecord expected, SpikeRecord actual) {
        String where = "seed " + seed;
        SameRecords.assertSameSpikes(expected, actual, where);
        assertEquals(expected.knowsFiredAfterEnd(), actual.knowsFiredAfterEnd(), where + ": knows firing after the end");
        assertEquals(expected.firedAfterEndCount(), actual.firedAfterEndCount(), where + ": fired after the end");
        for (int i = 0; i < expected.firedAfterEndCount(); i++) {
            assertEquals(expected.firedAfterEnd(i), actual.firedAfterEnd(i), where + ": neuron firing after the end " + i);
        }
    }
}
