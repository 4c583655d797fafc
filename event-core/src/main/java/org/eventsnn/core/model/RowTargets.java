package org.eventsnn.core.model;

/**
 * The target neuron of each compressed-row slot: 2 bytes (unsigned) when the target
 * population has at most 65,536 neurons, else 4.
 */
final class RowTargets {
    private static final int SHORT_LIMIT = 1 << 16;

    private final char[] small;
    private final int[] large;

    private RowTargets(char[] small, int[] large) {
        this.small = small;
        this.large = large;
    }

    /**
     * The first {@code size} targets of {@code targets}, slot r holding {@code targets[order[r]]}
     * ({@code targets[r]} when {@code order} is null), for a population of {@code targetSize}.
     */
    static RowTargets of(int[] targets, int[] order, int size, int targetSize) {
        if (targetSize <= SHORT_LIMIT) {
            char[] c = new char[size];
            for (int r = 0; r < size; r++) {
                c[r] = (char) targets[order == null ? r : order[r]];
            }
            return new RowTargets(c, null);
        }
        int[] t = new int[size];
        for (int r = 0; r < size; r++) {
            t[r] = targets[order == null ? r : order[r]];
        }
        return new RowTargets(null, t);
    }

    /** Room for {@code size} targets in a population of {@code targetSize}, to be {@link #set}. */
    static RowTargets allocate(int size, int targetSize) {
        return targetSize <= SHORT_LIMIT ? new RowTargets(new char[size], null) : new RowTargets(null, new int[size]);
    }

    /** Sets slot {@code r}'s target, while the rows are being made. */
    void set(int r, int target) {
        if (small != null) {
            small[r] = (char) target;
        } else {
            large[r] = target;
        }
    }

    /** The same targets held as ints (4 bytes per slot), whatever the population's size. */
    RowTargets asInts() {
        int n = small != null ? small.length : large.length;
        int[] t = new int[n];
        for (int r = 0; r < n; r++) {
            t[r] = get(r);
        }
        return new RowTargets(null, t);
    }

    /** Target neuron of slot {@code r}. */
    int get(int r) {
        return small != null ? small[r] : large[r];
    }

    /** Bytes per slot: 2 or 4. */
    int bytesPerSlot() {
        return small != null ? 2 : 4;
    }

    /** Bytes of the array holding the targets (its payload). */
    long bytes() {
        return small != null ? 2L * small.length : 4L * large.length;
    }
}
