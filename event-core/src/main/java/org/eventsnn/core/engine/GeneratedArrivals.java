package org.eventsnn.core.engine;

import java.util.Arrays;

/**
 * Generated synapses (procedural, each with a delay of its own) on their way to one partition's
 * neurons, kept by the window they arrive in rather than in a time-ordered queue: a partition
 * takes a whole window's arrivals at once and orders them per target neuron itself. Each
 * synapse (time, global spike number, queue key place, target neuron, weight, receptor) is
 * stored in its window's chain of 256-entry chunks ({@link WindowChains}), so a window's
 * synapses are read back in sequence and memory follows the synapses pending. Not thread-safe.
 */
final class GeneratedArrivals {
    private final WindowChains chains = new WindowChains(256);
    private double[] time = new double[0];
    private int[] spike = new int[0];
    private long[] place = new long[0];
    private int[] neuron = new int[0];
    private double[] weight = new double[0];
    private int[] receptor = new int[0];

    /** Drops every pending synapse; the next window to take is 0. */
    void clear() {
        chains.clear();
    }

    /**
     * A synapse arriving in window {@code window} (not before the next window to take) at time t
     * at neuron g, with queue key (spike, place).
     */
    void add(int window, double t, int s, long key, int g, double w, int rec) {
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
        spike[at] = s;
        place[at] = key;
        neuron[at] = g;
        weight[at] = w;
        receptor[at] = rec;
    }

    /**
     * Takes window {@code window}'s synapses (windows are taken one after another from 0, each
     * once): the first chunk of their chain, or -1; read them with {@link #nextChunk},
     * {@link #start} and {@link #entries}, then {@link #releaseTaken}.
     */
    int take(int window) {
        return chains.take(window);
    }

    /** The chunk after c in its chain, or -1. */
    int nextChunk(int c) {
        return chains.next(c);
    }

    /** Chunk c's entries: positions {@code [start(c), start(c) + entries(c))} of the accessors. */
    int entries(int c) {
        return chains.entries(c);
    }

    /** The first position of chunk c. */
    int start(int c) {
        return chains.start(c);
    }

    /** Returns the chunks of the window last taken to the pool. */
    void releaseTaken() {
        chains.releaseTaken();
    }

    double time(int at) {
        return time[at];
    }

    int spike(int at) {
        return spike[at];
    }

    long place(int at) {
        return place[at];
    }

    int neuron(int at) {
        return neuron[at];
    }

    double weight(int at) {
        return weight[at];
    }

    int receptor(int at) {
        return receptor[at];
    }
}
