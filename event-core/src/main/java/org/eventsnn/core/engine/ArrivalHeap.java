package org.eventsnn.core.engine;

/**
 * Binary min-heap of pending spike arrivals: one entry per (recorded spike, outgoing
 * projection), keyed by (arrival time, spike number, projection) so that equal times pop in a
 * fixed order. Grows as needed; never drops an entry.
 */
final class ArrivalHeap {
    private double[] time = new double[64];
    private int[] spike = new int[64];
    private int[] projection = new int[64];
    private int size;

    void clear() {
        size = 0;
    }

    boolean isEmpty() {
        return size == 0;
    }

    double topTime() {
        return time[0];
    }

    int topSpike() {
        return spike[0];
    }

    int topProjection() {
        return projection[0];
    }

    void push(double t, int s, int proj) {
        if (size == time.length) {
            int n = Math.multiplyExact(size, 2);
            time = java.util.Arrays.copyOf(time, n);
            spike = java.util.Arrays.copyOf(spike, n);
            projection = java.util.Arrays.copyOf(projection, n);
        }
        int p = size++;
        while (p > 0) {
            int parent = (p - 1) >>> 1;
            if (!before(t, s, proj, time[parent], spike[parent], projection[parent])) {
                break;
            }
            move(parent, p);
            p = parent;
        }
        time[p] = t;
        spike[p] = s;
        projection[p] = proj;
    }

    void pop() {
        size--;
        if (size == 0) {
            return;
        }
        double t = time[size];
        int s = spike[size];
        int proj = projection[size];
        int p = 0;
        while (true) {
            int child = 2 * p + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(time[child + 1], spike[child + 1], projection[child + 1],
                    time[child], spike[child], projection[child])) {
                child++;
            }
            if (!before(time[child], spike[child], projection[child], t, s, proj)) {
                break;
            }
            move(child, p);
            p = child;
        }
        time[p] = t;
        spike[p] = s;
        projection[p] = proj;
    }

    private void move(int from, int to) {
        time[to] = time[from];
        spike[to] = spike[from];
        projection[to] = projection[from];
    }

    /** Whether arrival (t, s, proj) sorts before arrival (t2, s2, proj2). */
    private static boolean before(double t, int s, int proj, double t2, int s2, int proj2) {
        if (t != t2) {
            return t < t2;
        }
        if (s != s2) {
            return s < s2;
        }
        return proj < proj2;
    }
}
