package org.eventsnn.core.record;

/** Sorting of spike lists into the order every spike file uses: by time, ties by neuron index. */
public final class SpikeOrder {
    private SpikeOrder() {
    }

    /**
     * Sorts the parallel arrays in place by (time, neuron); stable. An insertion sort: spike
     * lists are short or nearly sorted wherever this is used.
     */
    public static void sort(double[] time, int[] neuron) {
        for (int i = 1; i < time.length; i++) {
            double t = time[i];
            int n = neuron[i];
            int k = i;
            while (k > 0 && (time[k - 1] > t || (time[k - 1] == t && neuron[k - 1] > n))) {
                time[k] = time[k - 1];
                neuron[k] = neuron[k - 1];
                k--;
            }
            time[k] = t;
            neuron[k] = n;
        }
    }
}
