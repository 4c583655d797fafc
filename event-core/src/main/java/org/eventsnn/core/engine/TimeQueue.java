package org.eventsnn.core.engine;

import org.eventsnn.core.model.PoissonDrive;

import java.util.Arrays;

/**
 * A min-queue of {@code (time, id)} pairs, popped by time and, at equal times, by a fixed order
 * of the ids ({@link Ties}). Pairs beyond a horizon wait unsorted in {@link TimeBuckets} and enter
 * the queue's 4-ary heap a bucket at a time, when it runs empty, so that the heap holds one
 * bucket's pairs (it sifts through few levels, in cache) instead of every pending one; the pop
 * order is the heap's alone. The heap is not indexed: an id, once pushed, stays until popped.
 * Grows as needed; nothing is allocated once grown. Not thread-safe.
 */
final class TimeQueue {
    /** The order of two ids at equal times. */
    interface Ties {
        /** True if id {@code a} pops before id {@code b} at equal times. */
        boolean before(int a, int b);
    }

    /** Equal times pop by ascending id. */
    static final Ties BY_ID = (a, b) -> a < b;

    /** Buckets per mean interval of the fastest drive: a bucket holds about 1/32 of the neurons. */
    private static final int BUCKETS_PER_DRIVE_INTERVAL = 32;

    private final TimeBuckets far;
    private final Ties ties;
    private double[] time = new double[64];
    private int[] id = new int[64];
    private int size;

    /** A queue whose heap holds the pairs before {@code far}'s horizon, ties ordered by {@code ties}. */
    TimeQueue(TimeBuckets far, Ties ties) {
        this.far = far;
        this.ties = ties;
    }

    /**
     * A queue of each driven neuron's next Poisson arrival (id: the neuron), for the populations'
     * {@code drives} (null: no drive): buckets of 1/32 of the fastest drive's mean interval.
     */
    static TimeQueue forDrives(PoissonDrive[] drives) {
        double fastest = 0;
        for (PoissonDrive d : drives) {
            if (d != null) {
                fastest = Math.max(fastest, d.rate());
            }
        }
        double width = fastest > 0 ? 1 / (BUCKETS_PER_DRIVE_INTERVAL * fastest) : Double.POSITIVE_INFINITY;
        return new TimeQueue(new TimeBuckets(width), BY_ID);
    }

    void clear() {
        size = 0;
        far.clear();
    }

    /** True if no pair is pending (the heap is never empty while buckets hold pairs). */
    boolean isEmpty() {
        return size == 0;
    }

    /** Time of the first pair; the queue must not be empty. */
    double topTime() {
        return time[0];
    }

    /** Id of the first pair; the queue must not be empty. */
    int topId() {
        return id[0];
    }

    void push(double t, int i) {
        if (!far.isFar(t)) {
            siftUp(t, i);
        } else {
            far.add(t, i);
            if (size == 0) {
                takeBucket();
            }
        }
    }

    /** Drops the first pair. */
    void pop() {
        size--;
        if (size == 0) {
            if (far.size() > 0) {
                takeBucket();
            }
            return;
        }
        siftDown(0, time[size], id[size]);
    }

    /** Fills the empty heap with the next bucket's pairs (a heap by Floyd's method). */
    private void takeBucket() {
        int n = far.takeNext();
        ensureCapacity(n);
        far.copyTaken(time, id);
        size = n;
        for (int p = (n - 2) / 4; p >= 0; p--) {
            siftDown(p, time[p], id[p]);
        }
    }

    private void ensureCapacity(int n) {
        if (n > time.length) {
            int grown = Math.max(n, 2 * time.length);
            time = Arrays.copyOf(time, grown);
            id = Arrays.copyOf(id, grown);
        }
    }

    private boolean before(double t, int i, double t2, int i2) {
        return t != t2 ? t < t2 : ties.before(i, i2);
    }

    /** Moves the hole at a new last place up until (t, i) fits, and puts it there. */
    private void siftUp(double t, int i) {
        ensureCapacity(size + 1);
        int p = size++;
        while (p > 0) {
            int parent = (p - 1) >>> 2;
            if (!before(t, i, time[parent], id[parent])) {
                break;
            }
            time[p] = time[parent];
            id[p] = id[parent];
            p = parent;
        }
        time[p] = t;
        id[p] = i;
    }

    /** Moves the hole at p down until (t, i) fits, and puts it there. */
    private void siftDown(int p, double t, int i) {
        while (true) {
            int first = 4 * p + 1;
            if (first >= size) {
                break;
            }
            int best = first;
            int end = Math.min(first + 4, size);
            for (int c = first + 1; c < end; c++) {
                if (before(time[c], id[c], time[best], id[best])) {
                    best = c;
                }
            }
            if (!before(time[best], id[best], t, i)) {
                break;
            }
            time[p] = time[best];
            id[p] = id[best];
            p = best;
        }
        time[p] = t;
        id[p] = i;
    }
}
