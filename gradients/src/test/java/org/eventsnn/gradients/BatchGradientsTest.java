package org.eventsnn.gradients;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.RandomNetworks;
import org.eventsnn.core.engine.SimulationLimitException;
import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeTrains;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchGradientsTest {
    @Test
    void resultIsBitIdenticalForAnyThreadCountAndEqualsTheMeanOfSamples() {
        qt().withExamples(25).forAll(longs().all()).checkAssert(seed -> {
            Network net = RandomNetworks.feedForward(seed, false);
            int n = 17;
            SpikeTrains[] inputs = GradientTestRuns.boundedInputs(net, seed, n);
            if (inputs == null) {
                return;
            }
            int[] labels = GradientTestRuns.cyclicLabels(net, n);
            int[] order = IntStream.range(0, n).map(i -> n - 1 - i).toArray();
            SpikeTimeLoss loss = new TtfsCrossEntropy(0.002);
            BatchResult one;
            try (BatchGradients b = new BatchGradients(1, EventProp::new)) {
                one = b.run(net, inputs, labels, order, 2, loss);
            }
            for (int threads : new int[] {2, 3, 5}) {
                try (BatchGradients b = new BatchGradients(threads, EventProp::new)) {
                    BatchResult many = b.run(net, inputs, labels, order, 2, loss);
                    assertEquals(Double.doubleToLongBits(one.meanLoss()), Double.doubleToLongBits(many.meanLoss()));
                    for (int p = 0; p < net.projections().size(); p++) {
                        assertArrayEquals(one.meanWeightGradients()[p], many.meanWeightGradients()[p], 0.0);
                    }
                }
            }
            double[] sum = new double[net.projection(0).synapseCount()];
            for (int i : order) {
                Gradients g = new EventProp().compute(new Simulator(net).run(inputs[i]), 2, loss, labels[i]);
                for (int s = 0; s < sum.length; s++) {
                    sum[s] += g.weights(0)[s];
                }
            }
            for (int s = 0; s < sum.length; s++) {
                assertEquals(sum[s] / n, one.meanWeightGradients()[0][s], 1e-12 * Math.abs(sum[s]) + 1e-300);
            }
        });
    }

    /**
     * A method told to leave out per-synapse delay gradients returns none, and every other
     * gradient to the bit as before, sample after sample (its buffers are reused); batches
     * without delay gradients use such methods and sum the same weight gradients.
     */
    @Test
    void leavingOutSynapseDelayGradientsChangesNoOtherBit() {
        qt().withExamples(100).forAll(longs().all()).checkAssert(seed -> {
            boolean singleSpike = Math.floorMod(seed, 2L) == 0;
            Network net = RandomNetworks.feedForward(seed, singleSpike);
            GradientMethod full = singleSpike ? new FastAndDeep() : new EventProp();
            GradientMethod lean = (singleSpike ? new FastAndDeep() : new EventProp()).withoutSynapseDelayGradients();
            SpikeTimeLoss loss = new TtfsCrossEntropy(0.003, 0.01, 0.005);
            for (int i = 0; i < 3; i++) {
                SimulationResult r;
                try {
                    r = new Simulator(net, 20_000).run(RandomNetworks.input(seed + 7L * i, net));
                } catch (SimulationLimitException e) {
                    return;
                }
                Gradients a = full.compute(r, 2, loss, i % net.population(2).size());
                Gradients b = lean.compute(r, 2, loss, i % net.population(2).size());
                assertEquals(Double.doubleToLongBits(a.loss()), Double.doubleToLongBits(b.loss()));
                for (int p = 0; p < net.projections().size(); p++) {
                    assertArrayEquals(bits(a.weights(p)), bits(b.weights(p)), "seed " + seed + " projection " + p);
                    assertEquals(Double.doubleToLongBits(a.delay(p)), Double.doubleToLongBits(b.delay(p)));
                    assertEquals(net.projection(p).synapseCount(), a.delays(p).length);
                    assertNull(b.delays(p));
                }
                for (int p = 0; p < net.populations().size(); p++) {
                    assertArrayEquals(bits(a.inputTimes(p)), bits(b.inputTimes(p)));
                }
            }
        });
    }

    /**
     * A batch gives each summed sample's weight gradients back to its method, which reuses the
     * arrays for later samples and batches: every batch's mean is still, to the bit, that of
     * fresh per-sample gradients summed in sample order, on any thread count.
     */
    @Test
    void reusedWeightGradientArraysSumTheBitsOfFreshOnes() {
        qt().withExamples(40).forAll(longs().all()).checkAssert(seed -> {
            boolean singleSpike = Math.floorMod(seed, 2L) == 0;
            Network net = RandomNetworks.feedForward(seed, singleSpike);
            int n = 9;
            SpikeTrains[] inputs = GradientTestRuns.boundedInputs(net, seed, n);
            if (inputs == null) {
                return;
            }
            int[] labels = GradientTestRuns.cyclicLabels(net, n);
            SpikeTimeLoss loss = new TtfsCrossEntropy(0.003, 0.01, 0.005);
            java.util.function.Supplier<GradientMethod> methods = singleSpike ? FastAndDeep::new : EventProp::new;
            int[][] batches = {IntStream.range(0, n).toArray(), IntStream.range(0, n).map(i -> n - 1 - i).toArray(),
                IntStream.range(0, n).map(i -> (4 * i) % n).toArray()};
            for (int threads : new int[] {1, 2}) {
                try (BatchGradients b = new BatchGradients(threads, methods)) {
                    for (int[] order : batches) {
                        BatchResult batch;
                        try {
                            batch = b.run(net, inputs, labels, order, 2, loss);
                        } catch (IllegalArgumentException e) {
                            return; // a neuron fired twice: outside Fast and Deep's assumptions
                        }
                        double[][] sum = new double[net.projections().size()][];
                        for (int p = 0; p < sum.length; p++) {
                            sum[p] = new double[net.projection(p).synapseCount()];
                        }
                        for (int i : order) {
                            Gradients g = methods.get().compute(GradientTestRuns.simulate(net, inputs[i]), 2, loss,
                                    labels[i]);
                            for (int p = 0; p < sum.length; p++) {
                                for (int s = 0; s < sum[p].length; s++) {
                                    sum[p][s] += g.weights(p)[s];
                                }
                            }
                        }
                        for (int p = 0; p < sum.length; p++) {
                            for (int s = 0; s < sum[p].length; s++) {
                                sum[p][s] /= n;
                            }
                            assertArrayEquals(bits(sum[p]), bits(batch.meanWeightGradients()[p]),
                                    "seed " + seed + " threads " + threads + " projection " + p);
                        }
                    }
                }
            }
        });
    }

    private static long[] bits(double[] x) {
        long[] b = new long[x.length];
        for (int i = 0; i < x.length; i++) {
            b[i] = Double.doubleToLongBits(x[i]);
        }
        return b;
    }

    @Test
    void delayGradientsCannotBeAskedForAfterTheFirstBatch() {
        Network net = RandomNetworks.feedForward(3, false);
        SpikeTrains[] inputs = {RandomNetworks.input(5, net)};
        try (BatchGradients b = new BatchGradients(1, EventProp::new)) {
            b.run(net, inputs, new int[] {0}, new int[] {0}, 2, new TtfsCrossEntropy(0.002));
            assertThrows(IllegalStateException.class, b::withDelayGradients);
        }
    }

    @Test
    void largeNeuronGradientsOfASampleAreLeftOutOfTheMean() {
        qt().withExamples(25).forAll(longs().all()).checkAssert(seed -> {
            // half with a delay per synapse: rows reordered by delay, slots no longer in synapse order
            Network net = (seed & 1) == 0 ? RandomNetworks.withSynapseDelays(seed, RandomNetworks.feedForward(seed, false))
                    : RandomNetworks.feedForward(seed, false);
            int n = 12;
            SpikeTrains[] inputs = new SpikeTrains[n];
            int[] labels = new int[n];
            int[] all = new int[n];
            Gradients[] each = new Gradients[n];
            SpikeTimeLoss loss = new TtfsCrossEntropy(0.002);
            double largest = 0;
            try {
                for (int i = 0; i < n; i++) {
                    inputs[i] = RandomNetworks.input(seed + 17L * i, net);
                    labels[i] = i % net.population(2).size();
                    all[i] = i;
                    each[i] = new EventProp().compute(new Simulator(net, 20_000).run(inputs[i]), 2, loss, labels[i]);
                    for (int p = 0; p < net.projections().size(); p++) {
                        for (double g : each[i].weights(p)) {
                            largest = Math.max(largest, Math.abs(g));
                        }
                    }
                }
            } catch (SimulationLimitException e) {
                return;
            }
            if (largest == 0) {
                return;
            }
            double limit = largest / n / 3; // drops the largest neuron gradients, keeps smaller ones
            // expected: per sample, the neurons whose largest incoming |dL/dw| / n exceeds the limit are left out
            double[][] sum = new double[net.projections().size()][];
            double[][] delaySum = new double[net.projections().size()][];
            int dropped = 0;
            for (int i = 0; i < n; i++) {
                double[] largestInto = new double[net.neuronCount()];
                for (int p = 0; p < sum.length; p++) {
                    var pr = net.projection(p);
                    for (int s = 0; s < pr.synapseCount(); s++) {
                        int post = net.offset(pr.target()) + pr.post(s);
                        largestInto[post] = Math.max(largestInto[post], Math.abs(each[i].weights(p)[s]));
                    }
                }
                for (double m : largestInto) {
                    dropped += m / n > limit ? 1 : 0;
                }
                for (int p = 0; p < sum.length; p++) {
                    var pr = net.projection(p);
                    sum[p] = sum[p] == null ? new double[pr.synapseCount()] : sum[p];
                    delaySum[p] = delaySum[p] == null ? new double[pr.synapseCount()] : delaySum[p];
                    for (int s = 0; s < pr.synapseCount(); s++) {
                        if (largestInto[net.offset(pr.target()) + pr.post(s)] / n <= limit) {
                            sum[p][s] += each[i].weights(p)[s];
                            delaySum[p][s] += each[i].delays(p)[s];
                        }
                    }
                }
            }
            for (int threads : new int[] {1, 3}) {
                try (BatchGradients b = new BatchGradients(threads, EventProp::new).dropLargeNeuronGradients(limit)
                        .withDelayGradients()) {
                    BatchResult r = b.run(net, inputs, labels, all, 2, loss);
                    assertEquals(dropped, r.droppedNeuronGradients());
                    org.junit.jupiter.api.Assertions.assertTrue(dropped > 0, "the limit should drop some");
                    for (int p = 0; p < sum.length; p++) {
                        for (int s = 0; s < sum[p].length; s++) {
                            assertEquals(sum[p][s] / n, r.meanWeightGradients()[p][s],
                                    1e-12 * Math.abs(sum[p][s]) + 1e-300, "projection " + p + " synapse " + s);
                            assertEquals(delaySum[p][s] / n, r.meanDelayGradients()[p][s],
                                    1e-12 * Math.abs(delaySum[p][s]) + 1e-300, "delay, projection " + p + " synapse " + s);
                        }
                    }
                }
            }
        });
    }

    @Test
    void aFailingSampleFailsTheBatchWithItsOwnErrorAndLeavesTheRunnerUsable() {
        Network net = RandomNetworks.feedForward(3, false);
        int n = 40;
        SpikeTrains[] inputs = new SpikeTrains[n];
        int[] labels = new int[n];
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            inputs[i] = RandomNetworks.input(100 + i, net);
            all[i] = i;
        }
        int[] failing = {-1};
        ForwardPass pass = (model, input, sample, firstSpikesOf) -> {
            if (sample == failing[0]) {
                throw new IllegalArgumentException("sample " + sample + " is broken");
            }
            return new Simulator(model).run(input);
        };
        SpikeTimeLoss loss = new TtfsCrossEntropy(0.002);
        for (int threads : new int[] {1, 2, 3}) {
            try (BatchGradients b = new BatchGradients(threads, EventProp::new, pass)) {
                for (int bad : new int[] {0, 17, n - 1}) {
                    failing[0] = bad;
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> b.run(net, inputs, labels, all, 2, loss));
                    assertEquals("sample " + bad + " is broken", e.getMessage());
                }
                failing[0] = -1;
                assertEquals(n, b.run(net, inputs, labels, all, 2, loss).size());
            }
        }
    }
}
