package org.eventsnn.hardware;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventsnn.core.engine.SimulationLimitException;
import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.engine.SpikesOnlySimulator;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.model.RandomNetworks;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeTrains;
import org.junit.jupiter.api.Test;

/**
 * The chip's network in the model's shape ({@link ChipNetwork}) gives bit for bit the observed
 * spikes of the chip laid out neuron by neuron on the event queue ({@link PerNeuronNetwork}, the
 * layout it replaced), and feed-forward models take the layered engine.
 */
class ChipNetworkTest {
    private static final long LIMIT = 20_000;

    @Test
    void feedForwardChipRunsOnTheLayeredEngineEqualTheQueueNeuronByNeuron() {
        AtomicInteger lifSpikes = new AtomicInteger();
        qt().withExamples(400).forAll(longs().all(), doubles().between(0, 0.3)).checkAssert((seed, mismatch) -> {
            Network net = RandomNetworks.feedForward(seed, seed % 2 == 0);
            lifSpikes.addAndGet(assertSameObservedSpikes(seed, mismatch, net, true));
        });
        assertTrue(lifSpikes.get() > 3000, "LIF spikes compared: " + lifSpikes.get());
    }

    /** A Yin-Yang network of the fastdeep preset's shape and neurons on default chips, as training runs it. */
    @Test
    void yinYangChipRunsEqualTheQueueNeuronByNeuron() {
        AtomicInteger lifSpikes = new AtomicInteger();
        qt().withExamples(15).forAll(longs().all()).checkAssert(seed -> {
            Network net = YinYangSamples.network(seed);
            SpikeTrains in = YinYangSamples.input(seed);
            lifSpikes.addAndGet(assertSameObservedSpikes(seed, 0.05, net, in, true));
        });
        assertTrue(lifSpikes.get() > 500, "LIF spikes compared: " + lifSpikes.get());
    }

    /** Recurrent networks (and the feed-forward ones with per-neuron parameters or initial potentials) too, on the queue. */
    @Test
    void anyChipRunEqualsTheQueueNeuronByNeuron() {
        qt().withExamples(300).forAll(longs().all(), doubles().between(0, 0.3)).checkAssert((seed, mismatch) ->
                assertSameObservedSpikes(seed, mismatch, RandomNetworks.mixed(seed), false));
    }

    /**
     * Asserts that chip {@code seed} with {@code mismatch} sees the same spikes of {@code net} on
     * both layouts, unmoved and moved by random shifts as a run's jitter moves them (or both
     * exceed the spike limit), on the layered engine if {@code layered}; returns the LIF spikes.
     */
    private static int assertSameObservedSpikes(long seed, double mismatch, Network net, boolean layered) {
        return assertSameObservedSpikes(seed, mismatch, net, RandomNetworks.input(seed, net), layered);
    }

    private static int assertSameObservedSpikes(long seed, double mismatch, Network net, SpikeTrains in, boolean layered) {
        MockAnalogChip chip = new MockAnalogChip(ChipConfig.builder(seed).mismatch(mismatch).build());
        NeuronParameters[] params = chip.runParameters(net, Math.floorMod(seed, 1000));
        ChipNetwork now = new ChipNetwork(net, params, chip.quantizer()::apply, 256);
        PerNeuronNetwork before = new PerNeuronNetwork(net, params, chip.quantizer()::apply, 256);
        assertEquals(net.populations().size(), now.physical.populations().size());
        SpikeTrains queue;
        try {
            queue = Simulator.withEventQueue(before.physical, LIMIT).run(in).spikes();
        } catch (SimulationLimitException e) {
            assertThrows(SimulationLimitException.class, () -> new SpikesOnlySimulator(now.physical, LIMIT).run(in));
            return 0;
        }
        SimulationResult fast = new SpikesOnlySimulator(now.physical, LIMIT).run(in);
        if (layered) {
            assertFalse(fast.record().hasEventLog(), "seed " + seed + ": not run on the layered engine");
        }
        int count = ChipNetwork.lifSpikeCount(fast.record());
        assertEquals(queue.populations().stream().mapToInt(queue::count).sum(), count, "seed " + seed);
        SplittableRandom r = new SplittableRandom(seed);
        double[] shift = new double[count];
        for (int k = 0; k < count; k++) {
            shift[k] = r.nextDouble(-0.002, 0.002);
        }
        String where = "seed " + seed + " mismatch " + mismatch;
        assertSameSpikes(net, before.toModel(queue, null), now.toModel(fast, null), where);
        assertSameSpikes(net, before.toModel(queue, shift), now.toModel(fast, shift), where + " shifted");
        return count;
    }

    private static void assertSameSpikes(Network net, SpikeTrains expected, SpikeTrains actual, String where) {
        assertEquals(expected.populations(), actual.populations(), where);
        for (Population pop : net.populations()) {
            if (!pop.isInput()) {
                assertArrayEquals(expected.times(pop.name()), actual.times(pop.name()), 0.0, where + " " + pop.name());
                assertArrayEquals(expected.neurons(pop.name()), actual.neurons(pop.name()), where + " " + pop.name());
            }
        }
    }

    /**
     * Every observed LIF spike gets a jitter draw of its own: over each population, the spikes'
     * displacements add up to the population's own consecutive slice of the draws (before,
     * every population started at the first draw, so spike k of each shared one).
     */
    @Test
    void everyLifSpikeIsMovedByItsOwnShift() {
        AtomicInteger populationsAfterTheFirst = new AtomicInteger();
        qt().withExamples(100).forAll(longs().all()).checkAssert(seed -> {
            Network net = RandomNetworks.feedForward(seed, seed % 2 == 0);
            MockAnalogChip chip = new MockAnalogChip(ChipConfig.builder(seed).build());
            ChipNetwork layout = new ChipNetwork(net, chip.runParameters(net, 0), chip.quantizer()::apply, 256);
            SimulationResult run;
            try {
                run = new SpikesOnlySimulator(layout.physical, LIMIT).run(RandomNetworks.input(seed, net));
            } catch (SimulationLimitException e) {
                return;
            }
            double[] shift = new double[ChipNetwork.lifSpikeCount(run.record())];
            for (int k = 0; k < shift.length; k++) {
                shift[k] = 1e-9 * (k + 1);
            }
            SpikeTrains unmoved = layout.toModel(run, null);
            SpikeTrains moved = layout.toModel(run, shift);
            int first = 0;
            for (Population pop : net.populations()) {
                if (pop.isInput()) {
                    continue;
                }
                int n = unmoved.count(pop.name());
                double expected = 0;
                for (int k = first; k < first + n; k++) {
                    expected += shift[k];
                }
                double actual = 0;
                for (int k = 0; k < n; k++) {
                    actual += Math.min(moved.times(pop.name())[k], run.duration()) - unmoved.times(pop.name())[k];
                }
                boolean clamped = n > 0 && unmoved.times(pop.name())[n - 1] + shift[shift.length - 1] > run.duration();
                if (!clamped) {
                    assertEquals(expected, actual, 1e-12 * (n + 1), "seed " + seed + " " + pop.name());
                }
                if (first > 0 && n > 0) {
                    populationsAfterTheFirst.incrementAndGet();
                }
                first += n;
            }
        });
        assertTrue(populationsAfterTheFirst.get() > 20, "populations after the first with spikes: " + populationsAfterTheFirst.get());
    }

    @Test
    void perSynapseDelaysAndProceduralProjectionsAreRefusedLikeBefore() {
        Network net = RandomNetworks.feedForward(3, false);
        NeuronParameters[] params = new MockAnalogChip(ChipConfig.builder(3).build()).runParameters(net, 0);
        Network delayed = RandomNetworks.withSynapseDelays(3, net);
        String message = assertThrows(IllegalArgumentException.class,
                () -> new ChipNetwork(delayed, params, w -> w, 256)).getMessage();
        assertEquals(assertThrows(IllegalArgumentException.class,
                () -> new PerNeuronNetwork(delayed, params, w -> w, 256)).getMessage(), message);
        assertTrue(message.contains("in -> hidden has a delay per synapse"), message);
        Network procedural = RandomNetworks.procedural(3, false);
        message = assertThrows(IllegalArgumentException.class, () -> new ChipNetwork(procedural,
                new MockAnalogChip(ChipConfig.builder(3).build()).runParameters(procedural, 0), w -> w, 256)).getMessage();
        assertTrue(message.contains("is procedural; the chip needs stored synapses"), message);
    }
}
