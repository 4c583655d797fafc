package org.eventsnn.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The engines' 4-ary queues pop what the plain binary heaps pop, in the same order, under random
 * operations with many equal times: {@link QuaternaryEventHeap} and {@link TimeQueue} (the drive's) as
 * {@link NeuronEventHeap}, {@link ArrivalQueue} as {@link ArrivalHeap}, with and without
 * {@link TimeBuckets} (rings small enough that entries overflow them and the horizon jumps).
 */
class PartitionQueuesTest {
    @Test
    void quaternaryHeapPopsAsTheNeuronEventHeap() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int n = 1 + r.nextInt(60);
            NeuronEventHeap expected = new NeuronEventHeap(n);
            QuaternaryEventHeap got = new QuaternaryEventHeap(n, n);
            for (int op = 0; op < 2000; op++) {
                int choice = r.nextInt(10);
                int g = r.nextInt(n);
                if (choice < 6) {
                    double t = r.nextInt(8) * 0.25;
                    int kind = r.nextInt(4);
                    expected.schedule(g, t, kind);
                    got.schedule(g, t, kind);
                } else if (choice < 8) {
                    expected.remove(g);
                    got.remove(g);
                } else if (!expected.isEmpty()) {
                    int top = expected.top();
                    assertEquals(top, got.top(), "seed " + seed + ", op " + op);
                    assertEquals(expected.time(top), got.topTime());
                    assertEquals(expected.kind(top), got.topKind());
                    expected.remove(top);
                    got.remove(top);
                }
                assertEquals(expected.isEmpty(), got.isEmpty());
            }
        });
    }

    @Test
    void arrivalQueuePopsAsTheArrivalHeap() {
        checkArrivalQueue(() -> new ArrivalQueue());
    }

    @Test
    void bucketedArrivalQueuesPopAsTheArrivalHeap() {
        checkArrivalQueue(() -> new ArrivalQueue(new TimeBuckets(0.3, 2)));
        checkArrivalQueue(() -> new ArrivalQueue(new TimeBuckets(0.07, 3)));
        checkArrivalQueue(() -> new ArrivalQueue(new TimeBuckets(2.0, 10)));
    }

    /**
     * Buckets so narrow that a time's index {@code time / width} passes 2^63 (a delay of 1e-300 s,
     * or tauMem of 1e-300 s, at 1 ms): the index once saturated at Long.MAX_VALUE and the horizon
     * wrapped past it, so the next push threw "window 0 was taken already" or the queue looped.
     */
    @Test
    void bucketsWhoseIndexWouldPassTheLongRangePopAsTheHeap() {
        checkArrivalQueue(() -> new ArrivalQueue(new TimeBuckets(1e-300, 2)));
        checkArrivalQueue(() -> new ArrivalQueue(new TimeBuckets(Double.MIN_VALUE, 10)));
    }

    @Test
    void timeQueuesPopAsTheNeuronEventHeap() {
        for (double width : new double[] {Double.POSITIVE_INFINITY, 0.3, 0.05, 1e-300}) {
            qt().withExamples(100).forAll(longs().all()).checkAssert(seed -> {
                SplittableRandom r = new SplittableRandom(seed);
                int n = 1 + r.nextInt(40);
                NeuronEventHeap expected = new NeuronEventHeap(n);
                TimeQueue got = new TimeQueue(new TimeBuckets(width, 2), TimeQueue.BY_ID);
                boolean[] pending = new boolean[n];
                double now = 0;
                for (int op = 0; op < 2000; op++) {
                    int g = r.nextInt(n);
                    if (r.nextInt(3) > 0 && !pending[g]) {
                        double t = now + r.nextInt(12) * 0.25 * r.nextInt(3);
                        expected.schedule(g, t, NextEvent.DRIVE);
                        got.push(t, g);
                        pending[g] = true;
                    } else if (!expected.isEmpty()) {
                        int top = expected.top();
                        String where = "width " + width + ", seed " + seed + ", op " + op;
                        assertEquals(top, got.topId(), where);
                        assertEquals(expected.time(top), got.topTime(), where);
                        now = expected.time(top);
                        expected.remove(top);
                        got.pop();
                        pending[top] = false;
                    }
                    assertEquals(expected.isEmpty(), got.isEmpty());
                }
            });
        }
    }

    /** Random pushes (at and after the last pop's time, some before it) and pops, against the binary heap. */
    private static void checkArrivalQueue(java.util.function.Supplier<ArrivalQueue> queues) {
        qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            ArrivalHeap expected = new ArrivalHeap();
            ArrivalQueue got = queues.get();
            if (r.nextBoolean()) { // a reused queue starts as a new one
                got.push(3.0, 1, 0, -1);
                got.clear();
            }
            int spikes = 0;
            double now = 0;
            java.util.Set<String> keys = new java.util.HashSet<>(); // the engine never pushes one key twice
            for (int op = 0; op < 3000; op++) {
                if (r.nextInt(3) > 0 || expected.isEmpty()) {
                    double t = r.nextInt(8) == 0 ? r.nextInt(6) * 0.5 : now + r.nextInt(6) * 0.5 * r.nextInt(3);
                    int s = spikes++ % 7 == 0 ? spikes : r.nextInt(spikes);
                    int proj = r.nextInt(3);
                    int slot = r.nextInt(6) - 1;
                    if (!keys.add(t + " " + s + " " + proj + " " + slot)) {
                        continue;
                    }
                    if (r.nextBoolean()) {
                        int first = slot;
                        expected.push(t, s, proj, first);
                        got.push(t, s, proj, first);
                    } else {
                        double w = r.nextDouble();
                        expected.pushSynapse(t, s, proj, slot, slot + 2, w);
                        got.pushSynapse(t, s, proj, slot, slot + 2, w);
                    }
                } else {
                    String where = "seed " + seed + ", op " + op;
                    assertEquals(expected.topTime(), got.topTime(), where);
                    assertEquals(expected.topSpike(), got.topSpike(), where);
                    assertEquals(expected.topProjection(), got.topProjection(), where);
                    assertEquals(expected.topSlot(), got.topSlot(), where);
                    assertEquals(expected.topPost(), got.topPost(), where);
                    if (expected.topPost() >= 0) {
                        assertEquals(expected.topWeight(), got.topWeight(), where);
                    }
                    now = expected.topTime();
                    expected.pop();
                    got.pop();
                }
                assertEquals(expected.isEmpty(), got.isEmpty());
            }
        });
    }
}
