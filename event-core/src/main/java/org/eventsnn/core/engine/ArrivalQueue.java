package org.eventsnn.core.engine;

import org.eventsnn.core.model.Network;

import java.util.Arrays;

/**
 * Pending spike arrivals: one entry per (recorded spike, outgoing projection), keyed by
 * (arrival time, spike number, projection, row slot or place) so that equal times pop in a fixed
 * order, each carrying the first compressed-row slot it delivers (with per-synapse delays a row
 * arrives in several parts, one at a time). A generated (procedural) synapse with a delay of its
 * own is an entry of its own, keyed by its place in its row's arrival order and carrying its
 * target and weight. A {@link TimeQueue} of (time, entry) pairs, whose far entries wait in time
 * buckets (the heap holds one bucket's entries instead of every pending arrival, a million in
 * the full-scale microcircuit); the entries' other fields, stored once in slots recycled through
 * a free list, are read only on ties of time and when the entry is delivered. Grows as needed;
 * never drops an entry; nothing is allocated once grown.
 */
final class ArrivalQueue {
    /** Buckets per minimum delay: a spike's arrivals land several buckets beyond the horizon. */
    private static final int BUCKETS_PER_MIN_DELAY = 8;

    private final TimeQueue queue;
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

    /** A queue whose heap holds the entries before {@code far}'s horizon. */
    ArrivalQueue(TimeBuckets far) {
        queue = new TimeQueue(far, this::entryBefore);
    }

    /** A queue for {@code network}'s arrivals: buckets of an eighth of its minimum delay, if it is > 0. */
    static ArrivalQueue forNetwork(Network network) {
        double minDelay = network.minDelay();
        boolean bucketed = minDelay > 0 && minDelay < Double.POSITIVE_INFINITY;
        return new ArrivalQueue(new TimeBuckets(bucketed ? minDelay / BUCKETS_PER_MIN_DELAY : Double.POSITIVE_INFINITY));
    }

    void clear() {
        queue.clear();
        freeCount = 0;
        used = 0;
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    double topTime() {
        return queue.topTime();
    }

    int topSpike() {
        return spike[queue.topId()];
    }

    int topProjection() {
        return projection[queue.topId()];
    }

    /** The first compressed-row slot of a row's part, or the place of a generated synapse. */
    int topSlot() {
        return slot[queue.topId()];
    }

    /** Target of a generated synapse's entry, -1 for a row's. */
    int topPost() {
        return post[queue.topId()];
    }

    double topWeight() {
        return weight[queue.topId()];
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
        queue.push(t, e);
    }

    /** Drops the top entry. */
    void pop() {
        release(queue.topId());
        queue.pop();
    }

    /** The order of two entries at equal times. */
    private boolean entryBefore(int e, int e2) {
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
