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
 * alone gives the queue's order; a natural merge sort, after sorting short blocks by insertion,
 * uses those ready-made runs. Reused between
 * runs; nothing is allocated once grown.
 */
final class DelayedArrivals {
    /** Arrivals sorted by insertion before the merges (see {@link #sortByTime}). */
    private static final int BLOCK = 32;
    private double[] time = new double[16];
    private int[] spike = new int[16];
    private int[] first = new int[16];
    private int[] end = new int[16];
    /** The parts in the queue's order (indices into the arrays above) with their times, and the merge sort's buffers. */
    private int[] order = new int[16];
    private double[] sortedTime = new double[16];
    private int[] buffer = new int[16];
    private double[] timeBuffer = new double[16];
    /** Starts of the sorted runs being merged, then those of the merged runs. */
    private int[] runStart = new int[17];
    private int[] mergedStart = new int[17];
    private int size;

    /**
     * Lists the arrivals over {@code pr} of the spikes {@code sourceSpikes} (ids in {@code spikes},
     * in the queue's order) up to {@code duration}, then sorts them. A part is the run of slots
     * whose arrival times are equal, as {@link Projection#arrivalEnd} finds it.
     */
    void build(Projection pr, int sourceOffset, IdList sourceSpikes, SpikeStore spikes, double duration) {
        size = 0;
        for (int k = 0; k < sourceSpikes.size(); k++) {
            int s = sourceSpikes.get(k);
            double at = spikes.time(s);
            int pre = spikes.neuron(s) - sourceOffset;
            int r = pr.rowStart(pre);
            int rowEnd = pr.rowStart(pre + 1);
            double part = Double.NaN;
            for (; r < rowEnd; r++) {
                double t = at + pr.rowDelay(r);
                if (t != part) {
                    if (size > 0 && spike[size - 1] == s) {
                        end[size - 1] = r;
                    }
                    if (t > duration) {
                        break; // the rest of the row arrives later still
                    }
                    add(t, s, r);
                    part = t;
                }
            }
            if (size > 0 && spike[size - 1] == s && r == rowEnd) {
                end[size - 1] = rowEnd;
            }
        }
        sortByTime();
    }

    private void add(double t, int s, int from) {
        if (size == time.length) {
            int n = Math.multiplyExact(size, 2);
            time = Arrays.copyOf(time, n);
            spike = Arrays.copyOf(spike, n);
            first = Arrays.copyOf(first, n);
            end = Arrays.copyOf(end, n);
            order = new int[n];
            buffer = new int[n];
            sortedTime = new double[n];
            timeBuffer = new double[n];
            runStart = new int[n + 1];
            mergedStart = new int[n + 1];
        }
        time[size] = t;
        spike[size] = s;
        first[size] = from;
        size++;
    }

    /** Number of arrivals. */
    int size() {
        return size;
    }

    /** Time of the k-th arrival in the queue's order. */
    double time(int k) {
        return sortedTime[k];
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

    /**
     * Sorts the arrivals stably by time into {@link #order} and {@link #sortedTime}: sorts each
     * block of {@link #BLOCK} arrivals by insertion, finds the ascending runs, then merges
     * neighbours until one is left. Many spikes of a few parts each (a hidden layer's spikes onto
     * a few outputs) make many short runs that overlap only their neighbours; the blocks join
     * them into a few long ones at little cost, saving most merge passes (about 2x faster on
     * such lists, and a little on few long runs).
     */
    private void sortByTime() {
        for (int i = 0; i < size; i++) {
            order[i] = i;
            sortedTime[i] = time[i];
        }
        for (int lo = 0; lo < size; lo += BLOCK) {
            insertionSort(lo, Math.min(size, lo + BLOCK));
        }
        int runs = 0;
        for (int i = 0; i < size; i++) {
            if (i == 0 || sortedTime[i] < sortedTime[i - 1]) {
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
            double[] swapTime = sortedTime;
            sortedTime = timeBuffer;
            timeBuffer = swapTime;
            swap = runStart;
            runStart = mergedStart;
            mergedStart = swap;
            runs = merged;
        }
    }

    /** Sorts {@code [lo, hi)} of {@link #order} and {@link #sortedTime} by time, stably (ties keep their order). */
    private void insertionSort(int lo, int hi) {
        for (int i = lo + 1; i < hi; i++) {
            double t = sortedTime[i];
            if (t >= sortedTime[i - 1]) {
                continue;
            }
            int o = order[i];
            int k = i;
            while (k > lo && sortedTime[k - 1] > t) {
                sortedTime[k] = sortedTime[k - 1];
                order[k] = order[k - 1];
                k--;
            }
            sortedTime[k] = t;
            order[k] = o;
        }
    }

    /**
     * Merges the sorted runs {@code [lo, mid)} and {@code [mid, hi)} of {@link #order} and
     * {@link #sortedTime} into {@code [lo, hi)} of the buffers, ties from the left.
     */
    private void merge(int lo, int mid, int hi) {
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
            if (sortedTime[i] <= sortedTime[j]) {
                timeBuffer[k] = sortedTime[i];
                buffer[k++] = order[i++];
            } else {
                timeBuffer[k] = sortedTime[j];
                buffer[k++] = order[j++];
            }
        }
        int rest = i < mid ? i : j;
        int restEnd = i < mid ? mid : hi;
        System.arraycopy(order, rest, buffer, k, restEnd - rest);
        System.arraycopy(sortedTime, rest, timeBuffer, k, restEnd - rest);
    }
}
