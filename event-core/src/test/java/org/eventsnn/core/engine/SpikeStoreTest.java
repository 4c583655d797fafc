package org.eventsnn.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpikeStoreTest {
    /**
     * Sorting a list of spikes gives the queue's order (time, neuron, order found), whatever the
     * list: lengths from 0 to a few hundred, random orders and presorted runs, equal times, times a
     * few ulps apart (in one bucket of the counting pass), 0, -0 and huge times (which crowd the
     * others into one bucket, so that the merge sort takes over).
     */
    @Test
    void sortingGivesTheQueuesOrder() {
        qt().withExamples(3000).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            SpikeStore store = new SpikeStore();
            IdList ids = new IdList();
            for (int pass = 0; pass < 2; pass++) { // the second pass reuses the grown buffers
                store.clear();
                ids.clear();
                int n = r.nextInt(4) == 0 ? r.nextInt(300) : r.nextInt(20);
                double base = r.nextDouble(0, 0.05);
                double last = base;
                for (int i = 0; i < n; i++) {
                    ids.add(store.add(time(r, base, last), r.nextInt(6), 0, -1));
                    last = store.time(i);
                }
                Integer[] expected = new Integer[n];
                for (int i = 0; i < n; i++) {
                    expected[i] = ids.get(i);
                }
                Arrays.sort(expected, store::compare);
                store.sort(ids);
                int[] got = Arrays.copyOf(ids.array(), n);
                assertArrayEquals(Arrays.stream(expected).mapToInt(Integer::intValue).toArray(), got, "seed " + seed);
            }
        });
    }

    private static double time(SplittableRandom r, double base, double last) {
        switch (r.nextInt(8)) {
            case 0:
                return last; // equal to the one before
            case 1:
                return last + r.nextInt(-3, 4) * Math.ulp(last); // a few ulps apart
            case 2:
                return r.nextBoolean() ? 0.0 : -0.0;
            case 3:
                return last + r.nextDouble(0, 1e-3); // a presorted run
            case 4:
                return r.nextDouble(0, 1e300);
            default:
                return base + r.nextDouble(0, 0.02);
        }
    }
}
