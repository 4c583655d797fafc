package org.eventsnn.core.engine;

import java.util.Arrays;

/** A growable list of ints with direct access for sorting; reused between runs. */
final class IdList {
    private int[] ids = new int[16];
    private int size;

    void clear() {
        size = 0;
    }

    void add(int id) {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, Math.multiplyExact(size, 2));
        }
        ids[size++] = id;
    }

    int get(int i) {
        return ids[i];
    }

    int size() {
        return size;
    }

    /** The backing array; entries {@code [0, size)} are the list. */
    int[] array() {
        return ids;
    }

    /** Makes the backing array hold at least {@code n} entries and the size {@code n}. */
    void resize(int n) {
        if (ids.length < n) {
            ids = Arrays.copyOf(ids, Math.max(n, 2 * ids.length));
        }
        size = n;
    }
}
