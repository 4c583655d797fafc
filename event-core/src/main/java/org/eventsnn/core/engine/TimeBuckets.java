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
 * list) every half turn of the ring. With {@code width} +infinity nothing is far. Arrays grow as
 * needed; nothing is allocated once grown. Not thread-safe.
 */
final class TimeBuckets {
    private final double width;
    private final int mask;
    private final double[][] time;
    private final int[][] id;
    private final int[] count;
    private int inRing;
    private double[] overflowTime = new double[16];
    private int[] overflowId = new int[16];
    private int overflowCount;
    /** Index of the first bucket not yet taken: the horizon. */
    private long next;
    /** Where the overflow list is next moved into the ring. */
    private long nextSweep;
    /** The last bucket taken, as {@link #takenTime}/{@link #takenId} read it. */
    private int taken;

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
        time = new double[ring][4];
        id = new int[ring][4];
        count = new int[ring];
        clear();
    }

    /** Empties every bucket and moves the horizon back to time 0. */
    void clear() {
        Arrays.fill(count, 0);
        inRing = 0;
        overflowCount = 0;
        next = width == Double.POSITIVE_INFINITY ? Long.MAX_VALUE : 0;
        nextSweep = next;
    }

    /** True if an entry at {@code t} belongs here, at or beyond the horizon, rather than in the heap. */
    boolean isFar(double t) {
        return index(t) >= next;
    }

    /** Number of entries held. */
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
     * to be read with {@link #takenTime} and {@link #takenId} before the next {@link #add}.
     * There must be an entry ({@link #size} > 0).
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
        taken = (int) (next & mask);
        int n = count[taken];
        count[taken] = 0;
        inRing -= n;
        next++; // no sweep now: it could refill the bucket before it is read; the next take sweeps
        return n;
    }

    /** Time of entry i of the bucket last taken. */
    double takenTime(int i) {
        return time[taken][i];
    }

    /** Id of entry i of the bucket last taken. */
    int takenId(int i) {
        return id[taken][i];
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
        int n = count[bucket];
        if (n == time[bucket].length) {
            time[bucket] = Arrays.copyOf(time[bucket], 2 * n);
            id[bucket] = Arrays.copyOf(id[bucket], 2 * n);
        }
        time[bucket][n] = t;
        id[bucket][n] = entryId;
        count[bucket] = n + 1;
        inRing++;
    }

    private long index(double t) {
        return (long) (t / width);
    }
}
