package org.eventsnn.core.engine;

import java.util.Arrays;

/**
 * The far part of an event queue: entries {@code (time, id)} at or after the queue's horizon,
 * unsorted, in buckets of {@code width} seconds, so that the queue's heap holds only the entries
 * before the horizon and stays small (it sifts through few levels, in cache). Bucket {@code b}
 * holds times with {@code (long) (time / width) == b} (up to 2^62, where later times share the
 * last bucket); this index never decreases as time grows,
 * so every entry of a bucket comes after every entry of the buckets before it. The horizon is
 * the index {@link #next} of the first bucket not yet taken: the queue pushes an entry with a
 * smaller index into its heap, any other here ({@link #isFar}), and when its heap runs empty it
 * takes the next non-empty bucket ({@link #takeNext}) whole. Buckets live in a ring of a fixed
 * number; an entry beyond the ring waits in an overflow list, moved into the ring (scanning the
 * list) every half turn of the ring. With {@code width} +infinity nothing is far. A bucket is a
 * window of {@link WindowChains} (a chain of fixed-size chunks from one shared pool, so memory
 * follows the entries pending, not every bucket's largest load), numbered from the bucket at
 * which the chains last started empty. Arrays grow as needed; nothing is allocated once grown.
 * Not thread-safe.
 */
final class TimeBuckets {
    private static final int CHUNK = 256;
    /** Chains restart from their window 0 when empty and this many buckets past it, so that window numbers fit an int. */
    private static final long REBASE = 1L << 30;
    /**
     * The last bucket index: later times share it (their order is the heap's), so that the
     * horizon, one past the last bucket taken, never wraps past Long.MAX_VALUE (times of 2^63
     * widths and more: a width of 1e-300 s at 1 ms).
     */
    private static final long LAST = 1L << 62;

    private final double width;
    private final int mask;
    /** The buckets in the ring: bucket b is window {@code b - base} of the chains. */
    private final WindowChains chains = new WindowChains(CHUNK);
    private long base;
    private int inRing;
    /** Entry k of the chains at position k. */
    private double[] chunkTime = new double[0];
    private int[] chunkId = new int[0];
    private double[] overflowTime = new double[16];
    private int[] overflowId = new int[16];
    private int overflowCount;
    /** Index of the first bucket not yet taken: the horizon. */
    private long next;
    /** Where the overflow list is next moved into the ring. */
    private long nextSweep;
    /** The chain of the bucket last taken, and its size, until {@link #copyTaken}. */
    private int takenHead = WindowChains.NONE;
    private int takenCount;

    /** Buckets of {@code width} seconds (+infinity: nothing is ever far) in a ring of 1024. */
    TimeBuckets(double width) {
        this(width, 10);
    }

    /** Buckets of {@code width} seconds in a ring of {@code 2^ringBits} (small rings for tests). */
    TimeBuckets(double width, int ringBits) {
        if (!(width > 0)) {
            throw new IllegalArgumentException("bucket width must be > 0, not " + width);
        }
        this.width = width;
        mask = (1 << ringBits) - 1;
        clear();
    }

    /** Empties every bucket and moves the horizon back to time 0. */
    void clear() {
        chains.clear();
        base = 0;
        inRing = 0;
        overflowCount = 0;
        takenHead = WindowChains.NONE;
        takenCount = 0;
        next = width == Double.POSITIVE_INFINITY ? Long.MAX_VALUE : 0;
        nextSweep = next;
    }

    /** True if an entry at {@code t} belongs here, at or beyond the horizon, rather than in the heap. */
    boolean isFar(double t) {
        return index(t) >= next;
    }

    /** Number of entries held, the bucket last taken excluded. */
    int size() {
        return inRing + overflowCount;
    }

    /** Adds an entry for which {@link #isFar} holds. */
    void add(double t, int entryId) {
        long b = index(t);
        if (b - next <= mask) {
            append(b, t, entryId);
        } else {
            if (overflowCount == overflowTime.length) {
                overflowTime = Arrays.copyOf(overflowTime, 2 * overflowCount);
                overflowId = Arrays.copyOf(overflowId, 2 * overflowCount);
            }
            overflowTime[overflowCount] = t;
            overflowId[overflowCount++] = entryId;
        }
    }

    /**
     * Moves the horizon past the next non-empty bucket and returns how many entries it holds,
     * which {@link #copyTaken} then hands over. There must be an entry ({@link #size} > 0).
     */
    int takeNext() {
        if (inRing == 0) {
            next = Long.MAX_VALUE; // only overflow left: the horizon jumps to its first entry
            for (int i = 0; i < overflowCount; i++) {
                next = Math.min(next, index(overflowTime[i]));
            }
            chains.clear(); // empty: restart its windows at the new horizon
            base = next;
            sweepOverflow();
        } else if (overflowCount > 0 && next >= nextSweep) {
            sweepOverflow();
        }
        while (chains.count(window(next)) == 0) {
            chains.take(window(next));
            advance();
        }
        int w = window(next);
        takenCount = chains.count(w);
        takenHead = chains.take(w);
        inRing -= takenCount;
        advance();
        return takenCount;
    }

    /** Copies the entries of the bucket last taken into {@code time} and {@code id} from index 0, and frees its chunks. */
    void copyTaken(double[] time, int[] id) {
        int copied = 0;
        for (int c = takenHead; c != WindowChains.NONE; c = chains.next(c)) {
            int n = chains.entries(c);
            System.arraycopy(chunkTime, chains.start(c), time, copied, n);
            System.arraycopy(chunkId, chains.start(c), id, copied, n);
            copied += n;
        }
        chains.releaseTaken();
        takenHead = WindowChains.NONE;
        takenCount = 0;
        if (inRing == 0 && next - base >= REBASE) {
            chains.clear();
            base = next;
        }
    }

    private void advance() {
        next++;
        if (overflowCount > 0 && next >= nextSweep) {
            sweepOverflow();
        }
    }

    /** Moves every overflow entry that now falls within the ring into its bucket. */
    private void sweepOverflow() {
        int kept = 0;
        for (int i = 0; i < overflowCount; i++) {
            double t = overflowTime[i];
            long b = index(t);
            if (b - next <= mask) {
                append(b, t, overflowId[i]);
            } else {
                overflowTime[kept] = t;
                overflowId[kept++] = overflowId[i];
            }
        }
        overflowCount = kept;
        nextSweep = next + (mask + 1) / 2;
    }

    /** Appends an entry to bucket b, within the ring. */
    private void append(long b, double t, int entryId) {
        int at = chains.append(window(b));
        if (at >= chunkTime.length) {
            chunkTime = Arrays.copyOf(chunkTime, chains.capacity());
            chunkId = Arrays.copyOf(chunkId, chains.capacity());
        }
        chunkTime[at] = t;
        chunkId[at] = entryId;
        inRing++;
    }

    /** Bucket b's window in the chains. */
    private int window(long b) {
        return Math.toIntExact(b - base);
    }

    private long index(double t) {
        return bucketOf(t / width);
    }

    /**
     * The index of the bucket holding a time {@code widths} bucket widths after 0: its integer
     * part, capped at {@link #LAST} (NaN too, from 0 times an infinite inverse width). Shared with
     * {@link NeuronEventQueue}'s buckets.
     */
    static long bucketOf(double widths) {
        return widths < LAST ? (long) widths : LAST;
    }
}
