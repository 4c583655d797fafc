package org.eventsnn.core.engine;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.PoissonDrive;
import org.eventsnn.core.model.Population;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;

class PartitionBoundsTest {
    /**
     * On random networks and thread counts the blocks cover every neuron once, in order, none
     * empty; each inner bound sits where the expected events reach its share, within one
     * neuron's weight, unless it was moved to keep its neighbours non-empty.
     */
    @Test
    void blocksCoverTheNeuronsWithEqualSharesOfTheExpectedEvents() {
        qt().withExamples(300).forAll(longs().all(), integers().between(1, 6)).checkAssert((seed, threads) -> {
            Network net = ParallelSimulatorTest.delayed(seed);
            int parts = Math.min(threads, net.neuronCount());
            int[] bounds = PartitionBounds.split(net, parts);
            assertEquals(parts + 1, bounds.length);
            assertEquals(0, bounds[0]);
            assertEquals(net.neuronCount(), bounds[parts]);
            double[] perNeuron = PartitionBounds.expectedEventsPerNeuron(net);
            double total = 0;
            double largest = 0;
            for (int g = 0; g < net.neuronCount(); g++) {
                total += perNeuron[net.populationOf(g)];
                largest = Math.max(largest, perNeuron[net.populationOf(g)]);
            }
            for (int q = 1; q <= parts; q++) {
                assertTrue(bounds[q] > bounds[q - 1], "empty block " + q + " seed " + seed);
            }
            for (int q = 1; q < parts; q++) {
                double before = 0;
                for (int g = 0; g < bounds[q]; g++) {
                    before += perNeuron[net.populationOf(g)];
                }
                boolean forced = bounds[q] == bounds[q - 1] + 1 || bounds[q] == net.neuronCount() - (parts - q);
                assertTrue(forced || Math.abs(before - total * q / parts) <= largest + 1e-9 * total,
                        "bound " + q + " at " + bounds[q] + " seed " + seed);
            }
        });
    }

    /**
     * The block table holds, per 64 neurons, the partition owning the block's first neuron, so
     * that moving up from it finds every neuron's partition; on random bounds, many blocks small.
     */
    @Test
    void blockOwnersLeadToEveryNeuronsPartition() {
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
            int n = 1 + r.nextInt(2000);
            int parts = 1 + r.nextInt(Math.min(n, 40));
            int[] bounds = new int[parts + 1];
            bounds[parts] = n;
            int[] cuts = r.ints(parts - 1L, 1, Math.max(2, n)).sorted().toArray();
            for (int q = 1; q < parts; q++) {
                bounds[q] = Math.min(Math.max(cuts[q - 1], bounds[q - 1] + 1), n - (parts - q));
            }
            int[] owner = Partition.ownersOfBlocks(bounds);
            for (int g = 0; g < n; g++) {
                assertEquals(firstOwning(bounds, g & ~63), owner[g >>> 6], "block of neuron " + g);
                int q = owner[g >>> 6];
                while (g >= bounds[q + 1]) {
                    q++;
                }
                assertTrue(bounds[q] <= g && g < bounds[q + 1], "neuron " + g + " seed " + seed);
            }
        });
    }

    private static int firstOwning(int[] bounds, int g) {
        int q = 0;
        while (g >= bounds[q + 1]) {
            q++;
        }
        return q;
    }

    /**
     * Two populations of 100 neurons, the second with Poisson drive 9 times the first's expected
     * input (a dense self-projection, in-degree 100): half the events lie before neuron 145, so
     * the first of two blocks takes all of the first population and 45 of the second.
     */
    @Test
    void drivenNeuronsWeighMore() {
        NeuronParameters p = NeuronParameters.builder().build();
        double quiet = 1 + 100 * PartitionBounds.NOMINAL_RATE;
        double[][] dense = new double[100][100];
        for (double[] row : dense) {
            java.util.Arrays.fill(row, 0.1);
        }
        Network net = Network.builder().add(Population.lif("a", 100, p))
                .add(Population.lif("b", 100, p).withPoisson(new PoissonDrive(9 * quiet - 1, 1.0, 0, 1)))
                .connectDense("a", "a", p.receptorName(0), 0.001, dense).build();
        double[] perNeuron = PartitionBounds.expectedEventsPerNeuron(net);
        assertEquals(9 * perNeuron[0], perNeuron[1], 1e-9 * perNeuron[1]);
        assertArrayEquals(new int[] {0, 100 + 45, 200}, PartitionBounds.split(net, 2));
    }
}
