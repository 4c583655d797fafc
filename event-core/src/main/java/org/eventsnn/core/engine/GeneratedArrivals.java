package org.eventsnn.core.engine;

import java.util.Arrays;

/**
 * Generated synapses (procedural, each with a delay of its own) that one partition of the
 * multi-threaded engine (the producer) made for one partition's neurons (the target, possibly
 * itself), kept by the window they arrive in: each synapse is written once, when its spike is
 * recorded, with everything its target's inbox needs (arrival time, the producer's local spike
 * number, queue key place, target neuron, weight, receptor), in its window's chain of 256-entry
 * chunks ({@link WindowChains}).
 *
 * <p>Two partitions share it without locks, run by whichever threads take them in a window (the
 * barrier between windows orders everything below). The producer adds at the end of its window k (to
 * windows after k only: the minimum delay guarantees it), having first freed the windows before
 * k, and then publishes window k + 1 ({@link #publish}): a list of its chunks and the payload
 * arrays as they are, in the view of that window's parity. The target reads window k + 1
 * through that view during its window k + 1 ({@link #published}), after the barrier that ends
 * window k, while the producer may add to later windows (in chunks the view does not list, and,
 * when they grow, in copies of the arrays) and writes the other parity's view; the producer frees
 * window k + 1's chunks only in window k + 2, after the next barrier.
 */
final class GeneratedArrivals {
    private final WindowChains chains = new WindowChains(256);
    private double[] time = new double[0];
    private int[] spike = new int[0];
    private long[] place = new long[0];
    private int[] neuron = new int[0];
    private double[] weight = new double[0];
    private int[] receptor = new int[0];
    private final Window[] views = {new Window(), new Window()};

    /**
     * One window's synapses as published to the target: chunk i holds positions
     * {@code [start[i], start[i] + entries[i])} of the arrays. Read-only for the target.
     */
    static final class Window {
        int window = -1;
        int chunks;
        int[] start = new int[4];
        int[] entries = new int[4];
        double[] time;
        /** The producer's local spike numbers. */
        int[] spike;
        long[] place;
        int[] neuron;
        double[] weight;
        int[] receptor;
    }

    private static final Window EMPTY = new Window();

    /** Drops every synapse and view; the next window is 0. */
    void clear() {
        chains.clear();
        for (Window v : views) {
            v.window = -1;
            v.chunks = 0;
        }
    }

    /** Producer, at the end of window k before adding: frees the windows before k, which the target has read. */
    void freeBefore(int k) {
        chains.dropBefore(k);
    }

    /**
     * Producer: a synapse arriving in window {@code window} (after the window being ended) at time
     * t at neuron g, with the producer's local spike number {@code localSpike} and queue key place
     * {@code key}.
     */
    void add(int window, double t, int localSpike, long key, int g, double w, int rec) {
        int at = chains.append(window);
        if (at >= time.length) {
            int entries = chains.capacity();
            time = Arrays.copyOf(time, entries);
            spike = Arrays.copyOf(spike, entries);
            place = Arrays.copyOf(place, entries);
            neuron = Arrays.copyOf(neuron, entries);
            weight = Arrays.copyOf(weight, entries);
            receptor = Arrays.copyOf(receptor, entries);
        }
        time[at] = t;
        spike[at] = localSpike;
        place[at] = key;
        neuron[at] = g;
        weight[at] = w;
        receptor[at] = rec;
    }

    /** Producer, at the end of window {@code window - 1} after adding: publishes window {@code window}'s synapses. */
    void publish(int window) {
        Window v = views[window & 1];
        int n = 0;
        for (int c = chains.head(window); c != WindowChains.NONE; c = chains.next(c)) {
            if (n == v.start.length) {
                v.start = Arrays.copyOf(v.start, 2 * n);
                v.entries = Arrays.copyOf(v.entries, 2 * n);
            }
            v.start[n] = chains.start(c);
            v.entries[n] = chains.entries(c);
            n++;
        }
        v.chunks = n;
        v.window = window;
        v.time = time;
        v.spike = spike;
        v.place = place;
        v.neuron = neuron;
        v.weight = weight;
        v.receptor = receptor;
    }

    /** Target, during window k: window k's synapses, as published at the end of window k - 1 (none before). */
    Window published(int k) {
        Window v = views[k & 1];
        return v.window == k ? v : EMPTY;
    }
}
