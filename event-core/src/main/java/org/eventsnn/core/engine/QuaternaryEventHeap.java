package org.eventsnn.core.engine;

import java.util.Arrays;

/**
 * An indexed 4-ary min-heap holding at most one pending event per neuron (its predicted spike,
 * the end of its refractory period, or a check at the earliest time it could cross), keyed by
 * (time, kind, neuron), so that equal times pop in a fixed order; rescheduling a neuron moves its
 * entry in place, so stale predictions never accumulate. Keys live in the heap's own arrays, by
 * position, so that comparing a node's four children reads adjacent memory instead of chasing
 * neuron indices: heap operations are a large share of the cost per event.
 */
final class QuaternaryEventHeap implements NeuronStates.Pending {
    /** A predicted threshold crossing. */
    static final int SPIKE = 0;
    /** End of a refractory period. */
    static final int RELEASE = 2;
    /** Earliest time a crossing is possible: bound again or compute the exact crossing from here. */
    static final int CHECK = 3;

    private final double[] time;
    private final int[] kind;
    private final int[] neuron;
    /** Heap position of each neuron, -1 if it has no event. */
    private final int[] position;
    private int size;

    /** A heap for neurons {@code 0..neurons-1}, at most {@code capacity} of them pending at once. */
    QuaternaryEventHeap(int neurons, int capacity) {
        time = new double[capacity];
        kind = new int[capacity];
        neuron = new int[capacity];
        position = new int[neurons];
        Arrays.fill(position, -1);
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            position[neuron[i]] = -1;
        }
        size = 0;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Neuron of the earliest event; the heap must not be empty. */
    int top() {
        return neuron[0];
    }

    double topTime() {
        return time[0];
    }

    int topKind() {
        return kind[0];
    }

    @Override
    public void schedule(int n, double t, int k) {
        int p = position[n];
        if (p < 0) {
            siftUp(size++, t, k, n);
        } else if (before(t, k, n, time[p], kind[p], n)) {
            siftUp(p, t, k, n);
        } else {
            siftDown(p, t, k, n);
        }
    }

    @Override
    public void remove(int n) {
        int p = position[n];
        if (p < 0) {
            return;
        }
        position[n] = -1;
        size--;
        if (p == size) {
            return;
        }
        double t = time[size];
        int k = kind[size];
        int m = neuron[size];
        if (p > 0 && before(t, k, m, time[(p - 1) >>> 2], kind[(p - 1) >>> 2], neuron[(p - 1) >>> 2])) {
            siftUp(p, t, k, m);
        } else {
            siftDown(p, t, k, m);
        }
    }

    @Override
    public boolean hasSpikePending(int n) {
        int p = position[n];
        return p >= 0 && kind[p] == SPIKE;
    }

    private static boolean before(double t, int k, int n, double t2, int k2, int n2) {
        if (t != t2) {
            return t < t2;
        }
        if (k != k2) {
            return k < k2;
        }
        return n < n2;
    }

    /** Moves the hole at p up until (t, k, n) fits, and puts it there. */
    private void siftUp(int p, double t, int k, int n) {
        while (p > 0) {
            int parent = (p - 1) >>> 2;
            if (!before(t, k, n, time[parent], kind[parent], neuron[parent])) {
                break;
            }
            move(parent, p);
            p = parent;
        }
        put(p, t, k, n);
    }

    /** Moves the hole at p down until (t, k, n) fits, and puts it there. */
    private void siftDown(int p, double t, int k, int n) {
        while (true) {
            int first = 4 * p + 1;
            if (first >= size) {
                break;
            }
            int best = first;
            int end = Math.min(first + 4, size);
            for (int c = first + 1; c < end; c++) {
                if (before(time[c], kind[c], neuron[c], time[best], kind[best], neuron[best])) {
                    best = c;
                }
            }
            if (!before(time[best], kind[best], neuron[best], t, k, n)) {
                break;
            }
            move(best, p);
            p = best;
        }
        put(p, t, k, n);
    }

    private void move(int from, int to) {
        time[to] = time[from];
        kind[to] = kind[from];
        neuron[to] = neuron[from];
        position[neuron[to]] = to;
    }

    private void put(int p, double t, int k, int n) {
        time[p] = t;
        kind[p] = k;
        neuron[p] = n;
        position[n] = p;
    }
}
