package org.eventsnn.core.engine;

import java.util.Arrays;

/**
 * Entries kept by the window they belong to, for owners that take one whole window after
 * another from window 0: each window's entries sit in a chain of fixed-size chunks from one
 * shared pool, so a window's entries are read back in the order added and memory follows the
 * entries pending. Windows live in a ring that doubles when an entry lies beyond it. This class
 * hands out entry positions; the owner keeps the payload in arrays of {@link #capacity()}
 * entries, which grows only inside {@link #append}. Not thread-safe.
 */
final class WindowChains {
    /** No chunk. */
    static final int NONE = -1;

    private final int chunk;
    /** Per chunk: the next of its chain, and how many entries it holds. */
    private int[] nextChunk = new int[0];
    private int[] fill = new int[0];
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

    /** Chains of chunks of {@code chunk} entries each. */
    WindowChains(int chunk) {
        this.chunk = chunk;
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
        horizon = 0;
    }

    /** Entries the pool holds: the length the owner's payload arrays need. */
    int capacity() {
        return nextChunk.length * chunk;
    }

    /**
     * A new entry at the end of window {@code window}'s chain (a window not yet taken); returns
     * its position. May grow {@link #capacity()}.
     */
    int append(int window) {
        int ahead = window - horizon;
        if (ahead < 0) {
            throw new IllegalArgumentException("window " + window + " was taken already; next is " + horizon);
        }
        if (ahead > mask) {
            growRing(ahead);
        }
        int slot = window & mask;
        int c = tail[slot];
        if (c == NONE || fill[c] == chunk) {
            int fresh = allocateChunk();
            if (c == NONE) {
                head[slot] = fresh;
            } else {
                nextChunk[c] = fresh;
            }
            tail[slot] = fresh;
            c = fresh;
        }
        count[slot]++;
        return c * chunk + fill[c]++;
    }

    /**
     * Takes window {@code window}'s chain (windows are taken one after another from 0, each once;
     * the chain taken before goes back to the pool): its first chunk, or {@link #NONE}; read it
     * with {@link #next}, {@link #start} and {@link #entries}.
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
        count[slot] = 0;
        horizon++;
        return takenHead;
    }

    /**
     * Frees the chains of the windows before {@code window} (and the one last taken) without
     * reading them: the next window to take becomes {@code window}. For an owner whose entries
     * are read elsewhere ({@link #head}) and freed once read.
     */
    void dropBefore(int window) {
        releaseTaken();
        for (; horizon < window; horizon++) {
            int slot = horizon & mask;
            for (int c = head[slot]; c != NONE; c = nextChunk[c]) {
                freeChunks[freeCount++] = c;
            }
            head[slot] = NONE;
            tail[slot] = NONE;
            count[slot] = 0;
        }
    }

    /** The first chunk of window {@code window}'s chain (a window not yet taken), or {@link #NONE}; it stays. */
    int head(int window) {
        int ahead = window - horizon;
        return ahead < 0 || ahead > mask ? NONE : head[window & mask];
    }

    /** Entries of window {@code window}, not yet taken. */
    int count(int window) {
        return window - horizon > mask ? 0 : count[window & mask];
    }

    /** The chunk after c in its chain, or {@link #NONE}. */
    int next(int c) {
        return nextChunk[c];
    }

    /** Chunk c's first position. */
    int start(int c) {
        return c * chunk;
    }

    /** How many entries chunk c holds, from {@link #start}. */
    int entries(int c) {
        return fill[c];
    }

    /** Returns the chain last taken to the pool. */
    void releaseTaken() {
        for (int c = takenHead; c != NONE; c = nextChunk[c]) {
            freeChunks[freeCount++] = c;
        }
        takenHead = NONE;
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
            Math.multiplyExact(grown, chunk); // positions must fit an int
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
