package org.eventsnn.core.model;

import java.util.Arrays;

/**
 * A reusable buffer for one source neuron's generated synapses (target, weight, delay), with
 * an order of them by (delay, synapse number): the order a spike's arrivals take. Grows as
 * needed and is then reused: no allocation per spike.
 */
public final class SynapseRow {
    private int[] target = new int[64];
    private double[] weight = new double[64];
    private double[] delay = new double[64];
    private int[] order = new int[64];
    private int[] scratch = new int[64];
    private int size;

    /** Empties the row. */
    public void clear() {
        size = 0;
    }

    void add(int j, double w, double d) {
        if (size == target.length) {
            int n = Math.multiplyExact(size, 2);
            target = Arrays.copyOf(target, n);
            weight = Arrays.copyOf(weight, n);
            delay = Arrays.copyOf(delay, n);
            order = new int[n];
            scratch = new int[n];
        }
        target[size] = j;
        weight[size] = w;
        delay[size] = d;
        size++;
    }

    /** Number of synapses in the row. */
    public int size() {
        return size;
    }

    /** Target neuron of the row's k-th synapse (generation order). */
    public int target(int k) {
        return target[k];
    }

    /** Weight of the row's k-th synapse (generation order). */
    public double weight(int k) {
        return weight[k];
    }

    /** Delay of the row's k-th synapse (generation order). */
    public double delay(int k) {
        return delay[k];
    }

    /**
     * Orders the row by (delay, synapse number) (a stable merge sort on indices); afterwards
     * {@link #sorted(int)} gives the synapse at each place.
     */
    public void sortByDelay() {
        for (int k = 0; k < size; k++) {
            order[k] = k;
        }
        int[] from = order;
        int[] to = scratch;
        for (int width = 1; width < size; width *= 2) {
            for (int lo = 0; lo < size; lo += 2 * width) {
                int mid = Math.min(lo + width, size);
                int hi = Math.min(lo + 2 * width, size);
                int a = lo;
                int b = mid;
                for (int k = lo; k < hi; k++) {
                    if (a < mid && (b >= hi || delay[from[a]] <= delay[from[b]])) {
                        to[k] = from[a++];
                    } else {
                        to[k] = from[b++];
                    }
                }
            }
            int[] t = from;
            from = to;
            to = t;
        }
        order = from;
        scratch = to;
    }

    /** The synapse (generation index) at place {@code k} of the order set by {@link #sortByDelay}. */
    public int sorted(int k) {
        return order[k];
    }
}
