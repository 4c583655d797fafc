package org.eventsnn.core.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.RandomNetworks;
import org.eventsnn.core.record.SpikeRecord;
import org.eventsnn.core.record.SpikeTrains;
import org.junit.jupiter.api.Test;

/**
 * A simulator that ran a network and then adopted one with other per-synapse delays and weights
 * (as delay learning makes it after each batch) gives bit for bit what a fresh simulator of the
 * new network gives: spikes, currents and the event log with row slots, on the layered engine
 * and on the queue (recurrent networks too), and for spikes only; and it refuses networks that
 * differ in more.
 */
class AdoptSynapseDelaysTest {
    private static final long LIMIT = 20_000;

    /** {@code net} with new random delays (zeros and ties among them) and weights scaled per projection. */
    private static Network learnedStep(long seed, Network net) {
        SplittableRandom r = new SplittableRandom(seed ^ 0xA5A5L);
        for (int j = 0; j < net.projections().size(); j++) {
            double[] d = net.projection(j).delays();
            double[] w = net.projection(j).weights();
            for (int s = 0; s < d.length; s++) {
                d[s] = r.nextInt(5) == 0 ? 0 : r.nextInt(3) == 0 ? d[Math.max(0, s - 1)] : r.nextDouble(0.004);
                w[s] *= r.nextDouble(0.8, 1.25);
            }
            net = net.withDelays(j, d).withWeights(j, w);
        }
        return net;
    }

    private static Network network(long seed) {
        Network net = switch (Math.floorMod(seed, 3)) {
            case 0 -> RandomNetworks.feedForward(seed, false);
            case 1 -> RandomNetworks.feedForward(seed, true);
            default -> RandomNetworks.network(seed); // recurrent: the queue
        };
        return RandomNetworks.withSynapseDelays(seed, net);
    }

    private static SpikeRecord fresh(Network net, SpikeTrains in, boolean layered) {
        try {
            return new Simulator(net, LIMIT, layered).run(in).record();
        } catch (SimulationLimitException e) {
            return null;
        }
    }

    @Test
    void adoptingOtherSynapseDelaysEqualsAFreshSimulatorBitForBit() {
        AtomicInteger compared = new AtomicInteger();
        AtomicInteger bucketsChanged = new AtomicInteger();
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            Network before = network(seed);
            Network after = learnedStep(seed, before);
            SpikeTrains in = RandomNetworks.input(seed, before);
            for (boolean layered : new boolean[] {true, false}) {
                SpikeRecord expected = fresh(after, in, layered);
                Simulator s = new Simulator(before, LIMIT, layered);
                if (expected == null || fresh(before, in, layered) == null) {
                    return; // a runaway draw
                }
                s.run(in); // its buffers hold the old network's run
                assertTrue(s.adopt(after), "seed " + seed + ": other delays and weights are adopted");
                String where = "seed " + seed + (layered ? " layered" : " queue");
                SpikeRecord adopted = s.run(in).record();
                SameRecords.assertSameSpikes(expected, adopted, where);
                SameRecords.assertSameLog(expected, adopted, where);
                compared.incrementAndGet();
            }
            SpikesOnlySimulator spikesOnly = new SpikesOnlySimulator(before, LIMIT);
            spikesOnly.run(in);
            assertTrue(spikesOnly.adopt(after));
            SameRecords.assertSameSpikes(fresh(after, in, true), spikesOnly.run(in).record(), "seed " + seed + " spikes only");
            bucketsChanged.addAndGet(Double.compare(before.minDelay(), after.minDelay()) != 0 ? 1 : 0);
        });
        assertTrue(compared.get() > 300, "runs compared: " + compared.get());
        assertTrue(bucketsChanged.get() > 50, "draws whose smallest delay changed: " + bucketsChanged.get());
    }

    @Test
    void refusesNetworksThatDifferInMoreThanWeightsAndSynapseDelays() {
        Network ff = RandomNetworks.feedForward(7, false);
        Network perSynapse = RandomNetworks.withSynapseDelays(7, ff);
        assertFalse(new Simulator(ff).adopt(perSynapse), "one delay to a delay per synapse");
        assertFalse(new Simulator(perSynapse).adopt(ff), "a delay per synapse to one delay");
        assertFalse(new Simulator(perSynapse).adopt(RandomNetworks.withSynapseDelays(8, RandomNetworks.feedForward(8, false))),
                "another network");
        assertTrue(new Simulator(perSynapse).adopt(learnedStep(7, perSynapse)));
    }
}
