package org.eventsnn.core.engine;

import org.eventsnn.core.model.Network;

import java.util.Arrays;

/**
 * Pending spike arrivals: one entry per (recorded spike, outgoing projection), keyed by
 * (arrival time, spike number, projection, row slot or place) so that equal times pop in a fixed
 * order, each carrying the first compressed-row slot it delivers (with per-synapse delays a row
 * arrives in several parts, one at a time). A generated (procedural) synapse with a delay of its
 * own is an entry of its own, keyed by its place in its row's arrival order and carrying its
 * target and weight. A 4-ary heap of (time, entry) pairs: moving a node moves a double and an
 * int, and the entry's other fields, stored once in slots recycled through a free list, are read
 * only on ties of time and when the entry is delivered. Entries beyond a horizon wait unsorted in
 * {@link TimeBuckets} and enter the heap a bucket at a time, when it runs empty: the heap holds
 * one bucket's entries instead of every pending arrival (a million in the full-scale
 * microcircuit), and pops in the same order. Grows as needed; never drops an entry; nothing is
 * allocated once grown.
 */
final class ArrivalQueue {
    /** Buckets per minimum delay: a spike's arrivals land several buckets beyond the horizon. */
    private static final int BUCKETS_PER_MIN_DELAY = 8;

    private final TimeBuckets far;
    private double[] time = new double[64];
    private int[] entry = new int[64];
    private int size;
    private int[] spike = new int[64];
    private int[] projection = new int[64];
    private int[] slot = new int[64];
    private int[] post = new int[64];
    private double[] weight = new double[64];
    private int[] free = new int[64];
    private int freeCount;
    private int used;

    /** A queue without buckets: every entry in the heap. */
    ArrivalQueue() {
        this(new TimeBuckets(Double.POSITIVE_INFINITY));
    }

    /** A queue whose heap holds the entries of the next bucket only ({@code far}'s horizon). */
    ArrivalQueue(TimeBuckets far) {
        this.far = far;
    }

    /** A queue for {@code network}'s arrivals: buckets of an eighth of its minimum delay, if it is > 0. */
    static ArrivalQueue forNetwork(Network network) {
        double minDelay = network.minDelay();
        boolean bucketed = minDelay > 0 && minDelay < Double.POSITIVE_INFINITY;
        return new ArrivalQueue(new TimeBuckets(bucketed ? minDelay / BUCKETS_PER_MIN_DELAY : Double.POSITIVE_INFINITY));
    }

    void clear() {
        size = 0;
        freeCount = 0;
        used = 0;
        far.clear();
    }

    /** True if no entry is pending (the heap is never empty while buckets hold entries). */
    boolean isEmpty() {
        return size == 0;
    }

    double topTime() {
        return time[0];
    }

    int topSpike() {
        return spike[entry[0]];
    }

    int topProjection() {
        return projection[entry[0]];
    }

    /** The first compressed-row slot of a row's part, or the place of a generated synapse. */
    int topSlot() {
        return slot[entry[0]];
    }

    /** Target of a generated synapse's entry, -1 for a row's. */
    int topPost() {
        return post[entry[0]];
    }

    double topWeight() {
        return weight[entry[0]];
    }

    /** A row's arrival (from compressed-row slot {@code first}, -1 for all of it). */
    void push(double t, int s, int proj, int first) {
        push(t, s, proj, first, -1, 0);
    }

    /** One generated synapse to {@code target} of weight {@code w}, at {@code place} of its row's arrival order. */
    void pushSynapse(double t, int s, int proj, int place, int target, double w) {
        push(t, s, proj, place, target, w);
    }

    private void push(double t, int s, int proj, int first, int target, double w) {
        int e = allocate();
        spike[e] = s;
        projection[e] = proj;
        slot[e] = first;
        post[e] = target;
        weight[e] = w;
        if (!far.isFar(t)) {
            siftUp(t, e);
        } else {
            far.add(t, e);
            if (size == 0) {
                takeBucket();
            }
        }
    }

    private void siftUp(double t, int e) {
        ensureCapacity(size + 1);
        int p = size++;
        while (p > 0) {
            int parent = (p - 1) >>> 2;
            if (!before(t, e, time[parent], entry[parent])) {
                break;
            }
            time[p] = time[parent];
            entry[p] = entry[parent];
            p = parent;
        }
        time[p] = t;
        entry[p] = e;
    }

    /** Drops the top entry. */
    void pop() {
        release(entry[0]);
        size--;
        if (size == 0) {
            if (far.size() > 0) {
                takeBucket();
            }
            return;
        }
        siftDown(0, time[size], entry[size]);
    }

    /** Fills the empty heap with the next bucket's entries (a heap by Floyd's method). */
    private void takeBucket() {
        int n = far.takeNext();
        ensureCapacity(n);
        for (int i = 0; i < n; i++) {
            time[i] = far.takenTime(i);
            entry[i] = far.takenId(i);
        }
        size = n;
        for (int p = (n - 2) / 4; p >= 0; p--) {
            siftDown(p, time[p], entry[p]);
        }
    }

    private void ensureCapacity(int n) {
        if (n > time.length) {
            int grown = Math.max(n, 2 * time.length);
            time = Arrays.copyOf(time, grown);
            entry = Arrays.copyOf(entry, grown);
        }
    }

    /** Moves the hole at p down until (t, e) fits, and puts it there. */
    private void siftDown(int p, double t, int e) {
        while (true) {
            int first = 4 * p + 1;
            if (first >= size) {
                break;
            }
            int best = first;
            int end = Math.min(first + 4, size);
            for (int c = first + 1; c < end; c++) {
                if (before(time[c], entry[c], time[best], entry[best])) {
                    best = c;
                }
            }
            if (!before(time[best], entry[best], t, e)) {
                break;
            }
            time[p] = time[best];
            entry[p] = entry[best];
            p = best;
        }
        time[p] = t;
        entry[p] = e;
    }

    private boolean before(double t, int e, double t2, int e2) {
        if (t != t2) {
            return t < t2;
        }
        if (spike[e] != spike[e2]) {
            return spike[e] < spike[e2];
        }
        if (projection[e] != projection[e2]) {
            return projection[e] < projection[e2];
        }
        return slot[e] < slot[e2];
    }

    private int allocate() {
        if (freeCount > 0) {
            return free[--freeCount];
        }
        if (used == spike.length) {
            int n = Math.multiplyExact(used, 2);
            spike = Arrays.copyOf(spike, n);
            projection = Arrays.copyOf(projection, n);
            slot = Arrays.copyOf(slot, n);
            post = Arrays.copyOf(post, n);
            weight = Arrays.copyOf(weight, n);
        }
        return used++;
    }

    private void release(int e) {
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, 2 * freeCount);
        }
        free[freeCount++] = e;
    }
}
