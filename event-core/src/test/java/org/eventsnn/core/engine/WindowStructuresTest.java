package org.eventsnn.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The per-window structures of the multi-threaded engine against plain references on random
 * operations: {@link WindowEnds#ofAfter} against a scan of the ends, {@link GeneratedArrivals}
 * against a list per window (arrivals far beyond the ring make it grow), and {@link WakeLists}
 * against a list of neurons per window (entries far beyond the ring make it grow).
 */
class WindowStructuresTest {
    @Test
    void windowOfATimeIsTheWindowWhoseEndsEncloseIt() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            double length = r.nextBoolean() ? r.nextDouble(1e-5, 1e-3) : 0.1 * (1 + r.nextInt(3));
            double duration = r.nextDouble(0, 500 * length);
            WindowEnds ends = new WindowEnds(length, duration);
            assertEquals(0.0, ends.start(0));
            for (int k = 0; k < ends.count(); k++) {
                assertEquals(true, ends.start(k) <= duration, "window " + k + " starts within the run");
                assertEquals(ends.start(k) + length, ends.end(k), "window " + k + " end");
            }
            for (int i = 0; i < 200; i++) {
                int after = r.nextInt(-1, ends.count());
                double t = r.nextInt(4) == 0 ? ends.end(r.nextInt(ends.count())) // exactly on an end
                        : r.nextDouble(0, duration + 2 * length);
                int expected = after + 1;
                while (expected < ends.count() && t >= ends.end(expected)) {
                    expected++;
                }
                assertEquals(expected, ends.ofAfter(t, after), "seed " + seed + ": window of " + t + " after " + after);
            }
        });
    }

    /**
     * A long run of short windows (110,001 of 0.1 ms, whose ends drift from multiples of the
     * length by rounding): times read off directly and times on or next to an end (where the
     * ends are consulted) all find the window a scan of the ends finds.
     */
    @Test
    void windowOfATimeInALongRunOfShortWindows() {
        WindowEnds ends = new WindowEnds(1e-4, 11);
        SplittableRandom r = new SplittableRandom(20);
        for (int i = 0; i < 200_000; i++) {
            int k = r.nextInt(ends.count());
            double t = switch (r.nextInt(4)) {
                case 0 -> ends.end(k);
                case 1 -> Math.nextDown(ends.end(k));
                case 2 -> Math.nextUp(ends.end(k));
                default -> r.nextDouble(0, 11.0002);
            };
            int after = r.nextInt(3) == 0 ? r.nextInt(-1, ends.count()) : -1;
            int low = 0;
            int high = ends.count(); // the first window whose end lies after t, by bisection
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (t >= ends.end(mid)) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            assertEquals(Math.max(low, after + 1), ends.ofAfter(t, after), "window of " + t + " after " + after);
        }
    }

    /**
     * Generated synapses come back through the view published for their window, in the order
     * added, read as late as the target may read them: after the producer has ended that window
     * too (freed the windows before it, added to later ones, grown the arrays, published the
     * next window), so a chunk freed or reused too early shows.
     */
    @Test
    void generatedArrivalsComeBackInTheirWindowInTheOrderAdded() {
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            GeneratedArrivals got = new GeneratedArrivals();
            for (int run = 0; run < 2; run++) { // a second run after clear() reuses the chunks
                got.clear();
                int windows = 1 + r.nextInt(400);
                List<List<double[]>> expected = new ArrayList<>();
                for (int w = 0; w < windows; w++) {
                    expected.add(new ArrayList<>());
                }
                for (int k = 0; k < windows; k++) {
                    got.freeBefore(k);
                    int adds = r.nextInt(4) == 0 ? r.nextInt(700) : r.nextInt(20);
                    for (int i = 0; i < adds; i++) {
                        int ahead = 1 + (r.nextInt(5) == 0 ? r.nextInt(300) : r.nextInt(8));
                        int w = k + ahead;
                        double[] entry = {r.nextDouble(), r.nextInt(1000), r.nextLong(), r.nextInt(50), r.nextDouble(), r.nextInt(3)};
                        if (w < windows) {
                            expected.get(w).add(entry);
                        }
                        got.add(w, entry[0], (int) entry[1], (long) entry[2], (int) entry[3], entry[4], (int) entry[5]);
                    }
                    got.publish(k + 1);
                    GeneratedArrivals.Window v = got.published(k);
                    List<double[]> taken = new ArrayList<>();
                    for (int c = 0; c < v.chunks; c++) {
                        for (int at = v.start[c]; at < v.start[c] + v.entries[c]; at++) {
                            taken.add(new double[] {v.time[at], v.spike[at], v.place[at], v.neuron[at], v.weight[at],
                                    v.receptor[at]});
                        }
                    }
                    List<double[]> want = expected.get(k);
                    assertEquals(want.size(), taken.size(), "seed " + seed + ": synapses of window " + k);
                    for (int i = 0; i < want.size(); i++) {
                        assertEquals(java.util.Arrays.toString(want.get(i)), java.util.Arrays.toString(taken.get(i)),
                                "seed " + seed + ": window " + k + ", synapse " + i);
                    }
                }
            }
            assertEquals(0, got.published(0).chunks, "nothing is published for window 0");
        });
    }

    @Test
    void wakeListsGiveEachWindowTheNeuronsAddedForItInTheOrderAdded() {
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            WakeLists got = new WakeLists();
            int[] ids = new int[1 << 14];
            for (int run = 0; run < 2; run++) { // a second run after clear() reuses the chunks
                got.clear();
                int windows = 1 + r.nextInt(300);
                List<List<Integer>> expected = new ArrayList<>();
                for (int w = 0; w < windows; w++) {
                    expected.add(new ArrayList<>());
                }
                for (int k = 0; k < windows; k++) {
                    int n = got.take(k);
                    got.copyTaken(ids);
                    List<Integer> taken = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        taken.add(ids[i]);
                    }
                    assertEquals(expected.get(k), taken, "seed " + seed + ": neurons of window " + k);
                    int adds = r.nextInt(4) == 0 ? r.nextInt(100) : r.nextInt(12);
                    for (int i = 0; i < adds; i++) {
                        // beyond the 64 slots of the first ring now and then, which makes it grow
                        int w = k + 1 + (r.nextInt(5) == 0 ? r.nextInt(1000) : r.nextInt(3));
                        int id = r.nextInt(5000);
                        if (w < windows) {
                            expected.get(w).add(id);
                        }
                        got.add(w, id);
                    }
                }
            }
            assertThrows(IllegalStateException.class, () -> got.take(0), "a window taken out of turn");
        });
    }
}
