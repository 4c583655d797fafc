package org.eventsnn.core.engine;

import java.util.Arrays;

/**
 * The neurons a partition is to visit, by window number: for each window ahead, a list of
 * neuron indices, appended in any order and taken whole, one window after another from 0. A
 * list is a chain of small chunks (16 indices, one cache line; {@link WindowChains}), so that
 * the many windows with a few neurons each keep few cache lines warm and memory follows the
 * entries pending. Arrays grow as needed; nothing is allocated once grown. Not thread-safe.
 */
final class WakeLists {
    private final WindowChains chains = new WindowChains(16);
    private int[] ids = new int[0];
    private int takenHead = WindowChains.NONE;

    /** Drops every entry; the next window to take is 0. */
    void clear() {
        chains.clear();
        takenHead = WindowChains.NONE;
    }

    /** Adds neuron {@code id} to window {@code window}'s list (a window not yet taken). */
    void add(int window, int id) {
        int at = chains.append(window);
        if (at >= ids.length) {
            ids = Arrays.copyOf(ids, chains.capacity());
        }
        ids[at] = id;
    }

    /**
     * Takes window {@code window}'s list (windows are taken one after another from 0, each
     * once) and returns its length; {@link #copyTaken} then hands it over.
     */
    int take(int window) {
        int taken = chains.count(window);
        takenHead = chains.take(window);
        return taken;
    }

    /** Copies the list last taken into {@code out} from index 0, and frees its chunks. */
    void copyTaken(int[] out) {
        int copied = 0;
        for (int c = takenHead; c != WindowChains.NONE; c = chains.next(c)) {
            int n = chains.entries(c);
            System.arraycopy(ids, chains.start(c), out, copied, n);
            copied += n;
        }
        chains.releaseTaken();
        takenHead = WindowChains.NONE;
    }
}
