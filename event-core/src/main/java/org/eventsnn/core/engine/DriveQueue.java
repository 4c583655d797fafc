package org.eventsnn.core.engine;

import org.eventsnn.core.model.PoissonDrive;

/**
 * Each driven neuron's next Poisson drive arrival, popped by (time, neuron). Arrivals at or beyond
 * a horizon wait unsorted in {@link TimeBuckets} and enter the heap a bucket at a time when it
 * runs empty, so the heap holds a few of the neurons instead of all of them; the pop order is the
 * heap's alone. Not thread-safe.
 */
final class DriveQueue {
    /** Buckets per mean interval of the fastest drive: a bucket holds about 1/32 of the neurons. */
    private static final int BUCKETS_PER_INTERVAL = 32;

    private final QuaternaryEventHeap near;
    private final TimeBuckets far;

    /** A queue for neurons {@code 0..neurons-1}, at most {@code capacity} of them pending at once. */
    DriveQueue(int neurons, int capacity, TimeBuckets far) {
        this.near = new QuaternaryEventHeap(neurons, capacity);
        this.far = far;
    }

    /** Buckets for drives {@code drives} (null entries: populations without drive). */
    static TimeBuckets bucketsFor(PoissonDrive[] drives) {
        double fastest = 0;
        for (PoissonDrive d : drives) {
            if (d != null) {
                fastest = Math.max(fastest, d.rate());
            }
        }
        return new TimeBuckets(fastest > 0 ? 1 / (BUCKETS_PER_INTERVAL * fastest) : Double.POSITIVE_INFINITY);
    }

    void clear() {
        near.clear();
        far.clear();
    }

    boolean isEmpty() {
        return near.isEmpty();
    }

    /** Neuron of the earliest arrival; the queue must not be empty. */
    int top() {
        return near.top();
    }

    double topTime() {
        return near.topTime();
    }

    /** Drops the earliest arrival. */
    void pop() {
        near.remove(near.top());
        if (near.isEmpty() && far.size() > 0) {
            takeBucket();
        }
    }

    /** Adds neuron g's next arrival, at t; g must have none pending. */
    void push(int g, double t) {
        if (!far.isFar(t)) {
            near.schedule(g, t, NextEvent.DRIVE);
        } else {
            far.add(t, g);
            if (near.isEmpty()) {
                takeBucket();
            }
        }
    }

    private void takeBucket() {
        int n = far.takeNext();
        for (int i = 0; i < n; i++) {
            near.schedule(far.takenId(i), far.takenTime(i), NextEvent.DRIVE);
        }
    }
}
