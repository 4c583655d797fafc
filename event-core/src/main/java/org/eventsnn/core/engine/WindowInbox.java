package org.eventsnn.core.engine;

import java.util.Arrays;

/**
 * The synaptic events of one window at one partition's neurons, grouped by target neuron
 * (ascending) and ordered within each neuron by arrival key (time, spike, place), keeping the
 * order added among equal keys (several synapses of one row to one neuron). Two sources:
 * synapses of arrival entries (a stored or fixed-delay row, or a row's part: one queue entry
 * kept once with its time, key and receptor, each synapse referring to it), added in the
 * arrival queue's order; and windows of generated synapses ({@link GeneratedArrivals.Window}),
 * read in place. {@link #sort} places every synapse once, with its whole key, by a counting
 * sort on the neuron's index within the partition (one count per owned neuron). Arrays grow as
 * needed and are reused from window to window. Not thread-safe.
 */
final class WindowInbox {
    private static final int FIELDS = 4;
    private final int lo;
    private double[] entryTime = new double[64];
    private int[] entrySpike = new int[64];
    private long[] entryPlace = new long[64];
    private int[] entryReceptor = new int[64];
    private int entries;
    /** The entries' synapses, as added: target neuron, entry, weight. */
    private int[] rowNeuron = new int[256];
    private int[] rowEntry = new int[256];
    private double[] rowWeight = new double[256];
    private int rowSynapses;
    /** Windows of generated synapses, with the global numbers of their producers' local spikes. */
    private GeneratedArrivals.Window[] generated = new GeneratedArrivals.Window[4];
    private int[][] globalNumbers = new int[4][];
    private int sources;
    /** Per owned neuron: its synapses while counting, then its next slot while placing; 0 between windows. */
    private final int[] count;
    /** One bit per owned neuron, set while it has synapses counted: the neurons found without reading every count. */
    private final long[] counted;
    /** The neurons with synapses (indices within the partition), ascending, and where each one's synapses start. */
    private final int[] neuron;
    private final int[] first;
    private int neurons;
    /**
     * The synapses, by neuron once sorted, side by side ({@link #FIELDS} longs each, so that
     * placing one writes one or two cache lines, not five): the bits of its arrival time, its
     * place, the bits of its weight, and its spike's global number (high half) with its receptor
     * (low half).
     */
    private long[] synapses = new long[FIELDS * 256];
    private int size;

    /** An inbox for the neurons with global indices in {@code [lo, hi)}. */
    WindowInbox(int lo, int hi) {
        this.lo = lo;
        count = new int[hi - lo];
        counted = new long[(hi - lo + 63) >>> 6];
        neuron = new int[hi - lo];
        first = new int[hi - lo + 1];
    }

    void clear() {
        entries = 0;
        rowSynapses = 0;
        sources = 0;
        neurons = 0;
        size = 0;
    }

    /** Adds an arrival entry at time t with queue key (spike, place) on {@code receptor}; returns its number. */
    int addEntry(double t, int spikeNumber, long key, int rec) {
        if (entries == entryTime.length) {
            int n = Math.multiplyExact(entries, 2);
            entryTime = Arrays.copyOf(entryTime, n);
            entrySpike = Arrays.copyOf(entrySpike, n);
            entryPlace = Arrays.copyOf(entryPlace, n);
            entryReceptor = Arrays.copyOf(entryReceptor, n);
        }
        entryTime[entries] = t;
        entrySpike[entries] = spikeNumber;
        entryPlace[entries] = key;
        entryReceptor[entries] = rec;
        return entries++;
    }

    /** A synapse of weight w of arrival entry {@code e} at owned neuron g. */
    void add(int g, int e, double w) {
        if (rowSynapses == rowNeuron.length) {
            int n = Math.multiplyExact(rowSynapses, 2);
            rowNeuron = Arrays.copyOf(rowNeuron, n);
            rowEntry = Arrays.copyOf(rowEntry, n);
            rowWeight = Arrays.copyOf(rowWeight, n);
        }
        rowNeuron[rowSynapses] = g;
        rowEntry[rowSynapses] = e;
        rowWeight[rowSynapses++] = w;
    }

    /**
     * Takes window {@code w}'s generated synapses (all at owned neurons) as they are, their
     * spikes numbered by {@code global} (local spike number to global); returns how many.
     */
    int addGenerated(GeneratedArrivals.Window w, int[] global) {
        if (sources == generated.length) {
            generated = Arrays.copyOf(generated, 2 * sources);
            globalNumbers = Arrays.copyOf(globalNumbers, 2 * sources);
        }
        generated[sources] = w;
        globalNumbers[sources++] = global;
        int n = 0;
        for (int c = 0; c < w.chunks; c++) {
            n += w.entries[c];
        }
        return n;
    }

    /**
     * Groups the synapses by neuron, ascending, and orders each neuron's by arrival key (time,
     * spike, place), keeping the order they were added in among equal keys.
     */
    void sort() {
        countByNeuron();
        int total = 0;
        int m = 0;
        for (int word = 0; word < counted.length; word++) {
            long bits = counted[word];
            if (bits == 0) {
                continue;
            }
            counted[word] = 0;
            for (; bits != 0; bits &= bits - 1) {
                int i = (word << 6) + Long.numberOfTrailingZeros(bits);
                int c = count[i];
                neuron[m] = i;
                first[m++] = total;
                count[i] = total;
                total += c;
            }
        }
        neurons = m;
        first[m] = total;
        size = total;
        if (synapses.length < FIELDS * (long) total) {
            synapses = new long[Math.multiplyExact(FIELDS, Math.max(total, 2 * (synapses.length / FIELDS)))];
        }
        placeAll();
        for (int j = 0; j < m; j++) {
            count[neuron[j]] = 0;
            if (first[j + 1] - first[j] > 1) {
                sortByKey(first[j], first[j + 1]);
            }
        }
    }

    private void countByNeuron() {
        for (int k = 0; k < rowSynapses; k++) {
            int i = rowNeuron[k] - lo;
            count[i]++;
            counted[i >>> 6] |= 1L << i;
        }
        for (int s = 0; s < sources; s++) {
            GeneratedArrivals.Window w = generated[s];
            int[] target = w.neuron;
            for (int c = 0; c < w.chunks; c++) {
                for (int at = w.start[c], end = at + w.entries[c]; at < end; at++) {
                    int i = target[at] - lo;
                    count[i]++;
                    counted[i >>> 6] |= 1L << i;
                }
            }
        }
    }

    /** Places every synapse at its neuron's next slot ({@link #count}), rows first, in the order added. */
    private void placeAll() {
        long[] out = synapses;
        for (int k = 0; k < rowSynapses; k++) {
            int at = FIELDS * count[rowNeuron[k] - lo]++;
            int e = rowEntry[k];
            out[at] = Double.doubleToRawLongBits(entryTime[e]);
            out[at + 1] = entryPlace[e];
            out[at + 2] = Double.doubleToRawLongBits(rowWeight[k]);
            out[at + 3] = spikeAndReceptor(entrySpike[e], entryReceptor[e]);
        }
        for (int s = 0; s < sources; s++) {
            GeneratedArrivals.Window w = generated[s];
            int[] global = globalNumbers[s];
            for (int c = 0; c < w.chunks; c++) {
                for (int from = w.start[c], end = from + w.entries[c]; from < end; from++) {
                    int at = FIELDS * count[w.neuron[from] - lo]++;
                    out[at] = Double.doubleToRawLongBits(w.time[from]);
                    out[at + 1] = w.place[from];
                    out[at + 2] = Double.doubleToRawLongBits(w.weight[from]);
                    out[at + 3] = spikeAndReceptor(global[w.spike[from]], w.receptor[from]);
                }
            }
        }
    }

    private static long spikeAndReceptor(int spikeNumber, int rec) {
        return (long) spikeNumber << 32 | (rec & 0xFFFFFFFFL);
    }

    /** Stable insertion sort of {@code [from, to)} by arrival key: runs are short, and mostly in order. */
    private void sortByKey(int from, int to) {
        long[] a = synapses;
        for (int i = from + 1; i < to; i++) {
            int at = FIELDS * i;
            double t = Double.longBitsToDouble(a[at]);
            long p = a[at + 1];
            long sr = a[at + 3];
            if (!before(t, (int) (sr >>> 32), p, at - FIELDS)) {
                continue;
            }
            long w = a[at + 2];
            int k = at;
            do {
                System.arraycopy(a, k - FIELDS, a, k, FIELDS);
                k -= FIELDS;
            } while (k > FIELDS * from && before(t, (int) (sr >>> 32), p, k - FIELDS));
            a[k] = Double.doubleToRawLongBits(t);
            a[k + 1] = p;
            a[k + 2] = w;
            a[k + 3] = sr;
        }
    }

    /** True if the key (t, s, p) is smaller than that of the synapse at {@code synapses[at]}. */
    private boolean before(double t, int s, long p, int at) {
        double time = Double.longBitsToDouble(synapses[at]);
        if (t != time) {
            return t < time;
        }
        int other = (int) (synapses[at + 3] >>> 32);
        if (s != other) {
            return s < other;
        }
        return p < synapses[at + 1];
    }

    /** Number of synapses. */
    int size() {
        return size;
    }

    /** Number of neurons with synapses, once sorted. */
    int neurons() {
        return neurons;
    }

    /** The j-th neuron with synapses (ascending global index), once sorted. */
    int neuron(int j) {
        return lo + neuron[j];
    }

    /** Where the j-th neuron's synapses start; they end where the next one's start ({@code first(neurons())} is {@link #size}). */
    int first(int j) {
        return first[j];
    }

    double weight(int k) {
        return Double.longBitsToDouble(synapses[FIELDS * k + 2]);
    }

    /** Synapse k's arrival time. */
    double time(int k) {
        return Double.longBitsToDouble(synapses[FIELDS * k]);
    }

    int receptor(int k) {
        return (int) synapses[FIELDS * k + 3];
    }

    /** The first part of synapse k's arrival key: its spike's global number. */
    int spike(int k) {
        return (int) (synapses[FIELDS * k + 3] >>> 32);
    }

    /** The second part of synapse k's arrival key: projection and row position. */
    long place(int k) {
        return synapses[FIELDS * k + 1];
    }
}
