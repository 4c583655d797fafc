package org.eventsnn.core.engine;

import java.util.Arrays;

/**
 * The spikes one partition fires in one window, gathered neuron by neuron and then put into the
 * queue's processing order: by time, then merge key (rank, a, b; see {@link WindowMerge}), then
 * neuron. Keeps at most a cap of them in that order: once twice the cap are held, only the
 * earliest cap are kept, and no later spike can join them ({@link #cutoff}), which bounds memory
 * in a runaway window while keeping exactly the spikes the spike budget's message needs.
 * Not thread-safe.
 */
final class WindowSpikes {
    /** Ranks of event classes in the merge key, in the global queue's order at equal times. */
    static final int SPIKE_RANK = 0;
    static final int ARRIVAL_RANK = 1;
    static final int DRIVE_RANK = 2;
    static final int RELEASE_RANK = 3;
    static final int CHECK_RANK = 4;

    private double[] time = new double[64];
    private int[] neuron = new int[64];
    private double[] current = new double[64];
    private double[] currentAtRelease = new double[64];
    private int[] input = new int[64];
    private int[] rank = new int[64];
    private long[] keyA = new long[64];
    private long[] keyB = new long[64];
    private int size;
    private int[] order = new int[64];
    private int[] scratch = new int[64];
    private long cap;
    private double cutoff;

    /** Empties the buffer for a window that may keep at most {@code cap >= 1} spikes. */
    void start(long cap) {
        this.cap = cap;
        size = 0;
        cutoff = Double.POSITIVE_INFINITY;
    }

    /** Adds a spike; returns its number in the buffer (valid until the buffer is cut). */
    int add(double t, int g, double currentAtSpike, int inputIndex, int keyRank, long a, long b) {
        if (size == time.length) {
            grow();
        }
        time[size] = t;
        neuron[size] = g;
        current[size] = currentAtSpike;
        currentAtRelease[size] = Double.NaN;
        input[size] = inputIndex;
        rank[size] = keyRank;
        keyA[size] = a;
        keyB[size] = b;
        int s = size++;
        if (size - cap >= cap) {
            cut();
        }
        return s;
    }

    /** Sets spike s's current at its release, unless the buffer was cut since s was added. */
    void setCurrentAtRelease(int s, double c) {
        if (s < size) {
            currentAtRelease[s] = c;
        }
    }

    /** After a cut, the time after which no spike can be among those kept; +infinity before. */
    double cutoff() {
        return cutoff;
    }

    /** Sorts the spikes into processing order and keeps the first {@code cap}; returns how many are kept. */
    int sort() {
        if (order.length < size) {
            order = new int[time.length];
            scratch = new int[time.length];
        }
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        mergeSort(0, size);
        return (int) Math.min(size, cap);
    }

    /** The buffer number of the i-th spike in processing order (after {@link #sort}). */
    int inOrder(int i) {
        return order[i];
    }

    double time(int s) {
        return time[s];
    }

    int neuron(int s) {
        return neuron[s];
    }

    double currentAtSpike(int s) {
        return current[s];
    }

    double currentAtRelease(int s) {
        return currentAtRelease[s];
    }

    int inputIndex(int s) {
        return input[s];
    }

    int keyRank(int s) {
        return rank[s];
    }

    long keyA(int s) {
        return keyA[s];
    }

    long keyB(int s) {
        return keyB[s];
    }

    /** Keeps only the first {@code cap} spikes in processing order, compacted, and sets the cutoff. */
    private void cut() {
        int kept = sort();
        double[] t = new double[kept];
        int[] g = new int[kept];
        double[] c = new double[kept];
        double[] r = new double[kept];
        int[] in = new int[kept];
        int[] rk = new int[kept];
        long[] a = new long[kept];
        long[] b = new long[kept];
        for (int i = 0; i < kept; i++) {
            int s = order[i];
            t[i] = time[s];
            g[i] = neuron[s];
            c[i] = current[s];
            r[i] = currentAtRelease[s];
            in[i] = input[s];
            rk[i] = rank[s];
            a[i] = keyA[s];
            b[i] = keyB[s];
        }
        System.arraycopy(t, 0, time, 0, kept);
        System.arraycopy(g, 0, neuron, 0, kept);
        System.arraycopy(c, 0, current, 0, kept);
        System.arraycopy(r, 0, currentAtRelease, 0, kept);
        System.arraycopy(in, 0, input, 0, kept);
        System.arraycopy(rk, 0, rank, 0, kept);
        System.arraycopy(a, 0, keyA, 0, kept);
        System.arraycopy(b, 0, keyB, 0, kept);
        size = kept;
        cutoff = time[kept - 1];
    }

    private void grow() {
        int n = Math.multiplyExact(size, 2);
        time = Arrays.copyOf(time, n);
        neuron = Arrays.copyOf(neuron, n);
        current = Arrays.copyOf(current, n);
        currentAtRelease = Arrays.copyOf(currentAtRelease, n);
        input = Arrays.copyOf(input, n);
        rank = Arrays.copyOf(rank, n);
        keyA = Arrays.copyOf(keyA, n);
        keyB = Arrays.copyOf(keyB, n);
    }

    /** Stable merge sort of {@code order[from, to)} by {@link #before}. */
    private void mergeSort(int from, int to) {
        if (to - from < 16) {
            for (int i = from + 1; i < to; i++) {
                int x = order[i];
                int k = i;
                while (k > from && before(x, order[k - 1])) {
                    order[k] = order[k - 1];
                    k--;
                }
                order[k] = x;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(from, mid);
        mergeSort(mid, to);
        if (!before(order[mid], order[mid - 1])) {
            return;
        }
        System.arraycopy(order, from, scratch, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && !before(scratch[j], scratch[i]))) {
                order[k] = scratch[i++];
            } else {
                order[k] = scratch[j++];
            }
        }
    }

    /** True if spike x comes before spike y in processing order. */
    private boolean before(int x, int y) {
        if (time[x] != time[y]) {
            return time[x] < time[y];
        }
        if (rank[x] != rank[y]) {
            return rank[x] < rank[y];
        }
        if (keyA[x] != keyA[y]) {
            return keyA[x] < keyA[y];
        }
        if (keyB[x] != keyB[y]) {
            return keyB[x] < keyB[y];
        }
        return neuron[x] < neuron[y];
    }
}
