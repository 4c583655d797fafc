package org.eventsnn.core.engine;

import java.util.Arrays;

/**
 * The spikes of one run in the order they were found, with what the record needs of each, and
 * the simulator queue's order on them: time, then global neuron, then order found (equal input
 * spikes). Reused between runs; nothing is allocated per spike once it has grown.
 */
final class SpikeStore {
    private double[] time = new double[64];
    private int[] neuron = new int[64];
    private double[] currentAtSpike = new double[64];
    private double[] currentAtRelease = new double[64];
    private int[] inputIndex = new int[64];
    private int[] rank = new int[64];
    /** Per spike, true if its refractory period never ends (its neuron fired again first, in a replay). */
    private boolean[] releaseCancelled = new boolean[64];
    private int size;
    private final IdList inOrder = new IdList();
    private int[] scratch = new int[64];
    /** Most spikes one bucket of {@link #sortByBuckets} may hold. */
    private static final int MAX_BUCKET = 32;
    /** For {@link #sortByBuckets}: each spike's bucket, and where each bucket starts (then ends). */
    private int[] bucketOf = new int[64];
    private int[] bucketStart = new int[65];
    private int[] cursor = new int[4];

    void clear() {
        size = 0;
    }

    /** Adds a spike ({@code input}: its index in its input train, or -1 for LIF spikes); returns its id. */
    int add(double t, int g, double current, int input) {
        if (size == time.length) {
            int n = Math.multiplyExact(size, 2);
            time = Arrays.copyOf(time, n);
            neuron = Arrays.copyOf(neuron, n);
            currentAtSpike = Arrays.copyOf(currentAtSpike, n);
            currentAtRelease = Arrays.copyOf(currentAtRelease, n);
            inputIndex = Arrays.copyOf(inputIndex, n);
            rank = Arrays.copyOf(rank, n);
            releaseCancelled = Arrays.copyOf(releaseCancelled, n);
        }
        time[size] = t;
        neuron[size] = g;
        currentAtSpike[size] = current;
        currentAtRelease[size] = Double.NaN;
        inputIndex[size] = input;
        releaseCancelled[size] = false;
        return size++;
    }

    int size() {
        return size;
    }

    double time(int s) {
        return time[s];
    }

    int neuron(int s) {
        return neuron[s];
    }

    double currentAtSpike(int s) {
        return currentAtSpike[s];
    }

    double currentAtRelease(int s) {
        return currentAtRelease[s];
    }

    void setCurrentAtRelease(int s, double current) {
        currentAtRelease[s] = current;
    }

    /** Sets the current of spike s at its own time (an observed spike's, known once its neuron reaches it). */
    void setCurrentAtSpike(int s, double current) {
        currentAtSpike[s] = current;
    }

    /** Notes that spike s is never released: its neuron fired again before (or as) its refractory period ended. */
    void cancelRelease(int s) {
        releaseCancelled[s] = true;
    }

    /** True if spike s's release was cancelled ({@link #cancelRelease}). */
    boolean isReleaseCancelled(int s) {
        return releaseCancelled[s];
    }

    int inputIndex(int s) {
        return inputIndex[s];
    }

    /** Spike s's number in the queue's order (valid after {@link #inOrder}). */
    int rank(int s) {
        return rank[s];
    }

    /** The queue's order of spikes a and b: negative if a comes first. */
    int compare(int a, int b) {
        if (time[a] != time[b]) {
            return time[a] < time[b] ? -1 : 1;
        }
        if (neuron[a] != neuron[b]) {
            return neuron[a] < neuron[b] ? -1 : 1;
        }
        return Integer.compare(a, b);
    }

    /**
     * Sorts a list of spike ids into the queue's order; linear if already sorted. Spikes at
     * finite times are first spread over as many buckets as there are spikes, each an equal part
     * of their time range, in one counting pass; an insertion pass then puts each bucket in order
     * (a merge sort instead where some bucket holds more than {@link #MAX_BUCKET} spikes).
     */
    void sort(IdList ids) {
        sort(ids, 0);
    }

    /** {@link #sort(IdList)} of the entries from index {@code from} on, leaving those before alone. */
    void sort(IdList ids, int from) {
        int n = ids.size() - from;
        int[] a = ids.array();
        boolean sorted = true;
        for (int i = from + 1; i < from + n && sorted; i++) {
            sorted = compare(a[i - 1], a[i]) < 0;
        }
        if (sorted) {
            return;
        }
        if (scratch.length < from + n) { // the merge sort buffers entries at their own indices
            scratch = new int[Math.max(from + n, 2 * scratch.length)];
        }
        if (!sortByBuckets(a, from, n)) {
            mergeSort(a, scratch, from, from + n);
            return;
        }
        insertionSort(a, from, from + n);
    }

    /**
     * Sorts ids {@code a[from, from + n)} into n buckets of equal parts of their time range, in
     * list order within each: a bucket's number never decreases with the time (each step of its
     * computation is monotone), so every spike of a bucket comes before every spike of a later
     * one, and equal times share a bucket. False, leaving them alone, if some time is not finite
     * or some bucket would hold more than {@link #MAX_BUCKET} (the insertion pass could then
     * take quadratic time).
     */
    private boolean sortByBuckets(int[] a, int from, int n) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = from; i < from + n; i++) {
            double t = time[a[i]];
            if (!(t - t == 0)) {
                return false; // infinite or NaN
            }
            lo = Math.min(lo, t);
            hi = Math.max(hi, t);
        }
        if (bucketOf.length < n) {
            bucketOf = new int[Math.max(n, 2 * bucketOf.length)];
            bucketStart = new int[bucketOf.length + 1];
        }
        Arrays.fill(bucketStart, 0, n + 1, 0);
        double scale = hi > lo ? (n - 1) / (hi - lo) : 0; // 0 also where the range overflows
        for (int i = 0; i < n; i++) {
            int b = Math.min(n - 1, (int) ((time[a[from + i]] - lo) * scale));
            bucketOf[i] = b;
            if (++bucketStart[b + 1] > MAX_BUCKET) {
                return false;
            }
        }
        for (int b = 0; b < n; b++) {
            bucketStart[b + 1] += bucketStart[b];
        }
        for (int i = 0; i < n; i++) {
            scratch[bucketStart[bucketOf[i]]++] = a[from + i];
        }
        System.arraycopy(scratch, 0, a, from, n);
        return true;
    }

    /** Sorts ids {@code a[from, to)} into the queue's order by insertion: linear if nearly sorted. */
    private void insertionSort(int[] a, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            int x = a[i];
            int k = i;
            while (k > from && compare(a[k - 1], x) > 0) {
                a[k] = a[k - 1];
                k--;
            }
            a[k] = x;
        }
    }

    private void mergeSort(int[] a, int[] buffer, int from, int to) {
        if (to - from < 12) {
            insertionSort(a, from, to);
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, buffer, from, mid);
        mergeSort(a, buffer, mid, to);
        if (compare(a[mid - 1], a[mid]) < 0) {
            return;
        }
        System.arraycopy(a, from, buffer, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            a[k] = j >= to || (i < mid && compare(buffer[i], buffer[j]) <= 0) ? buffer[i++] : buffer[j++];
        }
    }

    /**
     * Every spike in the queue's order, merged from per-population lists already in that order;
     * also numbers the spikes ({@link #rank}).
     */
    IdList inOrder(IdList[] sortedLists) {
        if (cursor.length < sortedLists.length) {
            cursor = new int[sortedLists.length];
        }
        Arrays.fill(cursor, 0, sortedLists.length, 0);
        inOrder.clear();
        while (true) {
            int best = -1;
            int bestSpike = 0;
            for (int p = 0; p < sortedLists.length; p++) {
                if (cursor[p] < sortedLists[p].size()) {
                    int s = sortedLists[p].get(cursor[p]);
                    if (best < 0 || compare(s, bestSpike) < 0) {
                        best = p;
                        bestSpike = s;
                    }
                }
            }
            if (best < 0) {
                return inOrder;
            }
            cursor[best]++;
            rank[bestSpike] = inOrder.size();
            inOrder.add(bestSpike);
        }
    }
}
