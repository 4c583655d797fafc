package org.eventsnn.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventsnn.core.model.DeltaNetworks;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.PoissonDrive;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.model.ProceduralConnectivity;
import org.eventsnn.core.model.ProceduralConnectivity.Precision;
import org.eventsnn.core.model.RandomNetworks;
import org.eventsnn.core.model.Sampler;
import org.eventsnn.core.record.SpikeRecord;
import org.eventsnn.core.record.SpikeTrains;
import org.junit.jupiter.api.Test;

/**
 * The multi-threaded engine gives the single-threaded event queue's record bit for bit, for 1
 * to 4 threads, on random recurrent networks with delays: stored rows with one delay, stored
 * rows with per-synapse delays (with ties), procedural rows with fixed or normal delays,
 * Poisson drive, and input spikes sharing instants.
 */
class ParallelSimulatorTest {
    private static final long BUDGET = 4_000;

    /**
     * A random recurrent network whose every delay is at least a random minimum, often exactly it;
     * some populations have delta synapses.
     */
    static Network delayed(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double dmin = r.nextInt(3) == 0 ? 0.0005 : r.nextDouble(0.0001, 0.002);
        int nIn = 1 + r.nextInt(6);
        int nExc = 2 + r.nextInt(30);
        int nInh = 1 + r.nextInt(10);
        NeuronParameters pe = someParams(r);
        NeuronParameters pi = r.nextBoolean() ? pe : someParams(r);
        Population exc = Population.lif("exc", nExc, pe, initialV(r, nExc, pe));
        Population inh = Population.lif("inh", nInh, pi);
        if (r.nextInt(3) == 0) {
            exc = exc.withPoisson(new PoissonDrive(r.nextDouble(100, 2000),
                    Math.abs(pe.threshold() - pe.leak()) * r.nextDouble(0.05, 0.4), r.nextInt(pe.receptorCount()),
                    r.nextLong(), r.nextBoolean() ? Sampler.ZIGGURAT : Sampler.INVERSION));
        }
        if (r.nextInt(3) == 0) {
            inh = inh.withPoisson(new PoissonDrive(r.nextDouble(100, 2000),
                    Math.abs(pi.threshold() - pi.leak()) * r.nextDouble(0.05, 0.4), r.nextInt(pi.receptorCount()),
                    r.nextLong(), r.nextBoolean() ? Sampler.ZIGGURAT : Sampler.INVERSION));
        }
        Network.Builder b = Network.builder().add(Population.input("in", nIn)).add(exc).add(inh);
        String[][] pairs = {{"in", "exc"}, {"exc", "exc"}, {"exc", "inh"}, {"inh", "exc"}, {"inh", "inh"}, {"in", "inh"}};
        int[] perSynapse = new int[pairs.length];
        int j = 0;
        for (String[] pair : pairs) {
            NeuronParameters target = pair[1].equals("exc") ? pe : pi;
            int rows = pair[0].equals("in") ? nIn : pair[0].equals("exc") ? nExc : nInh;
            int cols = pair[1].equals("exc") ? nExc : nInh;
            double scale = Math.abs(target.threshold() - target.leak());
            double mean = (pair[0].equals("inh") ? -0.6 : pair[0].equals("in") ? 1.5 : 0.4) * scale
                    * r.nextDouble(0.5, 1.5);
            String receptor = target.receptorName(r.nextInt(target.receptorCount()));
            double delay = r.nextBoolean() ? dmin : r.nextDouble(dmin, 0.002);
            int kind = r.nextInt(3);
            if (kind == 0) {
                b.connectDense(pair[0], pair[1], receptor, delay, RandomNetworks.weights(r, rows, cols, mean, scale * 0.3));
            } else if (kind == 1) {
                b.connectDense(pair[0], pair[1], receptor, delay, RandomNetworks.weights(r, rows, cols, mean, scale * 0.3));
                perSynapse[j] = 1;
            } else {
                boolean fixed = r.nextInt(3) == 0;
                b.connectProcedural(pair[0], pair[1], receptor, new ProceduralConnectivity(
                        r.nextInt(8) == 0 ? 1.0 : r.nextDouble(0.05, 0.6), r.nextLong(), mean,
                        r.nextBoolean() ? 0 : Math.abs(mean) * r.nextDouble(0, 1.5), delay,
                        fixed ? 0 : delay * r.nextDouble(0.1, 1), dmin, r.nextBoolean(), Precision.FLOAT64,
                        r.nextBoolean() ? Sampler.ZIGGURAT : Sampler.INVERSION));
            }
            j++;
        }
        Network net = b.build();
        for (int k = 0; k < pairs.length; k++) {
            if (perSynapse[k] == 1) {
                double[] d = new double[net.projection(k).synapseCount()];
                double[] few = {dmin, r.nextDouble(dmin, 0.002), r.nextDouble(dmin, 0.002)};
                boolean tied = r.nextBoolean();
                for (int s = 0; s < d.length; s++) {
                    d[s] = tied ? few[r.nextInt(3)] : r.nextDouble(dmin, 0.002);
                }
                net = net.withDelays(k, d);
            }
        }
        return net;
    }

    /**
     * Current receptors, or now and then a delta receptor (alone or beside a current one); a
     * third of the current ones have integer ratios tauMem / tau (3-20, a second receptor 2-20),
     * whose crossings are solved as polynomials.
     */
    private static NeuronParameters someParams(SplittableRandom r) {
        if (r.nextInt(4) == 0) {
            return DeltaNetworks.params(r, r.nextBoolean(), false);
        }
        NeuronParameters p = RandomNetworks.randomParams(r);
        return r.nextInt(3) == 0 ? RandomNetworks.withIntegerRatios(p, r) : p;
    }

    private static double[] initialV(SplittableRandom r, int n, NeuronParameters p) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = p.reset() + r.nextDouble() * (p.threshold() - p.reset()) * 0.9;
        }
        return v;
    }

    /** Input spikes, often several at one instant, some on a coarse grid (ties across neurons). */
    static SpikeTrains input(long seed, Network net) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        SpikeTrains.Builder b = SpikeTrains.builder(RandomNetworks.DURATION);
        int n = net.population(0).size();
        int count = 1 + r.nextInt(4 * n);
        double[] t = new double[count];
        int[] neuron = new int[count];
        for (int i = 0; i < count; i++) {
            t[i] = r.nextBoolean() ? 0.001 * r.nextInt(20) : r.nextDouble(0, 0.02);
            neuron[i] = r.nextInt(n);
        }
        java.util.Arrays.sort(t);
        return b.add("in", neuron, t).build();
    }

    /**
     * A spike fired at the instant of the event that predicted it (here a delta jump across
     * threshold, which fires after every other event of that instant) is placed by that event, not
     * by its neuron: an input spike of the same instant, of a higher neuron index (the input
     * population comes second), comes first, as in the global queue.
     */
    @Test
    void aSpikeFiredAtItsEventsInstantIsPlacedByThatEvent() {
        NeuronParameters delta = NeuronParameters.builder().tauMem(0.01).threshold(1).leak(0).reset(0)
                .refractory(0.002).receptors(new String[] {"d"}, new double[] {0}).build();
        double delay = 0.001;
        Network net = Network.builder().add(Population.lif("exc", 3, delta)).add(Population.input("in", 2))
                .connectDense("in", "exc", "d", delay, new double[][] {{1.5, 1.5, 0}, {0, 0, 0}}).build();
        double t = 0.003;
        SpikeTrains in = SpikeTrains.builder(0.01).add("in", new int[] {0, 1}, new double[] {t - delay, t}).build();
        SpikeRecord expected = Simulator.withEventQueue(net, BUDGET).run(in).record();
        assertEquals(4, expected.count(), "spikes");
        assertEquals(t, expected.time(1), "the first neuron fires at the input spike's instant");
        assertEquals(4, expected.neuron(1), "the input spike comes first at that instant");
        for (int threads = 1; threads <= 3; threads++) {
            SpikeRecord got = new ParallelSimulator(net, threads, BUDGET).run(in).record();
            SameRecords.assertSameSpikes(expected, got, threads + " threads");
        }
    }

    /**
     * A delta jump across threshold fires after every other arrival of its instant, also when
     * current jumps down arrive at that instant after it (the neurons are visited one by one,
     * with lazy checks): the current at the spike holds all of them, as in the global queue.
     */
    @Test
    void aDeltaJumpFiresAfterTheCurrentJumpsDownOfItsInstant() {
        NeuronParameters both = NeuronParameters.builder().tauMem(0.01).threshold(1).leak(0).reset(0)
                .refractory(0.002).receptors(new String[] {"d", "syn"}, new double[] {0, 0.005}).build();
        double delay = 0.001;
        Network net = Network.builder().add(Population.input("in", 3)).add(Population.lif("exc", 1, both))
                .connectDense("in", "exc", "d", delay, new double[][] {{1.5}, {0}, {0}})
                .connectDense("in", "exc", "syn", delay, new double[][] {{0}, {-0.2}, {-0.3}}).build();
        double t = 0.002;
        SpikeTrains in = SpikeTrains.builder(0.01).add("in", new int[] {0, 1, 2}, new double[] {t, t, t}).build();
        SpikeRecord expected = Simulator.withEventQueue(net, BUDGET).run(in).record();
        assertEquals(4, expected.count(), "spikes");
        assertEquals(-0.5, expected.currentAtSpike(3), 1e-15, "the current at the spike holds both jumps down");
        for (int threads = 1; threads <= 2; threads++) {
            SameRecords.assertSameSpikes(expected, new ParallelSimulator(net, threads, BUDGET).run(in).record(),
                    threads + " threads");
        }
    }

    /**
     * Checks that come due inside a window: each neuron receives one jump at a window's start
     * (the delay is the window) and peaks about 6.9 ms later, inside the window, at weights
     * from just below to just above the one that reaches threshold (4): its check is reached at
     * its bound, bounded again from later states, then solved, as the global queue does, giving
     * the queue's spikes; a second jump a window later finds some checks still pending.
     */
    @Test
    void checksDueInsideAWindowGiveTheQueuesSpikes() {
        NeuronParameters p = NeuronParameters.builder().tauMem(0.01).threshold(1).leak(0).reset(0)
                .refractory(0.002).receptors(new String[] {"syn"}, new double[] {0.005}).build();
        int n = 41;
        double[][] w = new double[1][n];
        for (int i = 0; i < n; i++) {
            w[0][i] = 4 * (1 + (i - 20) * 2e-5); // the kernel's peak is 1/4
        }
        double delay = 0.01;
        Network net = Network.builder().add(Population.input("in", 1)).add(Population.lif("exc", n, p))
                .connectDense("in", "exc", "syn", delay, w).build();
        SpikeTrains in = SpikeTrains.builder(0.05).add("in", new int[] {0, 0}, new double[] {0, 0.013}).build();
        SpikeRecord expected = Simulator.withEventQueue(net, BUDGET).run(in).record();
        int crossedFirst = 0;
        for (int s = 0; s < expected.count(); s++) {
            crossedFirst += expected.neuron(s) > 0 && expected.time(s) < 0.02 ? 1 : 0;
        }
        assertTrue(crossedFirst > 5 && crossedFirst < n - 5, "neurons crossing after the first jump: " + crossedFirst);
        for (int threads = 1; threads <= 3; threads++) {
            SameRecords.assertSameSpikes(expected, new ParallelSimulator(net, threads, BUDGET).run(in).record(),
                    threads + " threads");
        }
    }

    /** Runs on the single-threaded queue; the record, or the budget's message. */
    private static Object single(Network net, SpikeTrains in, long[] counts) {
        Simulator s = Simulator.withEventQueue(net, BUDGET);
        try {
            SpikeRecord r = s.run(in).record();
            counts[0] = s.synapticEventCount();
            counts[1] = s.driveEventCount();
            return r;
        } catch (SimulationLimitException e) {
            return e.getMessage();
        }
    }

    private static Object parallel(Network net, SpikeTrains in, int threads, long[] counts) {
        ParallelSimulator s = new ParallelSimulator(net, threads, BUDGET);
        assertEquals(Math.min(threads, net.neuronCount()), s.threads(), "threads used");
        assertNull(s.fallbackReason());
        try {
            SpikeRecord r = s.run(in).record();
            counts[0] = s.synapticEventCount();
            counts[1] = s.driveEventCount();
            return r;
        } catch (SimulationLimitException e) {
            return e.getMessage();
        }
    }

    @Test
    void everyThreadCountGivesTheEventQueuesRecordBitForBit() {
        AtomicInteger recurrent = new AtomicInteger();
        AtomicInteger runaway = new AtomicInteger();
        qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            Network net = delayed(seed);
            SpikeTrains in = input(seed, net);
            long[] expectedCounts = new long[2];
            Object expected = single(net, in, expectedCounts);
            for (int threads = 1; threads <= 4; threads++) {
                long[] counts = new long[2];
                Object got = parallel(net, in, threads, counts);
                String what = "seed " + seed + ", " + threads + " threads";
                if (expected instanceof String message) {
                    assertEquals(message, got, what + ": the spike budget's failure");
                    continue;
                }
                assertTrue(got instanceof SpikeRecord, what + ": " + got);
                SameRecords.assertSameSpikes((SpikeRecord) expected, (SpikeRecord) got, what);
                assertEquals(expectedCounts[0], counts[0], what + ": synaptic events");
                assertEquals(expectedCounts[1], counts[1], what + ": drive arrivals");
            }
            if (expected instanceof String) {
                runaway.incrementAndGet();
            } else if (((SpikeRecord) expected).count() > in.count("in") + 20) {
                recurrent.incrementAndGet();
            }
        });
        assertTrue(recurrent.get() > 40, "runs with recurrent activity: " + recurrent.get());
        assertTrue(runaway.get() > 0, "runs that hit the spike budget: " + runaway.get());
    }

    /**
     * The threads take the partitions in turn, window by window, costliest first: any number
     * of partitions per thread (one, a few, or one per neuron) gives the queue's record, its
     * event counts and its budget message, for 1 to 4 threads.
     */
    @Test
    void everyPartitionCountGivesTheEventQueuesRecordBitForBit() {
        qt().withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            Network net = delayed(seed);
            SpikeTrains in = input(seed, net);
            long[] expectedCounts = new long[2];
            Object expected = single(net, in, expectedCounts);
            SplittableRandom r = new SplittableRandom(seed);
            for (int threads = 1; threads <= 4; threads++) {
                int[] partitionCounts = {threads, threads + 1 + r.nextInt(3 * threads), net.neuronCount()};
                for (int partitions : partitionCounts) {
                    ParallelSimulator s = new ParallelSimulator(net, threads, partitions, BUDGET);
                    String what = "seed " + seed + ", " + threads + " threads, " + partitions + " partitions";
                    assertEquals(Math.min(partitions, net.neuronCount()), s.partitions(), what);
                    Object got;
                    try {
                        got = s.run(in).record();
                    } catch (SimulationLimitException e) {
                        got = e.getMessage();
                    }
                    if (expected instanceof String message) {
                        assertEquals(message, got, what + ": the spike budget's failure");
                        continue;
                    }
                    assertTrue(got instanceof SpikeRecord, what + ": " + got);
                    SameRecords.assertSameSpikes((SpikeRecord) expected, (SpikeRecord) got, what);
                    assertEquals(expectedCounts[0], s.synapticEventCount(), what + ": synaptic events");
                    assertEquals(expectedCounts[1], s.driveEventCount(), what + ": drive arrivals");
                }
            }
        });
    }

    /**
     * One partition on one thread; on more threads, one per 1000 events expected in a window
     * that partitions share without repeating work (drive, generated synapses), from one to 4
     * per thread, and fewer when the partitions' per-network arrays would exceed the neuron
     * slots, never fewer than the threads.
     */
    @Test
    void defaultPartitionsFollowTheWorkPerWindowThreadsAndNetworkSize() {
        NeuronParameters p = NeuronParameters.builder().build();
        double[][] w = new double[100][100];
        Network.Builder b = Network.builder().add(Population.lif("a", 100, p)
                .withPoisson(new PoissonDrive(59_999, 0.1, 0, 1)));
        Network driven = b.connectDense("a", "a", p.receptorName(0), 0.001, w).build();
        // 100 neurons x 6e4 events/s x 1 ms = 6000 events per window: 3 partitions per thread of 2
        assertEquals(1, ParallelSimulator.defaultPartitions(driven, 1));
        assertEquals(6, ParallelSimulator.defaultPartitions(driven, 2));
        assertEquals(6, ParallelSimulator.defaultPartitions(driven, 3), "2 per thread of 3");
        assertEquals(8, ParallelSimulator.defaultPartitions(driven.withDelay(0, 0.01), 2), "at most 4 per thread");
        Network stored = Network.builder().add(Population.lif("a", 100, p))
                .connectDense("a", "a", p.receptorName(0), 0.001, w).build();
        assertEquals(2, ParallelSimulator.defaultPartitions(stored, 2), "stored rows only: one per thread");
        Network large = Network.builder().add(Population.input("in", 1_000_000)).build();
        assertEquals(4, ParallelSimulator.defaultPartitions(large, 2), "2^22 slots for 10^6 neurons");
        assertEquals(5, ParallelSimulator.defaultPartitions(large, 5), "at least one per thread");
        Network small = delayed(1);
        assertThrows(IllegalArgumentException.class, () -> new ParallelSimulator(small, 3, 2, BUDGET));
        assertEquals(Math.min(6, small.neuronCount()), new ParallelSimulator(small, 2, 6, BUDGET).partitions());
    }

    @Test
    void aNetworkWithoutDelayRunsOnOneThreadAndSaysSo() {
        Network net = RandomNetworks.network(3).withDelay(0, 0.0);
        ParallelSimulator s = new ParallelSimulator(net, 3, BUDGET);
        assertEquals(1, s.threads());
        assertNotNull(s.fallbackReason());
        assertTrue(s.fallbackReason().contains("minimum delay is 0"), s.fallbackReason());
        SpikeTrains in = RandomNetworks.input(3, net);
        SameRecords.assertSameSpikes(Simulator.withEventQueue(net).run(in).record(), s.run(in).record(), "zero delay");
        assertNull(new ParallelSimulator(net, 1, BUDGET).fallbackReason(), "one thread asked: nothing to explain");
    }

    /**
     * Without Poisson drive, windows expected to hold fewer than 2,000 input events (every neuron
     * at 1 spike/s) are advised against sharing, with the window and the count in the reason;
     * with drive, more events, or no delay at all (explained by the engine itself), not.
     */
    @Test
    void smallUndrivenWindowsAreAdvisedAgainstSharing() {
        NeuronParameters p = NeuronParameters.builder().build();
        double[][] w = new double[100][100];
        // 100 neurons with 100 inputs each at 1 spike/s: 1e4 events/s, 10 per window of 1 ms
        Network small = Network.builder().add(Population.lif("a", 100, p))
                .connectDense("a", "a", p.receptorName(0), 0.001, w).build();
        String reason = ParallelSimulator.tooLittleToShare(small);
        assertNotNull(reason);
        assertTrue(reason.contains("0.001 s") && reason.contains("about 10 input events") && reason.contains("one thread"),
                reason);
        assertNull(ParallelSimulator.tooLittleToShare(small.withDelay(0, 0.2)), "2,000 per window of 0.2 s");
        assertNotNull(ParallelSimulator.tooLittleToShare(small.withDelay(0, 0.19)), "1,900 per window of 0.19 s");
        assertNull(ParallelSimulator.tooLittleToShare(small.withDelay(0, 0.0)), "no delay: the engine says why");
        Network driven = Network.builder().add(Population.lif("a", 100, p).withPoisson(new PoissonDrive(10, 0.1, 0, 1)))
                .connectDense("a", "a", p.receptorName(0), 0.001, w).build();
        assertNull(ParallelSimulator.tooLittleToShare(driven), "Poisson drive: windows pay at any size");
    }

    @Test
    void badThreadCountsAreRefused() {
        Network net = delayed(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ParallelSimulator(net, 0, BUDGET));
        assertTrue(e.getMessage().contains("threads"), e.getMessage());
    }

    @Test
    void delaysInMessagesArePlainWhereShortAndShortestBeyond() {
        assertEquals("0.0001", ParallelSimulator.plain(1e-4));
        assertEquals("1", ParallelSimulator.plain(1.0));
        assertEquals("0", ParallelSimulator.plain(0.0));
        assertEquals("1.0E-300", ParallelSimulator.plain(1e-300));
        assertEquals("2.5E10", ParallelSimulator.plain(2.5e10));
    }
}
