package org.eventsnn.core.engine;

import java.util.Arrays;

/**
 * Generated synapses (procedural, each with a delay of its own) on their way to one partition's
 * neurons, kept by the window they arrive in rather than in a time-ordered queue: a partition
 * takes a whole window's arrivals at once and orders them per target neuron itself. Each
 * synapse (time, global spike number, queue key place, target neuron, weight, receptor) is
 * stored in its window's chain of fixed-size chunks from one shared pool, so a window's
 * synapses are read back in sequence and memory follows the synapses pending. Windows live in
 * a ring that doubles when a synapse arrives beyond it. Not thread-safe.
 */
final class GeneratedArrivals {
    private static final int CHUNK = 256;
    private static final int NONE = -1;

    private double[] time = new double[0];
    private int[] spike = new int[0];
    private long[] place = new long[0];
    private int[] neuron = new int[0];
    private double[] weight = new double[0];
    private int[] receptor = new int[0];
    /** Per chunk: the next in its chain, and how many entries it holds. */
    private int[] nextChunk = new int[0];
    private int[] fill = new int[0];
    private int[] freeChunks = new int[0];
    private int freeCount;
    /** Per ring slot (window mod ring size): its first and last chunk. */
    private int[] head = new int[64];
    private int[] tail = new int[64];
    private int mask = 63;
    /** The next window to take. */
    private int horizon;
    private int takenHead = NONE;

    GeneratedArrivals() {
        clear();
    }

    /** Drops every pending synapse; the next window to take is 0. */
    void clear() {
        Arrays.fill(head, NONE);
        Arrays.fill(tail, NONE);
        freeCount = 0;
        for (int c = nextChunk.length - 1; c >= 0; c--) {
            freeChunks[freeCount++] = c;
        }
        takenHead = NONE;
        horizon = 0;
    }

    /**
     * A synapse arriving in window {@code window} (not before the next window to take) at time t
     * at neuron g, with queue key (spike, place).
     */
    void add(int window, double t, int s, long key, int g, double w, int rec) {
        if (window - horizon > mask) {
            growRing(window - horizon);
        }
        int slot = window & mask;
        int c = tail[slot];
        if (c == NONE || fill[c] == CHUNK) {
            int fresh = allocateChunk();
            if (c == NONE) {
                head[slot] = fresh;
            } else {
                nextChunk[c] = fresh;
            }
            tail[slot] = fresh;
            c = fresh;
        }
        int at = c * CHUNK + fill[c]++;
        time[at] = t;
        spike[at] = s;
        place[at] = key;
        neuron[at] = g;
        weight[at] = w;
        receptor[at] = rec;
    }

    /**
     * Takes window {@code window}'s synapses (windows are taken one after another from 0, each
     * once): the first chunk of their chain, or -1; read them with {@link #nextChunk} and
     * {@link #entries}, then {@link #releaseTaken}.
     */
    int take(int window) {
        if (window != horizon) {
            throw new IllegalStateException("window " + window + " taken out of turn; next is " + horizon);
        }
        releaseTaken();
        int slot = window & mask;
        takenHead = head[slot];
        head[slot] = NONE;
        tail[slot] = NONE;
        horizon++;
        return takenHead;
    }

    /** The chunk after c in its chain, or -1. */
    int nextChunk(int c) {
        return nextChunk[c];
    }

    /** Chunk c's entries: positions {@code [c * CHUNK, c * CHUNK + entries(c))} of the accessors. */
    int entries(int c) {
        return fill[c];
    }

    /** The first position of chunk c. */
    static int start(int c) {
        return c * CHUNK;
    }

    /** Returns the chunks of the window last taken to the pool. */
    void releaseTaken() {
        freeChain(takenHead);
        takenHead = NONE;
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

    private void freeChain(int first) {
        for (int c = first; c != NONE; c = nextChunk[c]) {
            freeChunks[freeCount++] = c;
        }
    }

    /** Doubles the ring until window {@code horizon + ahead} fits, moving every window to its new slot. */
    private void growRing(int ahead) {
        int size = mask + 1;
        int grown = size;
        while (ahead >= grown) {
            grown = Math.multiplyExact(grown, 2);
        }
        int[] newHead = new int[grown];
        int[] newTail = new int[grown];
        Arrays.fill(newHead, NONE);
        Arrays.fill(newTail, NONE);
        for (int w = horizon; w < horizon + size; w++) {
            newHead[w & (grown - 1)] = head[w & mask];
            newTail[w & (grown - 1)] = tail[w & mask];
        }
        head = newHead;
        tail = newTail;
        mask = grown - 1;
    }

    private int allocateChunk() {
        if (freeCount == 0) {
            int chunks = nextChunk.length;
            int grown = Math.max(16, Math.multiplyExact(chunks, 2));
            int entries = Math.multiplyExact(grown, CHUNK);
            time = Arrays.copyOf(time, entries);
            spike = Arrays.copyOf(spike, entries);
            place = Arrays.copyOf(place, entries);
            neuron = Arrays.copyOf(neuron, entries);
            weight = Arrays.copyOf(weight, entries);
            receptor = Arrays.copyOf(receptor, entries);
            nextChunk = Arrays.copyOf(nextChunk, grown);
            fill = Arrays.copyOf(fill, grown);
            freeChunks = Arrays.copyOf(freeChunks, grown);
            for (int c = grown - 1; c >= chunks; c--) {
                freeChunks[freeCount++] = c;
            }
        }
        int c = freeChunks[--freeCount];
        nextChunk[c] = NONE;
        fill[c] = 0;
        return c;
    }
}
