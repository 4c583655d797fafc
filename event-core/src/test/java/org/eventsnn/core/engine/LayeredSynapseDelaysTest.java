package org.eventsnn.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.model.Projection;
import org.eventsnn.core.model.RandomNetworks;
import org.eventsnn.core.record.SpikeRecord;
import org.eventsnn.core.record.SpikeTrains;
import org.junit.jupiter.api.Test;

/**
 * The layered engine on feed-forward networks with per-synapse delays gives bit for bit the
 * queue's record: spikes, currents, and the processed-event log with each arrival's row slot,
 * for whole windows, early stops and runs for spikes only. Delays include ties within a row,
 * zeros, and (on a dyadic grid with inputs on the same grid) equal arrival times of different
 * spikes over one projection; neurons fire several times.
 */
class LayeredSynapseDelaysTest {
    private static final long LIMIT = 20_000;
    /** The grid of delays and input times whose sums are exact: 2^-12 s. */
    private static final double GRID = 1.0 / 4096;

    /** A random feed-forward network with a delay per synapse (connection lists or dense, several spikes or one). */
    private static Network network(long seed) {
        Network net = Math.floorMod(seed, 3L) == 0 ? LayeredSimulationTest.sparseLayers(seed)
                : RandomNetworks.feedForward(seed, seed % 2 == 0);
        return (seed & 4) == 0 ? RandomNetworks.withSynapseDelays(seed, net) : onGrid(seed, net);
    }

    /** {@code net} with every synapse's delay a multiple of {@link #GRID} in [0, 8 GRID]. */
    private static Network onGrid(long seed, Network net) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        for (int j = 0; j < net.projections().size(); j++) {
            double[] d = new double[net.projection(j).synapseCount()];
            for (int s = 0; s < d.length; s++) {
                d[s] = r.nextInt(9) * GRID;
            }
            net = net.withDelays(j, d);
        }
        return net;
    }

    /** For delays on the grid, input spikes on it too (so that arrivals of different spikes coincide); else random ones. */
    private static SpikeTrains input(long seed, Network net) {
        if ((seed & 4) == 0) {
            return RandomNetworks.input(seed, net);
        }
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int n = net.population(0).size();
        int count = 1 + r.nextInt(4 * n);
        double[] t = new double[count];
        int[] neuron = new int[count];
        for (int i = 0; i < count; i++) {
            t[i] = r.nextInt(80) * GRID;
            neuron[i] = r.nextInt(n);
        }
        Arrays.sort(t);
        return SpikeTrains.builder(RandomNetworks.DURATION).add("in", neuron, t).build();
    }

    @Test
    void wholeWindowRecordsEqualTheQueuesBitForBit() {
        AtomicInteger partial = new AtomicInteger();
        AtomicInteger tied = new AtomicInteger();
        AtomicInteger repeated = new AtomicInteger();
        qt().withExamples(1500).forAll(longs().all()).checkAssert(seed -> {
            Network net = network(seed);
            assertTrue(LayeredSimulation.suits(net), "seed " + seed + ": the layered engine takes per-synapse delays");
            SpikeTrains in = input(seed, net);
            SpikeRecord queue;
            try {
                queue = new Simulator(net, LIMIT, false).run(in).record();
            } catch (SimulationLimitException e) {
                assertThrows(SimulationLimitException.class, () -> new Simulator(net, LIMIT, true).run(in));
                return;
            }
            Simulator layered = new Simulator(net, LIMIT, true);
            String where = "seed " + seed;
            assertSameRecord(where, queue, layered.run(in).record());
            assertSameRecord(where + " again", queue, layered.run(in).record()); // buffers reused
            SameRecords.assertSameSpikes(queue, new SpikesOnlySimulator(net, LIMIT).run(in).record(), where + " spikes only");
            partial.addAndGet(rowsArrivingInParts(net, queue) ? 1 : 0);
            tied.addAndGet(tiedArrivals(net, queue) ? 1 : 0);
            repeated.addAndGet(repeatedFiring(net, queue) ? 1 : 0);
        });
        assertTrue(partial.get() > 500, "runs with rows arriving in several parts: " + partial.get());
        assertTrue(tied.get() > 100, "runs with arrivals of different spikes at one instant: " + tied.get());
        assertTrue(repeated.get() > 200, "runs with LIF neurons firing more than once: " + repeated.get());
    }

    @Test
    void earlyStopsEqualTheQueuesBitForBit() {
        AtomicInteger cut = new AtomicInteger();
        qt().withExamples(1000).forAll(longs().all()).checkAssert(seed -> {
            Network net = network(seed);
            SpikeTrains in = input(seed, net);
            SpikeRecord whole;
            try {
                whole = new Simulator(net, LIMIT, false).run(in).record();
            } catch (SimulationLimitException e) {
                return; // runaway network: not a useful example
            }
            Simulator layered = new Simulator(net);
            SpikesOnlySimulator spikesOnly = new SpikesOnlySimulator(net);
            for (String stop : new String[] {"out", "hidden"}) {
                int p = net.populationIndex(stop);
                SpikeRecord queue = new Simulator(net, Long.MAX_VALUE, false).runUntilAllFired(in, p).record();
                String where = "seed " + seed + " stop on " + stop;
                assertSameRecord(where, queue, layered.runUntilAllFired(in, p).record());
                SameRecords.assertSameSpikes(queue, spikesOnly.runUntilAllFired(in, p).record(), where + " spikes only");
                cut.addAndGet(queue.count() < whole.count() ? 1 : 0);
            }
        });
        assertTrue(cut.get() > 300, "records cut before the window's end: " + cut.get());
    }

    /**
     * A wide network (yinyang-like: a few inputs firing several times, 40-150 hidden neurons, a
     * few outputs), each synapse with a delay of its own, on the grid for half of the draws: its
     * arrival lists run to hundreds of parts, as few long runs (input spikes onto the hidden
     * layer) and as many short ones (hidden spikes onto the outputs), past the blocks that
     * {@link DelayedArrivals} sorts by insertion before merging.
     */
    private static Network wide(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int nIn = 2 + r.nextInt(5);
        int nHidden = 40 + r.nextInt(111);
        int nOut = 1 + r.nextInt(4);
        NeuronParameters p = NeuronParameters.builder().tauMem(0.02).tauSyn(0.005).threshold(1)
                .refractory(r.nextBoolean() ? 0 : 0.002).build();
        boolean grid = r.nextBoolean();
        double spread = r.nextBoolean() ? 0.002 : 0.01;
        Network.Builder b = Network.builder().add(Population.input("in", nIn)).add(Population.lif("hidden", nHidden, p))
                .add(Population.lif("out", nOut, p));
        b.connectDense("in", "hidden", null, delays(r, nIn, nHidden, grid, spread),
                RandomNetworks.weights(r, nIn, nHidden, 4.0 / nIn, 2.0 / nIn));
        b.connectDense("hidden", "out", null, delays(r, nHidden, nOut, grid, spread),
                RandomNetworks.weights(r, nHidden, nOut, 12.0 / nHidden, 8.0 / nHidden));
        return b.build();
    }

    private static double[][] delays(SplittableRandom r, int rows, int cols, boolean grid, double spread) {
        double[][] d = new double[rows][cols];
        for (double[] row : d) {
            for (int k = 0; k < cols; k++) {
                row[k] = grid ? r.nextInt((int) (spread / GRID) + 1) * GRID : r.nextDouble(spread);
            }
        }
        return d;
    }

    @Test
    void wideLayersWithLongArrivalListsEqualTheQueuesBitForBit() {
        AtomicInteger longLists = new AtomicInteger();
        AtomicInteger tied = new AtomicInteger();
        qt().withExamples(120).forAll(longs().all()).checkAssert(seed -> {
            Network net = wide(seed);
            SpikeTrains in = (seed & 8) == 0 ? RandomNetworks.input(seed, net) : input(seed | 4, net);
            SpikeRecord queue;
            try {
                queue = new Simulator(net, LIMIT, false).run(in).record();
            } catch (SimulationLimitException e) {
                return;
            }
            String where = "seed " + seed;
            Simulator layered = new Simulator(net, LIMIT, true);
            assertSameRecord(where, queue, layered.run(in).record());
            int out = net.populationIndex("out");
            assertSameRecord(where + " early stop", new Simulator(net, LIMIT, false).runUntilAllFired(in, out).record(),
                    layered.runUntilAllFired(in, out).record());
            int hiddenToOut = 0;
            for (int e = 0; e < queue.eventCount(); e++) {
                hiddenToOut += queue.eventKind(e) == SpikeRecord.ARRIVAL && queue.eventProjection(e) == 1 ? 1 : 0;
            }
            longLists.addAndGet(hiddenToOut > 100 ? 1 : 0);
            tied.addAndGet(tiedArrivals(net, queue) ? 1 : 0);
        });
        assertTrue(longLists.get() > 40, "runs with more than 100 arrivals onto the outputs: " + longLists.get());
        assertTrue(tied.get() > 10, "runs with arrivals of different spikes at one instant: " + tied.get());
    }

    /** A row whose synapses arrive at the same instant is delivered as one part, slot by slot: on the queue and here. */
    @Test
    void equalDelaysInARowArriveAsOnePart() {
        Network net = Network.builder().add(Population.input("in", 1))
                .add(Population.lif("out", 3, NeuronParameters.builder()
                        .tauMem(0.01).tauSyn(0.005).threshold(1).build()))
                .connectDense("in", "out", null, new double[][] {{0.002, 0.0, 0.002}}, new double[][] {{0.5, 0.6, 0.7}})
                .build();
        SpikeTrains in = SpikeTrains.builder(0.01).add("in", new int[] {0}, new double[] {0.001}).build();
        SpikeRecord queue = new Simulator(net, LIMIT, false).run(in).record();
        SpikeRecord layered = new Simulator(net, LIMIT, true).run(in).record();
        assertSameRecord("one row", queue, layered);
        assertEquals(3, layered.eventCount(), "a spike and its row's two parts");
        assertEquals(0, layered.eventSlot(1), "the zero delay first");
        assertEquals(1, layered.eventSlot(2), "then both 2 ms synapses at once");
    }

    private static void assertSameRecord(String where, SpikeRecord expected, SpikeRecord actual) {
        SameRecords.assertSameSpikes(expected, actual, where);
        SameRecords.assertSameLog(expected, actual, where);
    }

    /** True if some spike's row arrived in more than one part (an arrival from a slot past its row's start). */
    private static boolean rowsArrivingInParts(Network net, SpikeRecord r) {
        for (int e = 0; e < r.eventCount(); e++) {
            if (r.eventKind(e) == SpikeRecord.ARRIVAL) {
                Projection pr = net.projection(r.eventProjection(e));
                int pre = r.neuron(r.eventSpike(e)) - net.offset(pr.source());
                if (r.eventSlot(e) > pr.rowStart(pre)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True if two arrivals over one projection of spikes at different times came at the same instant. */
    private static boolean tiedArrivals(Network net, SpikeRecord r) {
        double[] lastArrival = new double[net.projections().size()];
        double[] lastSpikeTime = new double[lastArrival.length];
        Arrays.fill(lastArrival, Double.NaN);
        for (int e = 0; e < r.eventCount(); e++) {
            if (r.eventKind(e) == SpikeRecord.ARRIVAL) {
                int j = r.eventProjection(e);
                double spikeTime = r.time(r.eventSpike(e));
                double at = spikeTime + net.projection(j).rowDelay(r.eventSlot(e));
                if (at == lastArrival[j] && spikeTime != lastSpikeTime[j]) {
                    return true;
                }
                lastArrival[j] = at;
                lastSpikeTime[j] = spikeTime;
            }
        }
        return false;
    }

    /** True if some LIF neuron fired more than once. */
    private static boolean repeatedFiring(Network net, SpikeRecord r) {
        int lif = net.offset(1);
        boolean[] fired = new boolean[net.neuronCount()];
        for (int s = 0; s < r.count(); s++) {
            int g = r.neuron(s);
            if (g >= lif && fired[g]) {
                return true;
            }
            fired[g] = true;
        }
        return false;
    }
}
