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

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The queue-free engine for feed-forward networks gives bit for bit the record of the global
 * event queue: every spike, current and logged event, for whole windows and early stops, both
 * where it simulates a population the general way and where a {@link UniformPopulation} does.
 */
class LayeredSimulationTest {
    private static final long LIMIT = 20_000;

    @Test
    void integerRatioRecordsEqualTheQueuesBitForBit() {
        // the random networks with every shared parameter set moved to integer ratios tauMem / tau,
        // whose crossings both engines solve as polynomials in exp(-t/tauMem)
        AtomicInteger uniform = new AtomicInteger();
        AtomicInteger lifSpikes = new AtomicInteger();
        qt().withExamples(500).forAll(longs().all()).checkAssert(seed -> {
            Network net = RandomNetworks.mixed(seed);
            SplittableRandom r = new SplittableRandom(~seed);
            for (int p = 0; p < net.populations().size(); p++) {
                if (!net.population(p).isInput() && !net.population(p).hasNeuronParams()) {
                    net = net.withParams(p, RandomNetworks.withIntegerRatios(net.population(p).params(), r));
                }
            }
            SpikeTrains in = RandomNetworks.input(seed, net);
            SpikeRecord queue = assertWholeWindowAsTheQueue(seed, net, in, uniform);
            lifSpikes.addAndGet(queue == null ? 0 : queue.count() - in.count("in"));
        });
        assertTrue(uniform.get() > 150, "uniform populations simulated: " + uniform.get());
        assertTrue(lifSpikes.get() > 2000, "LIF spikes: " + lifSpikes.get()); // about 4300
    }

    @Test
    void wholeWindowRecordsEqualTheQueuesBitForBit() {
        AtomicInteger uniform = new AtomicInteger();
        qt().withExamples(1500).forAll(longs().all()).checkAssert(seed -> {
            Network net = RandomNetworks.mixed(seed);
            assertWholeWindowAsTheQueue(seed, net, RandomNetworks.input(seed, net), uniform);
        });
        assertTrue(uniform.get() > 500, "uniform populations simulated: " + uniform.get());
    }

    /**
     * Runs {@code net} on the queue and on the layered engine, asserts the same record (or the
     * same spike-budget failure, then returns null), counts its uniform populations into
     * {@code uniform} where the layered engine suits it, and returns the queue's record.
     */
    private static SpikeRecord assertWholeWindowAsTheQueue(long seed, Network net, SpikeTrains in, AtomicInteger uniform) {
        uniform.addAndGet(LayeredSimulation.suits(net) ? uniformPopulations(net) : 0);
        SpikeRecord queue;
        try {
            queue = new Simulator(net, LIMIT, false).run(in).record();
        } catch (SimulationLimitException e) {
            assertThrows(SimulationLimitException.class, () -> new Simulator(net, LIMIT, true).run(in));
            return null;
        }
        assertSame(seed, queue, new Simulator(net, LIMIT, true).run(in).record());
        return queue;
    }

    /** The queue's record of the whole window, or null for a runaway network (not a useful example). */
    private static SpikeRecord wholeWindowOrNull(Network net, SpikeTrains in) {
        try {
            return new Simulator(net, LIMIT, false).run(in).record();
        } catch (SimulationLimitException e) {
            return null;
        }
    }

    @Test
    void earlyStopsEqualTheQueuesBitForBit() {
        qt().withExamples(1500).forAll(longs().all()).checkAssert(seed -> {
            Network net = RandomNetworks.mixed(seed);
            SpikeTrains in = RandomNetworks.input(seed, net);
            if (wholeWindowOrNull(net, in) == null) {
                return; // runaway network: not a useful example
            }
            int out = net.populationIndex("out");
            Simulator layered = new Simulator(net);
            SpikeRecord a = new Simulator(net, Long.MAX_VALUE, false).runUntilAllFired(in, out).record();
            assertSame(seed, a, layered.runUntilAllFired(in, out).record());
            assertSame(seed, a, layered.runUntilAllFired(in, out).record()); // buffers reused
        });
    }

    /**
     * Sparse layers, so that an arrival reaches only some neurons of the population the run
     * stops on: the early stop must still resolve the others' spikes before its last first
     * spike (neurons here fire repeatedly).
     */
    @Test
    void earlyStopsOnSparseLayersEqualTheQueuesBitForBit() {
        AtomicInteger stopsWithRepeats = new AtomicInteger();
        qt().withExamples(1500).forAll(longs().all()).checkAssert(seed -> {
            Network net = sparseLayers(seed);
            SpikeTrains in = RandomNetworks.input(seed, net);
            if (wholeWindowOrNull(net, in) == null) {
                return; // runaway network: not a useful example
            }
            int out = net.populationIndex("out");
            SpikeRecord a = new Simulator(net, Long.MAX_VALUE, false).runUntilAllFired(in, out).record();
            assertSame(seed, a, new Simulator(net).runUntilAllFired(in, out).record());
            int lo = net.offset(out);
            int outSpikes = 0;
            for (int s = 0; s < a.count(); s++) {
                outSpikes += a.neuron(s) >= lo ? 1 : 0;
            }
            if (outSpikes > net.population(out).size()) {
                stopsWithRepeats.incrementAndGet();
            }
        });
        assertTrue(stopsWithRepeats.get() > 50, "early stops after repeated output spikes: " + stopsWithRepeats.get());
    }

    /**
     * Asked for no firing after its end, an early stop on the output simulates the populations
     * feeding only the output just as far as the output needs their spikes ({@code streams}):
     * the record, log included, is still the queue's bit for bit, also in a simulator that
     * alternates such runs with whole ones and with runs that do tell, on dense and sparse layers,
     * and with a delay per synapse into the hidden layer (its rows then arrive in parts).
     */
    @Test
    void earlyStopsWithoutLaterFiringEqualTheQueuesBitForBit() {
        AtomicInteger streamedAndCut = new AtomicInteger();
        qt().withExamples(3000).forAll(longs().all()).checkAssert(seed -> {
            Network layers = seed % 2 == 0 ? RandomNetworks.mixed(seed) : sparseLayers(seed);
            Network net = Math.floorMod(seed, 3L) == 0 ? withSynapseDelaysIntoHidden(seed, layers) : layers;
            SpikeTrains in = RandomNetworks.input(seed, net);
            SpikeRecord whole = wholeWindowOrNull(net, in);
            if (whole == null) {
                return; // runaway network: not a useful example
            }
            int out = net.populationIndex("out");
            SpikeRecord queue = new Simulator(net, Long.MAX_VALUE, false).runUntilAllFired(in, out).record();
            Simulator layered = new Simulator(net);
            SpikesOnlySimulator spikesOnly = new SpikesOnlySimulator(net);
            for (int round = 0; round < 2; round++) { // buffers reused, after runs of other kinds
                SpikeRecord early = layered.runUntilAllFired(in, out, false).record();
                assertSame(seed, queue, early);
                SameRecords.assertSameSpikes(queue, spikesOnly.runUntilAllFired(in, out, false).record(),
                        "seed " + seed + ": spikes only");
                if (!early.knowsFiredAfterEnd() && early.count() < whole.count()) {
                    streamedAndCut.incrementAndGet();
                }
                assertSame(seed, whole, layered.run(in).record());
                assertSame(seed, queue, layered.runUntilAllFired(in, out).record());
                SameRecords.assertSameSpikes(queue, spikesOnly.runUntilAllFired(in, out).record(),
                        "seed " + seed + ": spikes only, telling");
            }
        });
        assertTrue(streamedAndCut.get() > 700, "early stops with streamed populations: " + streamedAndCut.get());
    }

    /** {@code net} with a delay per synapse on every projection, except one zero delay on those from the hidden layer. */
    private static Network withSynapseDelaysIntoHidden(long seed, Network net) {
        Network delayed = RandomNetworks.withSynapseDelays(seed, net);
        int hidden = delayed.populationIndex("hidden");
        for (int j = 0; j < delayed.projections().size(); j++) {
            if (delayed.projection(j).source() == hidden) {
                delayed = delayed.withDelay(j, 0.0);
            }
        }
        return delayed;
    }

    /**
     * A record that stops once the output has fired tells which neurons fired in the window
     * after its end: with them, exactly the neurons that fire in the whole window under the
     * queue. Stopping on the hidden population, which feeds the output, it tells nothing once
     * it has stopped early (the output then missed later hidden spikes).
     */
    @Test
    void earlyStopsTellWhichNeuronsFiredAfterTheirEnd() {
        AtomicInteger toldLater = new AtomicInteger();
        AtomicInteger untold = new AtomicInteger();
        qt().withExamples(1500).forAll(longs().all()).checkAssert(seed -> {
            Network net = seed % 2 == 0 ? RandomNetworks.mixed(seed) : sparseLayers(seed);
            if (!LayeredSimulation.suits(net)) {
                return;
            }
            SpikeTrains in = RandomNetworks.input(seed, net);
            SpikeRecord whole = wholeWindowOrNull(net, in);
            if (whole == null) {
                return; // runaway network: not a useful example
            }
            Simulator layered = new Simulator(net);
            SpikeRecord out = layered.runUntilAllFired(in, net.populationIndex("out")).record();
            assertTrue(out.knowsFiredAfterEnd(), "seed " + seed + ": stopping on the output tells later firing");
            assertFiredInWindow(seed, whole, out);
            toldLater.addAndGet(out.firedAfterEndCount() > 0 ? 1 : 0);
            SpikeRecord hidden = layered.runUntilAllFired(in, net.populationIndex("hidden")).record();
            if (hidden.knowsFiredAfterEnd()) {
                assertFiredInWindow(seed, whole, hidden);
            } else {
                untold.incrementAndGet();
            }
        });
        assertTrue(toldLater.get() > 100, "records telling of neurons that fired after their end: " + toldLater.get());
        assertTrue(untold.get() > 100, "early stops on the hidden population: " + untold.get());
    }

    /**
     * The neurons of {@code early} and those it says fired after its end are distinct, and
     * together are exactly the neurons that fired in {@code whole}.
     */
    private static void assertFiredInWindow(long seed, SpikeRecord whole, SpikeRecord early) {
        java.util.BitSet expected = new java.util.BitSet();
        for (int s = 0; s < whole.count(); s++) {
            expected.set(whole.neuron(s));
        }
        java.util.BitSet actual = new java.util.BitSet();
        for (int s = 0; s < early.count(); s++) {
            actual.set(early.neuron(s));
        }
        for (int i = 0; i < early.firedAfterEndCount(); i++) {
            int g = early.firedAfterEnd(i);
            assertTrue(!actual.get(g), "seed " + seed + ": neuron " + g + " told as firing after the end is in the record"
                    + " or told twice");
            actual.set(g);
        }
        assertEquals(expected, actual, "seed " + seed + ": neurons that fired in the window");
    }

    /** in -> hidden -> out, each synapse present with probability 1/2, short or no refractory periods. */
    static Network sparseLayers(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int nIn = 1 + r.nextInt(4);
        int nHidden = 2 + r.nextInt(6);
        int nOut = 2 + r.nextInt(3);
        NeuronParameters ph = RandomNetworks.randomParams(r).toBuilder().refractory(r.nextDouble(0, 0.001)).build();
        NeuronParameters po = r.nextBoolean() ? ph
                : RandomNetworks.randomParams(r).toBuilder().refractory(r.nextDouble(0, 0.001)).build();
        Network.Builder b = Network.builder()
                .add(Population.input("in", nIn))
                .add(Population.lif("hidden", nHidden, ph))
                .add(Population.lif("out", nOut, po));
        sparse(b, r, "in", "hidden", nIn, nHidden, ph);
        sparse(b, r, "hidden", "out", nHidden, nOut, po);
        return b.build();
    }

    private static void sparse(Network.Builder b, SplittableRandom r, String from, String to, int nFrom, int nTo,
                               NeuronParameters target) {
        double scale = 3 * (target.threshold() - target.leak());
        int[] pre = new int[nFrom * nTo];
        int[] post = new int[pre.length];
        double[] w = new double[pre.length];
        int n = 0;
        for (int i = 0; i < nFrom; i++) {
            for (int j = 0; j < nTo; j++) {
                if (r.nextBoolean()) {
                    pre[n] = i;
                    post[n] = j;
                    w[n++] = Math.abs(scale) * r.nextDouble(-0.3, 1.0);
                }
            }
        }
        b.connectList(from, to, target.receptorName(r.nextInt(target.receptorCount())), r.nextInt(2) == 0 ? 0.0 : r.nextDouble(0, 0.002),
                java.util.Arrays.copyOf(pre, n), java.util.Arrays.copyOf(post, n), java.util.Arrays.copyOf(w, n));
    }

    @Test
    void recycledRecordsAreRefilledExactlyOnBothEngines() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            Network net = RandomNetworks.mixed(seed);
            SpikeTrains in = RandomNetworks.input(seed, net);
            SpikeTrains other = RandomNetworks.input(seed + 1, net);
            for (boolean layeredAllowed : new boolean[] {true, false}) {
                SpikeRecord expected;
                try {
                    expected = new Simulator(net, LIMIT, layeredAllowed).run(in).record();
                    new Simulator(net, LIMIT, layeredAllowed).run(other);
                } catch (SimulationLimitException e) {
                    return; // runaway network: not a useful example
                }
                Simulator sim = new Simulator(net, LIMIT, layeredAllowed);
                SimulationResult first = sim.run(other);
                sim.recycle(first);
                SimulationResult again = sim.run(in);
                assertSame(seed, expected, again.record());
                org.junit.jupiter.api.Assertions.assertSame(first.record(), again.record(), "memory reused");
                org.junit.jupiter.api.Assertions.assertNotSame(again.record(), sim.run(in).record(), "not handed back");
            }
        });
    }

    /**
     * A simulator that adopts weights (what training does after each batch) records exactly what
     * a new simulator for the reweighted network does, on both engines; networks that differ in
     * more than weights are refused.
     */
    @Test
    void adoptingNewWeightsEqualsANewSimulator() {
        AtomicInteger adopted = new AtomicInteger();
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            Network net = RandomNetworks.mixed(seed);
            SplittableRandom r = new SplittableRandom(seed);
            double[][] w = new double[net.projections().size()][];
            for (int j = 0; j < w.length; j++) {
                w[j] = net.projection(j).weights();
                for (int s = 0; s < w[j].length; s++) {
                    w[j][s] += r.nextDouble(-0.3, 0.3);
                }
            }
            Network reweighted = net.withAllWeights(w);
            SpikeTrains in = RandomNetworks.input(seed, net);
            for (boolean layeredAllowed : new boolean[] {true, false}) {
                SpikeRecord expected;
                Simulator sim = new Simulator(net, LIMIT, layeredAllowed);
                try {
                    expected = new Simulator(reweighted, LIMIT, layeredAllowed).run(in).record();
                    sim.run(in);
                } catch (SimulationLimitException e) {
                    return; // runaway network: not a useful example
                }
                org.junit.jupiter.api.Assertions.assertTrue(sim.adopt(reweighted), "seed " + seed);
                assertSame(seed, expected, sim.run(in).record());
                adopted.incrementAndGet();
            }
            Network otherDelay = net.withDelay(0, net.projection(0).delay() + 1e-4);
            org.junit.jupiter.api.Assertions.assertFalse(new Simulator(net).adopt(otherDelay), "other delay");
            org.junit.jupiter.api.Assertions.assertFalse(new Simulator(net).adopt(RandomNetworks.mixed(seed + 1)), "other network");
        });
        assertTrue(adopted.get() > 400, "adoptions compared: " + adopted.get());
    }

    @Test
    void arrivalsAtTheEndOfARefractoryPeriodAndAtASpikeAreOrderedAsByTheQueue() {
        // a neuron starting above threshold fires at 0; inputs arrive exactly when it is
        // released and exactly when a second neuron fires
        NeuronParameters p = NeuronParameters.builder().tauMem(0.01).tauSyn(0.005).threshold(1).refractory(0.002)
                .build();
        Network net = Network.builder().add(Population.input("in", 1))
                .add(Population.lif("out", 2, p, new double[] {1.5, 0.0}))
                .connectDense("in", "out", null, 0.0, new double[][] {{0.8, 50}}).build();
        SpikeTrains in = SpikeTrains.builder(0.01).add("in", new int[] {0, 0}, new double[] {0.001, 0.002}).build();
        SpikeRecord queue = new Simulator(net, LIMIT, false).run(in).record();
        assertSame(0, queue, new Simulator(net, LIMIT, true).run(in).record());
        assertEquals(0.8 * Math.exp(-0.2) + 0.8, queue.currentAtRelease(0), 1e-15, "the release sees the arrival");
    }

    /**
     * Streaming pauses where it saves nothing: after {@link LayeredSimulation#FRUITLESS_STREAMS}
     * runs in a row whose hidden layer was streamed to the window's end (its one spike comes
     * before the output's), the next {@link LayeredSimulation#STREAM_PAUSE} runs do not stream
     * (their records tell which neurons fired after their end), then streaming resumes, and
     * pauses again after as many fruitless runs; every record is the queue's.
     */
    @Test
    void streamingPausesAfterRunsInWhichItSavedNothing() {
        NeuronParameters p = NeuronParameters.builder().tauMem(0.01).tauSyn(0.005).threshold(1).refractory(0.02)
                .build();
        Network net = Network.builder().add(Population.input("in", 1))
                .add(Population.lif("hidden", 1, p))
                .add(Population.lif("out", 1, p))
                .connectDense("in", "hidden", null, 0.0, new double[][] {{8}})
                .connectDense("hidden", "out", null, 0.0, new double[][] {{8}}).build();
        SpikeTrains in = SpikeTrains.builder(0.01).add("in", new int[] {0}, new double[] {0.001}).build();
        int out = net.populationIndex("out");
        SpikeRecord queue = new Simulator(net, LIMIT, false).runUntilAllFired(in, out).record();
        assertEquals(3, queue.count(), "the input's spike, the hidden neuron's, then the output's");
        Simulator layered = new Simulator(net);
        int fruitless = LayeredSimulation.FRUITLESS_STREAMS;
        for (int run = 0; run < fruitless + LayeredSimulation.STREAM_PAUSE + fruitless + 1; run++) {
            SimulationResult result = layered.runUntilAllFired(in, out, false);
            assertSame(run, queue, result.record());
            boolean streamed = run % (fruitless + LayeredSimulation.STREAM_PAUSE) < fruitless;
            assertEquals(!streamed, result.record().knowsFiredAfterEnd(), "run " + run);
            layered.recycle(result);
        }
    }

    /** How many LIF populations of {@code net} a {@link UniformPopulation} simulates. */
    private static int uniformPopulations(Network net) {
        int n = 0;
        for (Population p : net.populations()) {
            n += UniformPopulation.suits(p) ? 1 : 0;
        }
        return n;
    }

    private static void assertSame(long seed, SpikeRecord expected, SpikeRecord actual) {
        String where = "seed " + seed;
        SameRecords.assertSameSpikes(expected, actual, where);
        SameRecords.assertSameLog(expected, actual, where);
    }
}
