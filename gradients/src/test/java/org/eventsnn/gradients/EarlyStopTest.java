package org.eventsnn.gradients;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.RandomNetworks;
import org.eventsnn.core.engine.SimulationLimitException;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.record.SpikeTrains;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Stopping a simulation once every output neuron has fired changes no first spike and no
 * gradient; batches that count firing over the whole window still may stop so.
 */
class EarlyStopTest {
    @Test
    void firstSpikeLossesAndTheirGradientsAreUnchanged() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            Network net = RandomNetworks.network(seed);
            SpikeTrains in = RandomNetworks.input(seed, net);
            SimulationResult full;
            try {
                full = new Simulator(net, 20_000).run(in);
            } catch (SimulationLimitException e) {
                return;
            }
            SimulationResult cut = new Simulator(net).runUntilAllFired(in, 2);
            assertArrayEquals(full.firstSpikeTimes(2), cut.firstSpikeTimes(2), 0.0);
            SpikeTimeLoss loss = new TtfsCrossEntropy(0.003, 0.01, 0.005);
            Gradients a = new EventProp().compute(full, 2, loss, 0);
            Gradients b = new EventProp().compute(cut, 2, loss, 0);
            assertEquals(a.loss(), b.loss(), 0.0);
            for (int p = 0; p < net.projections().size(); p++) {
                assertArrayEquals(a.weights(p), b.weights(p), 0.0, "seed " + seed + " projection " + p);
                assertEquals(a.delay(p), b.delay(p), 0.0);
            }
            assertArrayEquals(a.inputTimes(0), b.inputTimes(0), 0.0);
        });
    }

    /**
     * Batches on {@link ForwardPass#firingOverWindow} (records that stop early and tell which
     * neurons fired later) give the same bits as on whole-window records: loss, predictions,
     * weight and delay gradients (Fast and Deep on single-spike networks, EventProp on others),
     * and each neuron's firing count, which differs from that of the records alone.
     */
    @Test
    void batchesCountingFiringOverTheWindowEqualWholeWindowBatchesBitForBit() {
        AtomicInteger firingAfterTheStops = new AtomicInteger();
        qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            boolean singleSpike = Math.floorMod(seed, 2L) == 0;
            Network net = RandomNetworks.feedForward(seed, singleSpike);
            int n = 9;
            SpikeTrains[] inputs = GradientTestRuns.boundedInputs(net, seed, n);
            if (inputs == null) {
                return;
            }
            int[] labels = GradientTestRuns.cyclicLabels(net, n);
            int[] samples = IntStream.range(0, n).toArray();
            Supplier<GradientMethod> method = singleSpike ? FastAndDeep::new : EventProp::new;
            SpikeTimeLoss loss = new TtfsCrossEntropy(0.003, 0.01, 0.005);
            BatchResult whole = batch(net, inputs, labels, samples, loss, method, ForwardPass.software().wholeWindow());
            BatchResult early = batch(net, inputs, labels, samples, loss, method,
                    ForwardPass.software().firingOverWindow());
            BatchResult recordsOnly = batch(net, inputs, labels, samples, loss, method, ForwardPass.software());
            assertEquals(Double.doubleToLongBits(whole.meanLoss()), Double.doubleToLongBits(early.meanLoss()));
            assertEquals(whole.correct(), early.correct());
            for (int p = 0; p < net.projections().size(); p++) {
                assertBits(seed, whole.meanWeightGradients()[p], early.meanWeightGradients()[p]);
                assertBits(seed, whole.meanDelayGradients()[p], early.meanDelayGradients()[p]);
            }
            boolean differs = false;
            for (int g = 0; g < net.neuronCount(); g++) {
                assertEquals(whole.firingSamples(g), early.firingSamples(g), "seed " + seed + " neuron " + g);
                differs |= recordsOnly.firingSamples(g) != early.firingSamples(g);
            }
            firingAfterTheStops.addAndGet(differs ? 1 : 0);
        });
        assertTrue(firingAfterTheStops.get() > 30, "batches with neurons firing only after a stop: "
                + firingAfterTheStops.get());
    }

    private static BatchResult batch(Network net, SpikeTrains[] inputs, int[] labels, int[] samples,
                                     SpikeTimeLoss loss, Supplier<GradientMethod> method, ForwardPass pass) {
        try (BatchGradients b = new BatchGradients(2, method, pass).withDelayGradients()) {
            return b.run(net, inputs, labels, samples, 2, loss);
        }
    }

    /** Equal to the bit. */
    private static void assertBits(long seed, double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Double.doubleToLongBits(expected[i]), Double.doubleToLongBits(actual[i]),
                    "seed " + seed + " synapse " + i);
        }
    }
}
