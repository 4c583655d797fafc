package org.eventsnn.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link SynapseRow#sortByDelay} gives the order of a stable sort by delay, whatever the delays'
 * spread, and {@link SynapseRow#sortedDelay} the delays in that order.
 */
class SynapseRowTest {
    @Test
    void ordersByDelayThenSynapseNumber() {
        qt().withExamples(400).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            SynapseRow row = new SynapseRow();
            for (int reuse = 0; reuse < 3; reuse++) { // a reused row sorts as a new one
                row.clear();
                int n = r.nextInt(4) == 0 ? r.nextInt(3) : r.nextInt(700);
                int shape = r.nextInt(4);
                double[] d = new double[n];
                for (int k = 0; k < n; k++) {
                    d[k] = switch (shape) {
                        case 0 -> 0.0015 + 0.00075 * r.nextDouble() * r.nextDouble(); // spread
                        case 1 -> 0.0001 * (1 + r.nextInt(4)); // few distinct values: ties
                        case 2 -> r.nextInt(50) == 0 ? 10.0 : 0.001 + 1e-15 * r.nextInt(3); // outliers, near ties
                        default -> 0.002; // one delay
                    };
                    row.add(k, 1.0, d[k]);
                }
                row.sortByDelay();
                int[] expected = IntStream.range(0, n).boxed()
                        .sorted(Comparator.comparingDouble((Integer k) -> d[k])).mapToInt(Integer::intValue).toArray();
                int[] got = IntStream.range(0, n).map(row::sorted).toArray();
                assertArrayEquals(expected, got, "seed " + seed + ", shape " + shape + ", " + n + " synapses");
                double[] delays = IntStream.range(0, n).mapToDouble(k -> d[expected[k]]).toArray();
                assertArrayEquals(delays, IntStream.range(0, n).mapToDouble(row::sortedDelay).toArray(),
                        "seed " + seed + ": sortedDelay(k) is the delay of sorted(k)");
            }
        });
    }
}
