package org.eventsnn.gradients;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.RandomNetworks;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeTrains;
import org.junit.jupiter.api.Test;

/**
 * Batches without gradients (evaluation) run for spikes only, without the event log; their
 * losses, predictions, first spikes and firing counts are those of logging runs, bit for bit,
 * for first-spike and all-spike losses and with firing counted over the window.
 */
class SpikesOnlyBatchesTest {
    @Test
    void batchesWithoutGradientsEqualThoseOfLoggingRunsBitForBit() {
        AtomicInteger unlogged = new AtomicInteger();
        qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            Network net = Math.floorMod(seed, 3L) == 0 ? RandomNetworks.network(seed)
                    : RandomNetworks.feedForward(seed, Math.floorMod(seed, 3L) == 1);
            int n = 7;
            SpikeTrains[] inputs = GradientTestRuns.boundedInputs(net, seed, n);
            if (inputs == null) {
                return;
            }
            int[] labels = GradientTestRuns.cyclicLabels(net, n);
            int[] samples = IntStream.range(0, n).toArray();
            SpikeTimeLoss first = new TtfsCrossEntropy(0.003, 0.01, 0.005);
            SpikeTrainLoss all = new SpikeCountCrossEntropy(0.005, 0.002, 1);
            ForwardPass software = ForwardPass.software();
            ForwardPass logging = loggingOnly(software);
            SimulationResult probe = software.runSpikesOnly(net, inputs[0], 0, 2);
            unlogged.addAndGet(probe.record().hasEventLog() ? 0 : 1);
            assertSameBatch(seed, net, batch(net, inputs, labels, samples, first, logging),
                    batch(net, inputs, labels, samples, first, software));
            assertSameBatch(seed, net, batch(net, inputs, labels, samples, first, logging.firingOverWindow()),
                    batch(net, inputs, labels, samples, first, software.firingOverWindow()));
            assertSameBatch(seed, net, batchAll(net, inputs, labels, samples, all, logging),
                    batchAll(net, inputs, labels, samples, all, software));
        });
        assertTrue(unlogged.get() > 80, "batches run without the event log: " + unlogged.get());
    }

    @Test
    void gradientMethodsRefuseARecordOfSpikesOnly() {
        Network net = RandomNetworks.feedForward(4, true);
        SimulationResult r = ForwardPass.software().runSpikesOnly(net, RandomNetworks.input(4, net), 0, 2);
        assertFalse(r.record().hasEventLog());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> new FastAndDeep().compute(r, 2, new TtfsCrossEntropy(0.003, 0.01, 0.005), 0));
    }

    /** {@code inner} with every run logging (the default {@link ForwardPass#runSpikesOnly}). */
    private static ForwardPass loggingOnly(ForwardPass inner) {
        return new ForwardPass() {
            @Override
            public SimulationResult run(Network model, SpikeTrains input, int sample, int firstSpikesOf) {
                SimulationResult r = inner.run(model, input, sample, firstSpikesOf);
                assertTrue(r.record().hasEventLog());
                return r;
            }

            @Override
            public void recycle(SimulationResult done) {
                inner.recycle(done);
            }

            @Override
            public ForwardPass firingOverWindow() {
                return new WindowFiringPass(this, true);
            }
        };
    }

    private static BatchResult batch(Network net, SpikeTrains[] inputs, int[] labels, int[] samples,
                                     SpikeTimeLoss loss, ForwardPass pass) {
        try (BatchGradients b = new BatchGradients(2, EventProp::new, pass)) {
            return b.run(net, inputs, labels, samples, 2, loss, false);
        }
    }

    private static BatchResult batchAll(Network net, SpikeTrains[] inputs, int[] labels, int[] samples,
                                        SpikeTrainLoss loss, ForwardPass pass) {
        try (BatchGradients b = new BatchGradients(2, EventProp::new, pass)) {
            return b.run(net, inputs, labels, samples, 2, loss, false);
        }
    }

    private static void assertSameBatch(long seed, Network net, BatchResult expected, BatchResult actual) {
        String where = "seed " + seed;
        assertEquals(Double.doubleToLongBits(expected.meanLoss()), Double.doubleToLongBits(actual.meanLoss()),
                where + ": loss");
        assertEquals(expected.correct(), actual.correct(), where);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.prediction(i), actual.prediction(i), where + ": prediction " + i);
            assertArrayEquals(expected.firstSpikes(i), actual.firstSpikes(i), 0.0, where + ": first spikes " + i);
        }
        for (int g = 0; g < net.neuronCount(); g++) {
            assertEquals(expected.firingSamples(g), actual.firingSamples(g), where + ": firing of neuron " + g);
        }
    }
}
