package org.eventsnn.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.collections.impl.list.mutable.primitive.DoubleArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.model.Projection;
import org.eventsnn.core.model.RandomNetworks;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeRecord;
import org.eventsnn.core.record.SpikeTrains;
import org.junit.jupiter.api.Test;

/**
 * Per-synapse delays: equal ones reproduce the projection's one delay bit for bit, and any
 * delays give the very spikes of the same network split into one projection per distinct
 * delay (a model the one-delay engines simulate), on random recurrent and feed-forward networks.
 */
class SynapseDelaysTest {
    private static final int EXAMPLES = 800;

    private static SimulationResult run(Network net, SpikeTrains in) {
        try {
            return new Simulator(net, 20_000).run(in);
        } catch (SimulationLimitException e) {
            return null;
        }
    }

    private static Network randomNetwork(long seed) {
        return seed % 2 == 0 ? RandomNetworks.network(seed) : RandomNetworks.feedForward(seed, false);
    }

    /** Asserts that two runs have the same spikes (neurons, times and currents) bit for bit. */
    private static void assertSameSpikes(SpikeRecord a, SpikeRecord b, String where) {
        assertEquals(a.count(), b.count(), where + ": spike count");
        for (int s = 0; s < a.count(); s++) {
            assertEquals(a.neuron(s), b.neuron(s), where + ": neuron of spike " + s);
            assertEquals(Double.doubleToLongBits(a.time(s)), Double.doubleToLongBits(b.time(s)),
                    where + ": time of spike " + s + " " + a.time(s) + " vs " + b.time(s));
            assertEquals(Double.doubleToLongBits(a.currentAtSpike(s)), Double.doubleToLongBits(b.currentAtSpike(s)),
                    where + ": current at spike " + s);
        }
    }

    /**
     * Runs {@code a} and {@code b} on the random input of {@code seed} and asserts the same spikes
     * bit for bit (or both hitting the spike limit); counts runs where LIF neurons fired.
     */
    private static void assertSameRuns(long seed, Network a, Network b, AtomicInteger spiking) {
        SpikeTrains in = RandomNetworks.input(seed, a);
        SimulationResult x = run(a, in);
        SimulationResult y = run(b, in);
        assertEquals(x == null, y == null, "seed " + seed + ": one run hit the spike limit");
        if (x != null) {
            assertSameSpikes(x.record(), y.record(), "seed " + seed);
            if (x.record().count() > in.count("in")) {
                spiking.incrementAndGet();
            }
        }
    }

    @Test
    void equalSynapseDelaysReproduceTheProjectionDelayBitForBit() {
        AtomicInteger spiking = new AtomicInteger();
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            Network net = randomNetwork(seed);
            Network perSynapse = net;
            for (int j = 0; j < net.projections().size(); j++) {
                perSynapse = perSynapse.withDelays(j, net.projection(j).delays());
                assertTrue(perSynapse.projection(j).hasSynapseDelays());
            }
            assertSameRuns(seed, net, perSynapse, spiking);
        });
        assertTrue(spiking.get() > EXAMPLES / 3, "runs with LIF spikes: " + spiking.get());
    }

    @Test
    void synapseDelaysGiveTheSpikesOfOneProjectionPerDistinctDelay() {
        AtomicInteger spiking = new AtomicInteger();
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            Network net = RandomNetworks.withSynapseDelays(seed, randomNetwork(seed));
            Network split = splitByDelay(net);
            assertSameRuns(seed, net, split, spiking);
        });
        assertTrue(spiking.get() > EXAMPLES / 3, "runs with LIF spikes: " + spiking.get());
    }

    /**
     * Delays of 1e-300 s (arrivals at the spike's own time, in buckets of 1.25e-301 s) give the
     * spikes of zero delays; they once threw "window 0 was taken already" (the bucket index
     * passed 2^63).
     */
    @Test
    void delaysOf1e300GiveTheSpikesOfZeroDelays() {
        AtomicInteger spiking = new AtomicInteger();
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            Network net = randomNetwork(seed);
            Network zero = net;
            Network tiny = net;
            for (int j = 0; j < net.projections().size(); j++) {
                double[] d = new double[net.projection(j).synapseCount()];
                zero = zero.withDelays(j, d);
                Arrays.fill(d, 1e-300);
                tiny = tiny.withDelays(j, d);
            }
            assertSameRuns(seed, zero, tiny, spiking);
        });
        assertTrue(spiking.get() > 200 / 3, "runs with LIF spikes: " + spiking.get());
    }

    @Test
    void everySpikeSitsOnThresholdWithSynapseDelays() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            Network net = RandomNetworks.withSynapseDelays(seed, RandomNetworks.network(seed));
            SimulationResult r = run(net, RandomNetworks.input(seed, net));
            if (r == null) {
                return;
            }
            VoltageOracle oracle = new VoltageOracle(net, r.record());
            for (int s = 0; s < r.record().count(); s++) {
                int g = r.record().neuron(s);
                int p = net.populationOf(g);
                Population pop = net.population(p);
                int i = g - net.offset(p);
                double t = r.record().time(s);
                if (pop.isInput() || (t == 0 && pop.initialV(i) >= pop.params(i).threshold())) {
                    continue;
                }
                assertEquals(pop.params(i).threshold(), oracle.voltage(g, t), 1e-11, "seed " + seed + ": V at spike " + s);
            }
        });
    }

    @Test
    void aRowArrivesInDelayOrderAndTiesFormOneArrival() {
        Network net = Network.builder()
                .add(Population.input("in", 1))
                .add(Population.lif("out", 3, org.eventsnn.core.model.NeuronParameters.builder().build()))
                .connectList("in", "out", null, new double[] {0.002, 0.001, 0.002, 0.0},
                        new int[] {0, 0, 0, 0}, new int[] {0, 1, 2, 1}, new double[] {0.1, 0.2, 0.3, 0.4})
                .build();
        Projection pr = net.projection(0);
        assertArrayEquals(new int[] {3, 1, 0, 2}, new int[] {pr.rowSynapse(0), pr.rowSynapse(1), pr.rowSynapse(2),
                pr.rowSynapse(3)});
        assertEquals(0.0, net.minDelay());
        SpikeTrains in = SpikeTrains.builder(0.01).add("in", new int[] {0}, new double[] {0.001}).build();
        SpikeRecord rec = new Simulator(net).run(in).record();
        IntArrayList slots = new IntArrayList();
        for (int e = 0; e < rec.eventCount(); e++) {
            if (rec.eventKind(e) == SpikeRecord.ARRIVAL) {
                slots.add(rec.eventSlot(e));
            }
        }
        assertEquals(IntArrayList.newListWith(0, 1, 2), slots, "arrivals at 1, 2 and 3 ms; the last delivers two synapses");
        assertEquals(4, pr.arrivalEnd(0, 2, 0.001));
        assertEquals(2, pr.arrivalEnd(0, 1, 0.001));
    }

    /**
     * {@code net} with each projection with per-synapse delays replaced by one synapse-list
     * projection per distinct delay, by increasing delay, each in synapse order, in the place of
     * the original: the order in which the queue applies simultaneous arrivals is unchanged.
     */
    static Network splitByDelay(Network net) {
        Network.Builder b = Network.builder();
        for (Population p : net.populations()) {
            b.add(p);
        }
        for (Projection pr : net.projections()) {
            String source = net.population(pr.source()).name();
            String target = net.population(pr.target()).name();
            String receptor = net.population(pr.target()).params().receptorName(pr.receptor());
            double[] distinct = Arrays.stream(pr.delays()).distinct().sorted().toArray();
            for (double d : distinct) {
                IntArrayList pre = new IntArrayList();
                IntArrayList post = new IntArrayList();
                DoubleArrayList w = new DoubleArrayList();
                for (int s = 0; s < pr.synapseCount(); s++) {
                    if (pr.delay(s) == d) {
                        pre.add(pr.pre(s));
                        post.add(pr.post(s));
                        w.add(pr.weight(s));
                    }
                }
                b.connectList(source, target, receptor, d, pre.toArray(), post.toArray(), w.toArray());
            }
        }
        return b.build();
    }
}
