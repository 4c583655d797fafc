package org.eventsnn.gradients;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import org.eventsnn.core.engine.SimulationLimitException;
import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.RandomNetworks;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeTrains;
import org.junit.jupiter.api.Test;

/** Batches of a loss on every output spike: thread-count independent, the mean of the samples, the loss's predictions. */
class BatchAllSpikesTest {
    @Test
    void recurrentBatchesAreBitIdenticalForAnyThreadCountAndPredictByTheLoss() {
        qt().withExamples(20).forAll(longs().all()).checkAssert(seed -> {
            Network net = RandomNetworks.network(seed);
            int n = 13;
            SpikeTrains[] inputs = new SpikeTrains[n];
            int[] labels = new int[n];
            int[] order = new int[n];
            SimulationResult[] runs = new SimulationResult[n];
            try {
                for (int i = 0; i < n; i++) {
                    inputs[i] = RandomNetworks.input(seed + 31L * i, net);
                    labels[i] = i % net.population(2).size();
                    order[i] = n - 1 - i;
                    runs[i] = new Simulator(net, 20_000).run(inputs[i]);
                }
            } catch (SimulationLimitException e) {
                return;
            }
            SpikeCountCrossEntropy loss = new SpikeCountCrossEntropy(0.005, 0.002, 1);
            // the silent-label penalty where maxima are supported (not tauSyn == tauMem with two receptors)
            double penalty = supportsMaxima(net) ? 0.5 : 0;
            BatchResult one;
            try (BatchGradients b = new BatchGradients(1, () -> new EventProp(penalty))) {
                one = b.run(net, inputs, labels, order, 2, loss, true);
            }
            try (BatchGradients b = new BatchGradients(3, () -> new EventProp(penalty))) {
                BatchResult many = b.run(net, inputs, labels, order, 2, loss, true);
                assertEquals(Double.doubleToLongBits(one.meanLoss()), Double.doubleToLongBits(many.meanLoss()));
                for (int p = 0; p < net.projections().size(); p++) {
                    assertArrayEquals(one.meanWeightGradients()[p], many.meanWeightGradients()[p], 0.0);
                }
            }
            double[] sum = new double[net.projection(1).synapseCount()];
            double lossSum = 0;
            for (int k = 0; k < n; k++) {
                int i = order[k];
                Gradients g = new EventProp(penalty).computeAllSpikes(runs[i], 2, loss, labels[i]);
                lossSum += g.loss();
                for (int s = 0; s < sum.length; s++) {
                    sum[s] += g.weights(1)[s];
                }
                assertEquals(loss.predict(new OutputSpikes(runs[i], 2)), one.prediction(k));
            }
            assertEquals(lossSum / n, one.meanLoss(), 1e-12 * Math.abs(lossSum));
            for (int s = 0; s < sum.length; s++) {
                assertEquals(sum[s] / n, one.meanWeightGradients()[1][s], 1e-12 * Math.abs(sum[s]) + 1e-300);
            }
            try (BatchGradients b = new BatchGradients(2, EventProp::new)) {
                BatchResult evaluation = b.run(net, inputs, labels, order, 2, loss, false);
                assertEquals(null, evaluation.meanWeightGradients());
                for (int k = 0; k < n; k++) {
                    assertEquals(one.prediction(k), evaluation.prediction(k));
                }
            }
        });
    }

    private static boolean supportsMaxima(Network net) {
        for (int i = 0; i < net.population(2).size(); i++) {
            var params = net.population(2).params(i);
            for (int k = 0; k < params.receptorCount(); k++) {
                if (params.receptorCount() > 1 && params.receptorTau(k) == params.tauMem()) {
                    return false;
                }
            }
        }
        return true;
    }
}
