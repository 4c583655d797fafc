package org.eventsnn.gradients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.Projection;
import org.eventsnn.core.model.RandomNetworks;
import org.junit.jupiter.api.Test;

/**
 * A batch sum's gradient limit against its definition: a sample's gradients into a neuron are
 * left out when the largest of them in magnitude, taken with {@link Math#max} (so NaN once any
 * is NaN), divided by the batch size exceeds the limit; the means are the same bits as summing
 * the kept gradients in sample order.
 */
class BatchSumTest {
    @Test
    void droppedNeuronsAndMeansFollowTheLargestGradientIntoEachNeuron() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            Network net = RandomNetworks.feedForward(rnd.nextLong(), true);
            int n = 1 + rnd.nextInt(6);
            double limit = 0.5;
            BatchSum sum = new BatchSum(net, n, true, false, limit);
            double[][] expected = new double[net.projections().size()][];
            for (int p = 0; p < expected.length; p++) {
                expected[p] = new double[net.projection(p).synapseCount()];
            }
            int dropped = 0;
            for (int i = 0; i < n; i++) {
                double[][] w = new double[expected.length][];
                double[] largestInto = new double[net.neuronCount()];
                for (int p = 0; p < w.length; p++) {
                    Projection pr = net.projection(p);
                    w[p] = new double[pr.synapseCount()];
                    for (int s = 0; s < w[p].length; s++) {
                        int kind = rnd.nextInt(60);
                        w[p][s] = kind == 0 ? Double.NaN : kind == 1 ? limit * n * (1 + rnd.nextDouble())
                                : kind == 2 ? limit * n : (rnd.nextDouble() - 0.5) * limit * n;
                        int post = net.offset(pr.target()) + pr.post(s);
                        largestInto[post] = Math.max(largestInto[post], Math.abs(w[p][s]));
                    }
                }
                for (double m : largestInto) {
                    dropped += m > limit * n ? 1 : 0;
                }
                for (int p = 0; p < w.length; p++) {
                    Projection pr = net.projection(p);
                    for (int s = 0; s < w[p].length; s++) {
                        if (!(largestInto[net.offset(pr.target()) + pr.post(s)] > limit * n)) {
                            expected[p][s] += w[p][s];
                        }
                    }
                }
                Gradients g = new Gradients(0, w, new double[w.length], null, new double[0][]);
                sum.add(new BatchGradients.SampleResult(new double[0], new boolean[net.neuronCount()], 0, 0, g, 0));
            }
            BatchResult r = sum.result();
            assertEquals(dropped, r.droppedNeuronGradients());
            for (int p = 0; p < expected.length; p++) {
                for (int s = 0; s < expected[p].length; s++) {
                    assertEquals(Double.doubleToLongBits(expected[p][s] / n),
                            Double.doubleToLongBits(r.meanWeightGradients()[p][s]), "projection " + p + " synapse " + s);
                }
            }
        });
    }
}
