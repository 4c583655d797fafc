package org.eventsnn.core.engine;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.model.Projection;
import org.eventsnn.core.model.RandomNetworks;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeRecord;
import org.eventsnn.core.record.SpikeTrains;
import org.junit.jupiter.api.Test;

/**
 * Replays on the layered engine give bit for bit the queue's replay: the same spikes in the same
 * order, the same currents at spikes and releases (noise floor included) and the same
 * processed-event log, for random feed-forward networks (populations simulated by a
 * {@link UniformPopulation} and through {@link NeuronStates}) and random observed spikes, among them
 * spikes at equal times, at arrivals, at or within a neuron's refractory period after its last
 * one, at the window's ends and the model's own spikes.
 */
class LayeredReplayTest {
    private static final long LIMIT = 20_000;

    @Test
    void replaysEqualTheQueuesBitForBit() {
        AtomicInteger layered = new AtomicInteger();
        AtomicInteger observedSpikes = new AtomicInteger();
        AtomicInteger withinRefractory = new AtomicInteger();
        AtomicInteger atEqualTimes = new AtomicInteger();
        AtomicInteger noisy = new AtomicInteger();
        AtomicInteger uniform = new AtomicInteger();
        AtomicInteger general = new AtomicInteger();
        qt().withExamples(1500).forAll(longs().all()).checkAssert(seed -> {
            Network net = network(seed);
            if (!LayeredSimulation.suits(net)) {
                return;
            }
            layered.incrementAndGet();
            for (Population pop : net.populations()) {
                if (!pop.isInput()) {
                    (UniformPopulation.suits(pop) ? uniform : general).incrementAndGet();
                }
            }
            SplittableRandom r = new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL);
            SpikeTrains in = RandomNetworks.input(seed, net);
            SpikeTrains observed = observed(r, net, in);
            double noise = r.nextBoolean() ? 0 : r.nextDouble(0.001, 0.1);
            noisy.addAndGet(noise > 0 ? 1 : 0);
            String where = "seed " + seed;
            SpikeRecord queue;
            try {
                queue = new Simulator(net, LIMIT, false).replay(in, observed, noise).record();
            } catch (SimulationLimitException e) {
                assertThrows(SimulationLimitException.class, () -> new Simulator(net, LIMIT, true).replay(in, observed, noise));
                return;
            }
            SpikeRecord fast = new Simulator(net, LIMIT, true).replay(in, observed, noise).record();
            SameRecords.assertSameSpikes(queue, fast, where);
            SameRecords.assertSameLog(queue, fast, where);
            observedSpikes.addAndGet(queue.count() - in.count("in"));
            withinRefractory.addAndGet(firingAgainWithinRefractory(net, queue));
            atEqualTimes.addAndGet(spikesAtEqualTimes(queue));
        });

        assertTrue(layered.get() > 1000, "networks on the layered engine: " + layered.get());
        assertTrue(observedSpikes.get() > 10_000, "observed spikes: " + observedSpikes.get());
        assertTrue(withinRefractory.get() > 1000, "spikes within their neuron's refractory period: " + withinRefractory.get());
        assertTrue(atEqualTimes.get() > 1000, "spikes at the time of the one before: " + atEqualTimes.get());
        assertTrue(noisy.get() > 400, "replays with threshold noise: " + noisy.get());
        assertTrue(uniform.get() > 500, "populations replayed as a UniformPopulation: " + uniform.get());
        assertTrue(general.get() > 500, "populations replayed through NeuronStates: " + general.get());
    }

    /** A simulator's replays reuse its buffers and its recycled records: each equals a fresh simulator's. */
    @Test
    void repeatedReplaysOnOneSimulatorEqualFreshOnes() {
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            Network net = network(seed);
            SplittableRandom r = new SplittableRandom(seed);
            SpikeTrains in = RandomNetworks.input(seed, net);
            Simulator sim = new Simulator(net, LIMIT, true);
            SimulationResult previous = null;
            for (int k = 0; k < 3; k++) {
                SpikeTrains observed = observed(r, net, in);
                SpikeRecord expected;
                try {
                    expected = new Simulator(net, LIMIT, false).replay(in, observed, 0.01).record();
                } catch (SimulationLimitException e) {
                    continue;
                }
                if (previous != null) {
                    sim.recycle(previous);
                }
                previous = sim.replay(in, observed, 0.01);
                SameRecords.assertSameSpikes(expected, previous.record(), "seed " + seed + " replay " + k);
                SameRecords.assertSameLog(expected, previous.record(), "seed " + seed + " replay " + k);
            }
        });
    }

    /** Feed-forward networks of every kind the random generator makes, a third with per-synapse delays. */
    private static Network network(long seed) {
        Network net = RandomNetworks.feedForward(seed, Math.floorMod(seed, 4) == 0);
        return Math.floorMod(seed, 3) == 0 ? RandomNetworks.withSynapseDelays(seed, net) : net;
    }

    /**
     * Random observed spikes for every LIF population: the model's own spikes, moved or not, or
     * random times, among them repeats of the last time (equal times, of the same neuron too),
     * the last time of the same neuron plus its refractory period or a part of it, arrival times
     * of source spikes, those less the refractory period (releases at arrivals) and the window's
     * ends.
     */
    private static SpikeTrains observed(SplittableRandom r, Network net, SpikeTrains in) {
        double duration = in.duration();
        SpikeTrains own = null;
        if (r.nextInt(3) == 0) {
            try {
                own = new Simulator(net, LIMIT).run(in).spikes();
            } catch (SimulationLimitException e) {
                own = null;
            }
        }
        SpikeTrains.Builder b = SpikeTrains.builder(duration);
        SpikeTrains sources = in;
        for (int p = 0; p < net.populations().size(); p++) {
            Population pop = net.population(p);
            if (pop.isInput()) {
                continue;
            }
            int n;
            double[] time;
            int[] neuron;
            if (own != null && own.populations().contains(pop.name())) {
                neuron = own.neurons(pop.name());
                time = own.times(pop.name());
                n = time.length;
                for (int k = 0; k < n; k++) {
                    if (r.nextInt(3) == 0) {
                        time[k] = Math.min(duration, Math.max(0, time[k] + r.nextDouble(-0.002, 0.002)));
                    }
                }
            } else {
                n = r.nextInt(3 * pop.size() + 1);
                time = new double[n];
                neuron = new int[n];
                double[] last = new double[pop.size()];
                Arrays.fill(last, Double.NaN);
                for (int k = 0; k < n; k++) {
                    int i = r.nextInt(pop.size());
                    double refractory = pop.params(i).refractory();
                    double t;
                    int kind = r.nextInt(9);
                    if (kind == 0 && k > 0) {
                        t = time[k - 1];
                        i = r.nextBoolean() ? neuron[k - 1] : i;
                    } else if (kind == 1 && !Double.isNaN(last[i])) {
                        t = last[i] + (r.nextBoolean() ? refractory : r.nextDouble() * Math.min(refractory, 0.01));
                    } else if (kind == 2) {
                        t = arrivalTime(r, net, p, sources);
                    } else if (kind == 3 && refractory > 0) { // its release at an arrival (if no rounding moves it)
                        t = arrivalTime(r, net, p, sources) - refractory;
                    } else if (kind == 4) {
                        t = r.nextBoolean() ? 0 : duration;
                    } else {
                        t = r.nextDouble(0, duration);
                    }
                    t = Math.min(duration, Math.max(0, t));
                    time[k] = t;
                    neuron[k] = i;
                    last[i] = t;
                }
            }
            sortByTime(time, neuron);
            b.add(pop.name(), neuron, time);
        }
        return b.build();
    }

    /** The time of a random input spike's arrival over a random projection into population p, or a random time. */
    private static double arrivalTime(SplittableRandom r, Network net, int p, SpikeTrains in) {
        for (int j = 0; j < net.projections().size(); j++) {
            Projection pr = net.projection(j);
            if (pr.target() == p && net.population(pr.source()).isInput() && !pr.hasSynapseDelays()
                    && in.count("in") > 0 && r.nextBoolean()) {
                return in.times("in")[r.nextInt(in.count("in"))] + pr.delay();
            }
        }
        return r.nextDouble(0, in.duration());
    }

    /** Sorts the spikes by time, keeping the order of equal times. */
    private static void sortByTime(double[] time, int[] neuron) {
        for (int i = 1; i < time.length; i++) {
            double t = time[i];
            int g = neuron[i];
            int k = i;
            while (k > 0 && time[k - 1] > t) {
                time[k] = time[k - 1];
                neuron[k] = neuron[k - 1];
                k--;
            }
            time[k] = t;
            neuron[k] = g;
        }
    }

    /** LIF spikes of a record at most their neuron's refractory period after its spike before. */
    private static int firingAgainWithinRefractory(Network net, SpikeRecord record) {
        double[] last = new double[net.neuronCount()];
        Arrays.fill(last, Double.NaN);
        int count = 0;
        for (int s = 0; s < record.count(); s++) {
            int g = record.neuron(s);
            int p = net.populationOf(g);
            if (net.population(p).isInput()) {
                continue;
            }
            double refractory = net.population(p).params(g - net.offset(p)).refractory();
            if (record.time(s) - last[g] <= refractory) {
                count++;
            }
            last[g] = record.time(s);
        }
        return count;
    }

    private static int spikesAtEqualTimes(SpikeRecord record) {
        int count = 0;
        for (int s = 1; s < record.count(); s++) {
            count += record.time(s) == record.time(s - 1) ? 1 : 0;
        }
        return count;
    }
}
