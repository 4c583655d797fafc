package org.eventsnn.core.engine;

import org.eventsnn.core.model.Projection;

import java.util.Arrays;

/**
 * The arrivals of one run over a projection with per-synapse delays, for {@link LayeredSimulation},
 * in the order the global queue ({@link ArrivalQueue}) processes them: by time, then source spike,
 * then row slot. As the queue does, each source spike arrives in parts, one per run of row slots
 * whose synapses it reaches at the same instant ({@link Projection#arrivalEnd}); a spike with an
 * empty row has none, and parts after the window's end are left out. Every spike's parts come in
 * time order (rows are sorted by delay), so listing them spike by spike and sorting stably by time
 * alone gives the queue's order; a natural merge sort uses those ready-made runs. Reused between
 * runs; nothing is allocated once grown.
 */
final class DelayedArrivals {
    private double[] time = new double[16];
    private int[] spike = new int[16];
    private int[] first = new int[16];
    private int[] end = new int[16];
    /** The parts in the queue's order (indices into the arrays above) and the merge sort's buffer. */
    private int[] order = new int[16];
    private int[] buffer = new int[16];
    /** Starts of the sorted runs being merged, then those of the merged runs. */
    private int[] runStart = new int[17];
    private int[] mergedStart = new int[17];
    private int size;

    /**
     * Lists the arrivals over {@code pr} of the spikes {@code sourceSpikes} (ids in {@code spikes},
     * in the queue's order) up to {@code duration}, then sorts them.
     */
    void build(Projection pr, int sourceOffset, IdList sourceSpikes, SpikeStore spikes, double duration) {
        size = 0;
        for (int k = 0; k < sourceSpikes.size(); k++) {
            int s = sourceSpikes.get(k);
            double at = spikes.time(s);
            int pre = spikes.neuron(s) - sourceOffset;
            int rowEnd = pr.rowStart(pre + 1);
            for (int from = pr.rowStart(pre); from < rowEnd; ) {
                double t = at + pr.rowDelay(from);
                if (t > duration) {
                    break; // the rest of the row arrives later still
                }
                int to = pr.arrivalEnd(pre, from, at);
                add(t, s, from, to);
                from = to;
            }
        }
        sortByTime();
    }

    private void add(double t, int s, int from, int to) {
        if (size == time.length) {
            int n = Math.multiplyExact(size, 2);
            time = Arrays.copyOf(time, n);
            spike = Arrays.copyOf(spike, n);
            first = Arrays.copyOf(first, n);
            end = Arrays.copyOf(end, n);
            order = new int[n];
            buffer = new int[n];
            runStart = new int[n + 1];
            mergedStart = new int[n + 1];
        }
        time[size] = t;
        spike[size] = s;
        first[size] = from;
        end[size] = to;
        size++;
    }

    /** Number of arrivals. */
    int size() {
        return size;
    }

    /** Time of the k-th arrival in the queue's order. */
    double time(int k) {
        return time[order[k]];
    }

    /** Source spike (its id in the store) of the k-th arrival. */
    int spike(int k) {
        return spike[order[k]];
    }

    /** First row slot the k-th arrival delivers. */
    int first(int k) {
        return first[order[k]];
    }

    /** End (exclusive) of the row slots the k-th arrival delivers. */
    int end(int k) {
        return end[order[k]];
    }

    /** Sorts {@link #order} stably by time: finds the ascending runs, then merges neighbours until one is left. */
    private void sortByTime() {
        int runs = 0;
        for (int i = 0; i < size; i++) {
            order[i] = i;
            if (i == 0 || time[i] < time[i - 1]) {
                runStart[runs++] = i;
            }
        }
        runStart[runs] = size;
        while (runs > 1) {
            int merged = 0;
            for (int r = 0; r < runs; r += 2) {
                int lo = runStart[r];
                int mid = runStart[Math.min(r + 1, runs)];
                int hi = runStart[Math.min(r + 2, runs)];
                mergedStart[merged++] = lo;
                merge(lo, mid, hi);
            }
            mergedStart[merged] = size;
            int[] swap = order;
            order = buffer;
            buffer = swap;
            swap = runStart;
            runStart = mergedStart;
            mergedStart = swap;
            runs = merged;
        }
    }

    /** Merges the sorted runs {@code order[lo, mid)} and {@code order[mid, hi)} into {@code buffer[lo, hi)}, ties from the left. */
    private void merge(int lo, int mid, int hi) {
        int i = lo;
        int j = mid;
        for (int k = lo; k < hi; k++) {
            buffer[k] = j >= hi || (i < mid && time[order[i]] <= time[order[j]]) ? order[i++] : order[j++];
        }
    }
}
