package org.eventsnn.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The single queue's neuron events, far checks waiting in buckets ({@link NeuronEventQueue}), pop
 * what the plain binary heap ({@link NeuronEventHeap}) pops, in the same order, under random
 * schedules (checks and other kinds, often rescheduled, at many equal times, earlier and later
 * than the horizon), removals and pops, with rings small enough that checks overflow them. Most
 * reschedules move a check later by up to a few buckets, which leaves it waiting in an earlier
 * bucket than its own until that bucket is taken.
 */
class NeuronEventQueueTest {
    @Test
    void popsAsThePlainHeap() {
        for (double width : new double[] {Double.POSITIVE_INFINITY, 0.3, 0.07, 2.0}) {
            check(width);
        }
    }

    /**
     * Buckets so narrow that {@code t / width} passes 2^63 (tauMem of 1e-300 s), or whose
     * inverse is infinite: the index once saturated at Long.MAX_VALUE and the horizon wrapped
     * past it, so that a simulation looped for ever.
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void bucketsWhoseIndexWouldPassTheLongRangePopAsThePlainHeap() {
        check(1e-300);
        check(1e-310);
    }

    private static void check(double width) {
        qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int n = 1 + r.nextInt(60);
            NeuronEventHeap expected = new NeuronEventHeap(n);
            NeuronEventQueue got = new NeuronEventQueue(n, width, 2 + r.nextInt(3));
            double now = 0;
            for (int op = 0; op < 3000; op++) {
                int choice = r.nextInt(10);
                int g = r.nextInt(n);
                if (choice < 6) {
                    // mostly checks, at or after the last pop (as the simulator schedules), some anywhere
                    double t = r.nextInt(4) == 0 ? r.nextInt(16) * 0.25 : now + r.nextInt(24) * 0.125;
                    int kind = r.nextInt(3) == 0 ? r.nextInt(4) : QuaternaryEventHeap.CHECK;
                    expected.schedule(g, t, kind);
                    got.schedule(g, t, kind);
                } else if (choice < 7) {
                    expected.remove(g);
                    got.remove(g);
                } else if (!expected.isEmpty()) {
                    assertEquals(false, got.isEmpty(), "seed " + seed + ", op " + op);
                    int top = expected.top();
                    assertEquals(top, got.top(), "seed " + seed + ", op " + op);
                    assertEquals(expected.time(top), got.topTime());
                    assertEquals(expected.kind(top), got.topKind());
                    now = got.topTime();
                    expected.remove(top);
                    got.remove(top);
                }
                assertEquals(expected.isEmpty(), got.isEmpty(), "seed " + seed + ", op " + op);
                assertEquals(expected.hasSpikePending(g), got.hasSpikePending(g));
            }
            got.clear();
            assertEquals(true, got.isEmpty());
        });
    }
}
