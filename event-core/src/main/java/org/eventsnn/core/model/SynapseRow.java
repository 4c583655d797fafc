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
    /** The delays in the order of {@link #order}. */
    private double[] orderedDelay = new double[64];
    private int[] scratch = new int[64];
    private int[] bucketStart = new int[65];
    private int size;
    /** The smallest and largest delay added since the row was cleared. */
    private double lo = Double.POSITIVE_INFINITY;
    private double hi = Double.NEGATIVE_INFINITY;

    /** Empties the row. */
    public void clear() {
        size = 0;
        lo = Double.POSITIVE_INFINITY;
        hi = Double.NEGATIVE_INFINITY;
    }

    void add(int j, double w, double d) {
        if (size == target.length) {
            int n = Math.multiplyExact(size, 2);
            target = Arrays.copyOf(target, n);
            weight = Arrays.copyOf(weight, n);
            delay = Arrays.copyOf(delay, n);
            order = new int[n];
            orderedDelay = new double[n];
            scratch = new int[n];
        }
        target[size] = j;
        weight[size] = w;
        delay[size] = d;
        size++;
        lo = Math.min(lo, d);
        hi = Math.max(hi, d);
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
     * Orders the row by (delay, synapse number); afterwards {@link #sorted(int)} gives the
     * synapse at each place. A bucket sort: synapses go, in generation order, into as many
     * buckets as there are synapses by {@code (delay - min) * scale}, which never decreases as
     * the delay grows, and each bucket is then sorted by insertion, which keeps equal delays in
     * generation order. Linear time for delays spread like a normal distribution's draws. The
     * smallest and largest delay are kept as synapses are added, and the insertion moves each
     * delay with its synapse ({@link #sortedDelay}), so that it reads no delay through the order.
     */
    public void sortByDelay() {
        double scale = size / (hi - lo);
        if (!(scale > 0 && scale < Double.POSITIVE_INFINITY)) { // one delay (or fewer than 2 synapses)
            for (int k = 0; k < size; k++) {
                order[k] = k;
                orderedDelay[k] = delay[k];
            }
            return;
        }
        if (bucketStart.length < size + 1) {
            bucketStart = new int[order.length + 1];
        }
        Arrays.fill(bucketStart, 0, size + 1, 0);
        for (int k = 0; k < size; k++) {
            scratch[k] = bucket(delay[k], lo, scale);
            bucketStart[scratch[k] + 1]++;
        }
        for (int b = 0; b < size; b++) {
            bucketStart[b + 1] += bucketStart[b];
        }
        for (int k = 0; k < size; k++) { // in generation order: each bucket starts stable
            int at = bucketStart[scratch[k]]++;
            order[at] = k;
            orderedDelay[at] = delay[k];
        }
        for (int p = 1; p < size; p++) { // insertion: stops at an earlier bucket, whose delays are no larger
            double d = orderedDelay[p];
            if (!(orderedDelay[p - 1] > d)) {
                continue;
            }
            int k = order[p];
            int q = p - 1;
            do {
                order[q + 1] = order[q];
                orderedDelay[q + 1] = orderedDelay[q];
                q--;
            } while (q >= 0 && orderedDelay[q] > d);
            order[q + 1] = k;
            orderedDelay[q + 1] = d;
        }
    }

    private int bucket(double d, double lo, double scale) {
        return Math.min(size - 1, (int) ((d - lo) * scale));
    }

    /** The synapse (generation index) at place {@code k} of the order set by {@link #sortByDelay}. */
    public int sorted(int k) {
        return order[k];
    }

    /** The delay of the synapse at place {@code k} of that order: {@code delay(sorted(k))}. */
    public double sortedDelay(int k) {
        return orderedDelay[k];
    }
}
