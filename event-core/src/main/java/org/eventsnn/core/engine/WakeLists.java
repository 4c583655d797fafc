package org.eventsnn.core.engine;

import java.util.Arrays;

/**
 * The neurons a partition is to visit, by window number: for each window ahead, a list of
 * neuron indices, appended in any order and taken whole, one window after another from 0. A
 * list is a chain of small chunks (16 indices, one cache line) from one shared pool, so that
 * the many windows with a few neurons each keep few cache lines warm and memory follows the
 * entries pending. Windows live in a ring that doubles when an entry lies beyond it. Arrays
 * grow as needed; nothing is allocated once grown. Not thread-safe.
 */
final class WakeLists {
    private static final int CHUNK = 16;
    private static final int NONE = -1;

    /** Entry k of chunk c at {@code c * CHUNK + k}. */
    private int[] ids = new int[0];
    /** Per chunk: the next chunk of its chain. */
    private int[] nextChunk = new int[0];
    private int[] freeChunks = new int[0];
    private int freeCount;
    /** Per ring slot (window mod ring size): its first and last chunk, and its entry count. */
    private int[] head = new int[64];
    private int[] tail = new int[64];
    private int[] count = new int[64];
    private int mask = 63;
    /** The next window to take. */
    private int horizon;
    private int takenHead = NONE;
    private int takenCount;

    WakeLists() {
        clear();
    }

    /** Drops every entry; the next window to take is 0. */
    void clear() {
        Arrays.fill(head, NONE);
        Arrays.fill(tail, NONE);
        Arrays.fill(count, 0);
        freeCount = 0;
        for (int c = nextChunk.length - 1; c >= 0; c--) {
            freeChunks[freeCount++] = c;
        }
        takenHead = NONE;
        takenCount = 0;
        horizon = 0;
    }

    /** Adds neuron {@code id} to window {@code window}'s list (a window not yet taken). */
    void add(int window, int id) {
        int ahead = window - horizon;
        if (ahead < 0) {
            throw new IllegalArgumentException("window " + window + " was taken already; next is " + horizon);
        }
        if (ahead > mask) {
            growRing(ahead);
        }
        int slot = window & mask;
        int n = count[slot]++;
        int c = tail[slot];
        if ((n & (CHUNK - 1)) == 0) { // the list is empty or its last chunk full
            int fresh = allocateChunk();
            if (c == NONE) {
                head[slot] = fresh;
            } else {
                nextChunk[c] = fresh;
            }
            tail[slot] = fresh;
            c = fresh;
        }
        ids[c * CHUNK + (n & (CHUNK - 1))] = id;
    }

    /**
     * Takes window {@code window}'s list (windows are taken one after another from 0, each
     * once) and returns its length; {@link #copyTaken} then hands it over.
     */
    int take(int window) {
        if (window != horizon) {
            throw new IllegalStateException("window " + window + " taken out of turn; next is " + horizon);
        }
        freeChain(takenHead);
        int slot = window & mask;
        takenHead = head[slot];
        takenCount = count[slot];
        head[slot] = NONE;
        tail[slot] = NONE;
        count[slot] = 0;
        horizon++;
        return takenCount;
    }

    /** Copies the list last taken into {@code out} from index 0, and frees its chunks. */
    void copyTaken(int[] out) {
        int copied = 0;
        for (int c = takenHead; c != NONE; c = nextChunk[c]) {
            int n = Math.min(CHUNK, takenCount - copied);
            System.arraycopy(ids, c * CHUNK, out, copied, n);
            copied += n;
        }
        freeChain(takenHead);
        takenHead = NONE;
        takenCount = 0;
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
        int[] newCount = new int[grown];
        Arrays.fill(newHead, NONE);
        Arrays.fill(newTail, NONE);
        for (int w = horizon; w < horizon + size; w++) {
            newHead[w & (grown - 1)] = head[w & mask];
            newTail[w & (grown - 1)] = tail[w & mask];
            newCount[w & (grown - 1)] = count[w & mask];
        }
        head = newHead;
        tail = newTail;
        count = newCount;
        mask = grown - 1;
    }

    private int allocateChunk() {
        if (freeCount == 0) {
            int chunks = nextChunk.length;
            int grown = Math.max(64, Math.multiplyExact(chunks, 2));
            ids = Arrays.copyOf(ids, Math.multiplyExact(grown, CHUNK));
            nextChunk = Arrays.copyOf(nextChunk, grown);
            freeChunks = Arrays.copyOf(freeChunks, grown);
            for (int c = grown - 1; c >= chunks; c--) {
                freeChunks[freeCount++] = c;
            }
        }
        int c = freeChunks[--freeCount];
        nextChunk[c] = NONE;
        return c;
    }
}
