package org.eventsnn.core.engine;

import java.util.Arrays;

/**
 * The far part of an event queue: entries {@code (time, id)} at or after the queue's horizon,
 * unsorted, in buckets of {@code width} seconds, so that the queue's heap holds only the entries
 * before the horizon and stays small (it sifts through few levels, in cache). Bucket {@code b}
 * holds times with {@code (long) (time / width) == b}; this index never decreases as time grows,
 * so every entry of a bucket comes after every entry of the buckets before it. The horizon is
 * the index {@link #next} of the first bucket not yet taken: the queue pushes an entry with a
 * smaller index into its heap, any other here ({@link #isFar}), and when its heap runs empty it
 * takes the next non-empty bucket ({@link #takeNext}) whole. Buckets live in a ring of a fixed
 * number; an entry beyond the ring waits in an overflow list, moved into the ring (scanning the
 * list) every half turn of the ring. With {@code width} +infinity nothing is far. A bucket is a
 * chain of fixed-size chunks from one shared pool, so memory follows the entries pending, not
 * every bucket's largest load. Arrays grow as needed; nothing is allocated once grown. Not
 * thread-safe.
 */
final class TimeBuckets {
    private static final int CHUNK = 256;
    private static final int NONE = -1;

    private final double width;
    private final int mask;
    /** Per bucket: its first and last chunk (NONE if empty), entries in its last chunk, entries in all. */
    private final int[] head;
    private final int[] tail;
    private final int[] tailCount;
    private final int[] count;
    private int inRing;
    /** The chunks: entry k of chunk c at {@code c * CHUNK + k}; the chunk after c in its chain. */
    private double[] chunkTime = new double[0];
    private int[] chunkId = new int[0];
    private int[] nextChunk = new int[0];
    private int[] freeChunks = new int[0];
    private int freeCount;
    private double[] overflowTime = new double[16];
    private int[] overflowId = new int[16];
    private int overflowCount;
    /** Index of the first bucket not yet taken: the horizon. */
    private long next;
    /** Where the overflow list is next moved into the ring. */
    private long nextSweep;
    /** The chain of the bucket last taken, and its size, until {@link #copyTaken}. */
    private int takenHead = NONE;
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
        int ring = 1 << ringBits;
        mask = ring - 1;
        head = new int[ring];
        tail = new int[ring];
        tailCount = new int[ring];
        count = new int[ring];
        clear();
    }

    /** Empties every bucket and moves the horizon back to time 0. */
    void clear() {
        Arrays.fill(head, NONE);
        Arrays.fill(tail, NONE);
        Arrays.fill(count, 0);
        freeCount = 0;
        for (int c = nextChunk.length - 1; c >= 0; c--) {
            freeChunks[freeCount++] = c;
        }
        inRing = 0;
        overflowCount = 0;
        takenHead = NONE;
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
            append((int) (b & mask), t, entryId);
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
            sweepOverflow();
        } else if (overflowCount > 0 && next >= nextSweep) {
            sweepOverflow();
        }
        while (count[(int) (next & mask)] == 0) {
            advance();
        }
        int b = (int) (next & mask);
        takenHead = head[b];
        takenCount = count[b];
        head[b] = NONE;
        tail[b] = NONE;
        count[b] = 0;
        inRing -= takenCount;
        advance();
        return takenCount;
    }

    /** Copies the entries of the bucket last taken into {@code time} and {@code id} from index 0, and frees its chunks. */
    void copyTaken(double[] time, int[] id) {
        int copied = 0;
        for (int c = takenHead; c != NONE; c = nextChunk[c]) {
            int n = Math.min(CHUNK, takenCount - copied);
            System.arraycopy(chunkTime, c * CHUNK, time, copied, n);
            System.arraycopy(chunkId, c * CHUNK, id, copied, n);
            copied += n;
            freeChunks[freeCount++] = c;
        }
        takenHead = NONE;
        takenCount = 0;
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
                append((int) (b & mask), t, overflowId[i]);
            } else {
                overflowTime[kept] = t;
                overflowId[kept++] = overflowId[i];
            }
        }
        overflowCount = kept;
        nextSweep = next + (mask + 1) / 2;
    }

    private void append(int bucket, double t, int entryId) {
        int c = tail[bucket];
        if (c == NONE || tailCount[bucket] == CHUNK) {
            int fresh = allocateChunk();
            if (c == NONE) {
                head[bucket] = fresh;
            } else {
                nextChunk[c] = fresh;
            }
            tail[bucket] = fresh;
            tailCount[bucket] = 0;
            c = fresh;
        }
        int at = c * CHUNK + tailCount[bucket]++;
        chunkTime[at] = t;
        chunkId[at] = entryId;
        count[bucket]++;
        inRing++;
    }

    private int allocateChunk() {
        if (freeCount == 0) {
            int chunks = nextChunk.length;
            int grown = Math.max(16, 2 * chunks);
            chunkTime = Arrays.copyOf(chunkTime, grown * CHUNK);
            chunkId = Arrays.copyOf(chunkId, grown * CHUNK);
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

    private long index(double t) {
        return (long) (t / width);
    }
}
