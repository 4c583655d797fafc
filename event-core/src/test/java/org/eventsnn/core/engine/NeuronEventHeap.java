package org.eventsnn.core.engine;

import java.util.Arrays;

/**
 * The plainest indexed binary min-heap with {@link QuaternaryEventHeap}'s key (time, kind,
 * neuron), one entry per neuron: the reference that the engines' 4-ary heap is tested against
 * (the single queue used it until the 4-ary heap replaced it).
 */
final class NeuronEventHeap implements NeuronStates.Pending {
    private final double[] time;
    private final int[] kind;
    private final int[] position;
    private final int[] heap;
    private int size;

    NeuronEventHeap(int neurons) {
        time = new double[neurons];
        kind = new int[neurons];
        position = new int[neurons];
        heap = new int[neurons];
        Arrays.fill(position, -1);
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            position[heap[i]] = -1;
        }
        size = 0;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Neuron with the earliest event; the heap must not be empty. */
    int top() {
        return heap[0];
    }

    double time(int neuron) {
        return time[neuron];
    }

    int kind(int neuron) {
        return kind[neuron];
    }

    @Override
    public void schedule(int neuron, double t, int k) {
        int p = position[neuron];
        time[neuron] = t;
        kind[neuron] = k;
        if (p < 0) {
            p = size++;
            heap[p] = neuron;
            position[neuron] = p;
            siftUp(p);
        } else {
            siftUp(p);
            siftDown(position[neuron]);
        }
    }

    @Override
    public void remove(int neuron) {
        int p = position[neuron];
        if (p < 0) {
            return;
        }
        position[neuron] = -1;
        size--;
        if (p != size) {
            int last = heap[size];
            heap[p] = last;
            position[last] = p;
            siftUp(p);
            siftDown(position[last]);
        }
    }

    @Override
    public boolean hasSpikePending(int neuron) {
        return position[neuron] >= 0 && kind[neuron] == QuaternaryEventHeap.SPIKE;
    }

    private boolean less(int a, int b) {
        if (time[a] != time[b]) {
            return time[a] < time[b];
        }
        if (kind[a] != kind[b]) {
            return kind[a] < kind[b];
        }
        return a < b;
    }

    private void siftUp(int p) {
        int n = heap[p];
        while (p > 0) {
            int parent = (p - 1) >>> 1;
            int m = heap[parent];
            if (!less(n, m)) {
                break;
            }
            heap[p] = m;
            position[m] = p;
            p = parent;
        }
        heap[p] = n;
        position[n] = p;
    }

    private void siftDown(int p) {
        int n = heap[p];
        while (true) {
            int child = 2 * p + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && less(heap[child + 1], heap[child])) {
                child++;
            }
            int m = heap[child];
            if (!less(m, n)) {
                break;
            }
            heap[p] = m;
            position[m] = p;
            p = child;
        }
        heap[p] = n;
        position[n] = p;
    }
}
