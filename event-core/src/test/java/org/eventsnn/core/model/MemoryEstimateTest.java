package org.eventsnn.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What a stored synapse takes: {@link Projection#storedBytes} adds up the arrays the storage
 * really holds (sizes worked out here from the encodings the values allow), and
 * {@link MemoryEstimate#BYTES_PER_SYNAPSE} is never below what a built random projection keeps.
 */
class MemoryEstimateTest {
    private static final NeuronParameters PARAMS = NeuronParameters.builder().build();

    private static Projection random(int sources, int targets, double probability) {
        return Network.builder().add(Population.input("in", sources)).add(Population.lif("out", targets, PARAMS))
                .connectRandom("in", "out", null, 0.001, new Projection.RandomConnectivity(probability, 0.5, 3))
                .build().projection(0);
    }

    @Test
    void aRandomSynapseKeepsItsTargetOnly() {
        for (int targets : new int[] {1, 1000, 1 << 16, (1 << 16) + 1}) {
            Projection pr = random(50, targets, Math.min(1, 200.0 / targets));
            int n = pr.synapseCount();
            assertTrue(n > 0);
            int targetBytes = targets <= 1 << 16 ? 2 : 4;
            assertEquals(4L * 51 + (long) targetBytes * n, pr.storedBytes(), "targets " + targets);
            assertTrue(targetBytes <= MemoryEstimate.BYTES_PER_SYNAPSE, "the estimate covers what is kept");
            pr.weights(); // the synapse order is the row order: nothing more is made
            pr.post(n - 1);
            assertEquals(4L * 51 + (long) targetBytes * n, pr.storedBytes(), "targets " + targets);
        }
    }

    @Test
    void storedBytesAddUpTheArraysOfEveryEncoding() {
        SplittableRandom r = new SplittableRandom(5);
        int sources = 30;
        int targets = 200;
        int n = sources * targets;
        double[][] w = new double[sources][targets];
        double[][] d = new double[sources][targets];
        double[] grid = {0.0005, 0.001, 0.0015};
        for (int i = 0; i < sources; i++) {
            for (int j = 0; j < targets; j++) {
                w[i][j] = (float) r.nextDouble(-1, 1); // exactly floats: 4 bytes
                d[i][j] = grid[r.nextInt(3)]; // three values: a 1-byte index and a table of 3
            }
        }
        Projection pr = Network.builder().add(Population.input("in", sources)).add(Population.lif("out", targets, PARAMS))
                .connectDense("in", "out", null, d, w).build().projection(0);
        // rows sorted by delay, synapses numbered by target: the map follows from the targets
        long rows = 4L * (sources + 1);
        long kept = rows + 2L * n + 4L * n + (n + 8 * 3);
        assertEquals(kept, pr.storedBytes());
        assertEquals("targets 2 B, weights FLOAT, delays TABLE8, order by target", pr.storage());
        pr.rowSynapse(0); // gradients need the map: made now, 2 bytes (rows of 200 move slots by up to 199)
        assertEquals(kept + 2L * n, pr.storedBytes());
        pr.weight(0); // the synapse-order accessors need its inverse
        assertEquals(kept + 4L * n, pr.storedBytes());

        double[][] any = new double[sources][targets];
        for (int i = 0; i < sources; i++) {
            for (int j = 0; j < targets; j++) {
                any[i][j] = r.nextDouble(-1, 1); // not floats: 8 bytes
            }
        }
        Projection doubles = Network.builder().add(Population.input("in", sources))
                .add(Population.lif("out", targets, PARAMS)).connectDense("in", "out", null, 0.001, any).build()
                .projection(0);
        assertEquals(rows + 2L * n + 8L * n, doubles.storedBytes());
        assertEquals("targets 2 B, weights DOUBLE, delays one, order 0 B", doubles.storage());
    }
}
