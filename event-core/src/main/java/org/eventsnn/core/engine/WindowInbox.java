package org.eventsnn.core.engine;

import java.util.Arrays;

/**
 * The synaptic events of one window at one partition's neurons, gathered in the order the
 * arrival queue delivers them and then grouped by target neuron, keeping that order within each
 * neuron (a stable radix sort on the neuron's index within the partition). An arrival entry
 * (one queue entry: a row, a row's part or one generated synapse) is kept once with its time,
 * its queue key (spike, then projection and row position) and receptor; each synapse refers to
 * it. Arrays grow as needed and are reused from window to window. Not thread-safe.
 */
final class WindowInbox {
    /** Most bits of a neuron's index sorted in one pass. */
    private static final int MAX_DIGIT_BITS = 11;

    private final int lo;
    private final int passes;
    /** Bits per pass: the index's bits spread evenly, so that small partitions clear few counts. */
    private final int digitBits;
    private double[] entryTime = new double[64];
    private int[] entrySpike = new int[64];
    private long[] entryPlace = new long[64];
    private int[] entryReceptor = new int[64];
    private int entries;
    /** The synapses, by neuron once sorted; the other set of arrays is the sort's scratch. */
    private int[] neuron = new int[256];
    private int[] entry = new int[256];
    private double[] weight = new double[256];
    private int[] neuronScratch = new int[256];
    private int[] entryScratch = new int[256];
    private double[] weightScratch = new double[256];
    private int size;
    private final int[] digitCount;

    /** An inbox for the neurons with global indices in {@code [lo, hi)}. */
    WindowInbox(int lo, int hi) {
        this.lo = lo;
        int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, hi - lo - 1));
        passes = Math.max(1, (bits + MAX_DIGIT_BITS - 1) / MAX_DIGIT_BITS);
        digitBits = (bits + passes - 1) / passes;
        digitCount = new int[1 << digitBits];
    }

    void clear() {
        entries = 0;
        size = 0;
    }

    /** Adds an arrival entry at time t with queue key (spike, place) on {@code receptor}; returns its number. */
    int addEntry(double t, int spike, long place, int receptor) {
        if (entries == entryTime.length) {
            int n = Math.multiplyExact(entries, 2);
            entryTime = Arrays.copyOf(entryTime, n);
            entrySpike = Arrays.copyOf(entrySpike, n);
            entryPlace = Arrays.copyOf(entryPlace, n);
            entryReceptor = Arrays.copyOf(entryReceptor, n);
        }
        entryTime[entries] = t;
        entrySpike[entries] = spike;
        entryPlace[entries] = place;
        entryReceptor[entries] = receptor;
        return entries++;
    }

    /** A synapse of weight w of arrival entry {@code e} at neuron g. */
    void add(int g, int e, double w) {
        if (size == neuron.length) {
            int n = Math.multiplyExact(size, 2);
            neuron = Arrays.copyOf(neuron, n);
            entry = Arrays.copyOf(entry, n);
            weight = Arrays.copyOf(weight, n);
            neuronScratch = new int[n];
            entryScratch = new int[n];
            weightScratch = new double[n];
        }
        neuron[size] = g;
        entry[size] = e;
        weight[size++] = w;
    }

    /**
     * Groups the synapses by neuron, ascending, and orders each neuron's by arrival key (time,
     * spike, place), keeping the order they were added in among equal keys (several synapses of
     * one row to one neuron).
     */
    void sort() {
        sortByNeuron();
        int start = 0;
        for (int k = 1; k <= size; k++) {
            if (k == size || neuron[k] != neuron[start]) {
                sortByKey(start, k);
                start = k;
            }
        }
    }

    /** Stable insertion sort of {@code [from, to)} by arrival key: runs are short, and mostly in order. */
    private void sortByKey(int from, int to) {
        for (int i = from + 1; i < to; i++) {
            int e = entry[i];
            if (!keyBefore(e, entry[i - 1])) {
                continue;
            }
            double w = weight[i];
            int k = i;
            while (k > from && keyBefore(e, entry[k - 1])) {
                entry[k] = entry[k - 1];
                weight[k] = weight[k - 1];
                k--;
            }
            entry[k] = e;
            weight[k] = w;
        }
    }

    /** True if arrival entry e's key (time, spike, place) is smaller than f's. */
    private boolean keyBefore(int e, int f) {
        if (entryTime[e] != entryTime[f]) {
            return entryTime[e] < entryTime[f];
        }
        if (entrySpike[e] != entrySpike[f]) {
            return entrySpike[e] < entrySpike[f];
        }
        return entryPlace[e] < entryPlace[f];
    }

    /** Groups the synapses by neuron, ascending, each neuron's in the order they were added. */
    private void sortByNeuron() {
        for (int pass = 0; pass < passes; pass++) {
            int shift = pass * digitBits;
            int mask = digitCount.length - 1;
            Arrays.fill(digitCount, 0);
            for (int k = 0; k < size; k++) {
                digitCount[((neuron[k] - lo) >>> shift) & mask]++;
            }
            int sum = 0;
            for (int d = 0; d <= mask; d++) {
                int c = digitCount[d];
                digitCount[d] = sum;
                sum += c;
            }
            for (int k = 0; k < size; k++) {
                int at = digitCount[((neuron[k] - lo) >>> shift) & mask]++;
                neuronScratch[at] = neuron[k];
                entryScratch[at] = entry[k];
                weightScratch[at] = weight[k];
            }
            int[] n = neuron;
            neuron = neuronScratch;
            neuronScratch = n;
            int[] e = entry;
            entry = entryScratch;
            entryScratch = e;
            double[] w = weight;
            weight = weightScratch;
            weightScratch = w;
        }
    }

    /** Number of synapses. */
    int size() {
        return size;
    }

    /** Synapse k's target neuron. */
    int neuron(int k) {
        return neuron[k];
    }

    double weight(int k) {
        return weight[k];
    }

    /** Synapse k's arrival time. */
    double time(int k) {
        return entryTime[entry[k]];
    }

    int receptor(int k) {
        return entryReceptor[entry[k]];
    }

    /** The first part of synapse k's arrival key: its spike's global number. */
    int spike(int k) {
        return entrySpike[entry[k]];
    }

    /** The second part of synapse k's arrival key: projection and row position. */
    long place(int k) {
        return entryPlace[entry[k]];
    }
}
