package org.eventsnn.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The engines' 4-ary queues pop what the plain binary heaps pop, in the same order, under random
 * operations with many equal times: {@link QuaternaryEventHeap} as {@link NeuronEventHeap},
 * {@link ArrivalQueue} as {@link ArrivalHeap}.
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
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            ArrivalHeap expected = new ArrivalHeap();
            ArrivalQueue got = new ArrivalQueue();
            int spikes = 0;
            java.util.Set<String> keys = new java.util.HashSet<>(); // the engine never pushes one key twice
            for (int op = 0; op < 3000; op++) {
                if (r.nextInt(3) > 0 || expected.isEmpty()) {
                    double t = r.nextInt(6) * 0.5;
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
                    expected.pop();
                    got.pop();
                }
                assertEquals(expected.isEmpty(), got.isEmpty());
            }
        });
    }
}
