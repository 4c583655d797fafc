package org.eventsnn.gradients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventsnn.core.engine.SimulationLimitException;
import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.RandomNetworks;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeTrains;
import org.junit.jupiter.api.Test;

/**
 * On feed-forward networks with per-synapse delays, the gradients (loss, weights, per-synapse
 * and projection delays, input times) are the same bits whichever engine ran the forward pass:
 * the layered one ({@link Simulator}'s default there) or the global event queue
 * ({@link Simulator#withEventQueue}). EventProp with first-spike losses on records that stop
 * once the output has fired, with the spike-count loss and the max-voltage loss on whole
 * windows (several spikes per neuron); Fast and Deep on single-spike networks.
 */
class EngineIndependentDelayGradientsTest {
    private static final int OUT = 2;
    private static final long LIMIT = 20_000;

    /**
     * Runs of one sample on both engines: {@code [queue, layered]}, or null for a runaway draw.
     * Only the layered engine's records tell which neurons fired after their end (the output
     * feeds nothing, so even its early stops do): that tells the engines apart.
     */
    private static SimulationResult[] bothEngines(Network net, SpikeTrains in, boolean untilOutputFired) {
        SimulationResult[] runs = runBoth(net, in, untilOutputFired);
        if (runs != null) {
            assertTrue(!runs[0].record().knowsFiredAfterEnd() && runs[1].record().knowsFiredAfterEnd(),
                    "the first ran on the queue, the second on the layered engine");
        }
        return runs;
    }

    private static SimulationResult[] runBoth(Network net, SpikeTrains in, boolean untilOutputFired) {
        try {
            Simulator queue = Simulator.withEventQueue(net, untilOutputFired ? Long.MAX_VALUE : LIMIT);
            Simulator layered = new Simulator(net, untilOutputFired ? Long.MAX_VALUE : LIMIT);
            if (untilOutputFired) {
                new Simulator(net, LIMIT).run(in); // bounded first: an unlimited early stop could run away
                return new SimulationResult[] {queue.runUntilAllFired(in, OUT), layered.runUntilAllFired(in, OUT)};
            }
            return new SimulationResult[] {queue.run(in), layered.run(in)};
        } catch (SimulationLimitException e) {
            return null;
        }
    }

    private static void assertSameBits(String what, double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Double.doubleToLongBits(expected[i]), Double.doubleToLongBits(actual[i]), what + "[" + i + "]: "
                    + expected[i] + " vs " + actual[i]);
        }
    }

    /** Same loss and gradients, bit for bit; true if some delay gradient is nonzero. */
    private static boolean assertSameGradients(String where, Network net, Gradients expected, Gradients actual) {
        assertEquals(Double.doubleToLongBits(expected.loss()), Double.doubleToLongBits(actual.loss()), where + ": loss");
        boolean nonzero = false;
        for (int p = 0; p < expected.projectionCount(); p++) {
            assertSameBits(where + " weights " + p, expected.weights(p), actual.weights(p));
            assertSameBits(where + " delays " + p, expected.delays(p), actual.delays(p));
            assertEquals(Double.doubleToLongBits(expected.delay(p)), Double.doubleToLongBits(actual.delay(p)),
                    where + " delay " + p);
            for (double d : expected.delays(p)) {
                nonzero |= d != 0;
            }
        }
        for (int pop = 0; pop < net.populations().size(); pop++) {
            assertSameBits(where + " input times " + pop, expected.inputTimes(pop), actual.inputTimes(pop));
        }
        return nonzero;
    }

    @Test
    void eventPropGradientsOfFirstSpikesAreTheSameOnBothEngines() {
        AtomicInteger nonzero = new AtomicInteger();
        qt().withExamples(400).forAll(longs().all()).checkAssert(seed -> {
            Network net = RandomNetworks.withSynapseDelays(seed, RandomNetworks.feedForward(seed, seed % 2 == 0));
            SimulationResult[] runs = bothEngines(net, RandomNetworks.input(seed, net), true);
            if (runs == null) {
                return;
            }
            SplittableRandom r = new SplittableRandom(seed + 3);
            int outputs = net.population(OUT).size();
            SpikeTimeLoss loss = GradientTestRuns.randomFirstSpikeLoss(r, outputs);
            int label = r.nextInt(outputs);
            Gradients queue = new EventProp().compute(runs[0], OUT, loss, label);
            Gradients layered = new EventProp().compute(runs[1], OUT, loss, label);
            nonzero.addAndGet(assertSameGradients("seed " + seed + " eventprop", net, queue, layered) ? 1 : 0);
        });
        assertTrue(nonzero.get() > 150, "samples with delay gradients: " + nonzero.get());
    }

    @Test
    void eventPropGradientsOfEverySpikeAreTheSameOnBothEngines() {
        AtomicInteger nonzero = new AtomicInteger();
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            Network net = RandomNetworks.withSynapseDelays(seed, RandomNetworks.feedForward(seed, false));
            SimulationResult[] runs = bothEngines(net, RandomNetworks.input(seed, net), false);
            if (runs == null) {
                return;
            }
            SplittableRandom r = new SplittableRandom(seed + 11);
            int label = r.nextInt(net.population(OUT).size());
            SpikeCountCrossEntropy count = new SpikeCountCrossEntropy(r.nextDouble(0.002, 0.03),
                    r.nextBoolean() ? 0 : r.nextDouble(0, 0.01), 1);
            boolean a = assertSameGradients("seed " + seed + " count-ce", net,
                    new EventProp().computeAllSpikes(runs[0], OUT, count, label),
                    new EventProp().computeAllSpikes(runs[1], OUT, count, label));
            MaxVoltageCrossEntropy maxV = new MaxVoltageCrossEntropy();
            Gradients queueMaxV;
            try {
                queueMaxV = new EventProp().computeMaxVoltage(runs[0], OUT, maxV, label);
            } catch (IllegalArgumentException e) { // a neuron model the max-voltage loss refuses
                assertThrows(IllegalArgumentException.class, () -> new EventProp().computeMaxVoltage(runs[1], OUT, maxV, label));
                nonzero.addAndGet(a ? 1 : 0);
                return;
            }
            boolean b = assertSameGradients("seed " + seed + " max-voltage", net, queueMaxV,
                    new EventProp().computeMaxVoltage(runs[1], OUT, maxV, label));
            nonzero.addAndGet(a || b ? 1 : 0);
        });
        assertTrue(nonzero.get() > 100, "samples with delay gradients: " + nonzero.get());
    }

    @Test
    void fastAndDeepGradientsAreTheSameOnBothEngines() {
        AtomicInteger nonzero = new AtomicInteger();
        qt().withExamples(400).forAll(longs().all()).checkAssert(seed -> {
            Network net = RandomNetworks.withSynapseDelays(seed, RandomNetworks.feedForward(seed, true));
            SimulationResult[] runs = bothEngines(net, RandomNetworks.input(seed, net), seed % 2 == 0);
            if (runs == null) {
                return;
            }
            SplittableRandom r = new SplittableRandom(seed + 5);
            int outputs = net.population(OUT).size();
            SpikeTimeLoss loss = GradientTestRuns.randomFirstSpikeLoss(r, outputs);
            int label = r.nextInt(outputs);
            Gradients queue = new FastAndDeep().compute(runs[0], OUT, loss, label);
            Gradients layered = new FastAndDeep().compute(runs[1], OUT, loss, label);
            nonzero.addAndGet(assertSameGradients("seed " + seed + " fastdeep", net, queue, layered) ? 1 : 0);
        });
        assertTrue(nonzero.get() > 150, "samples with delay gradients: " + nonzero.get());
    }
}
