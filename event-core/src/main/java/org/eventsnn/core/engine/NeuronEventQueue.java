package org.eventsnn.core.engine;

import org.eventsnn.core.model.Network;

import java.util.Arrays;

/**
 * The pending event of every neuron for the single event queue ({@link Simulator}): a
 * {@link QuaternaryEventHeap} for the events before a horizon, and the checks beyond it in time
 * buckets. Most checks are rescheduled by a neuron's next input long before they come due; a far
 * check waits in a time bucket (each bucket a doubly linked list of neurons, so a move is an
 * unlink and a link) instead of in the heap. A check with {@code (long) (t / width) == b}
 * (computed as {@code t} times the inverse width, which is as monotone in t) waits in bucket
 * {@code b} or an earlier one not yet taken: a check rescheduled to a later bucket stays where it
 * is, only its time changing (most reschedules move a check later, and most checks are
 * rescheduled again before they come due), and moves on to its own bucket when the one it waits
 * in is taken. The horizon is the first bucket not yet taken. When the heap's first event is
 * not before the horizon, the next bucket is taken: its checks due in it enter the heap with
 * their exact keys ({@link #settle}), so the pop order is exactly the heap's alone, and spikes
 * are those of a queue without buckets, bit for bit. Buckets form a ring; a check beyond it waits in an
 * overflow list, moved into the ring every half turn. Memory: four ints and a double per neuron,
 * nothing allocated after construction. Not thread-safe.
 */
final class NeuronEventQueue implements NeuronStates.Pending {
    /** Buckets per smallest membrane time constant: a bound of a few milliseconds lands several buckets ahead. */
    private static final int BUCKETS_PER_TAU_MEM = 32;
    private static final int NONE = -1;

    private final QuaternaryEventHeap near;
    private final double inverseWidth;
    private final int mask;
    /** The overflow list's slot, after the ring's. */
    private final int overflow;
    /** Per slot (ring buckets, then the overflow list): its first neuron, NONE if empty. */
    private final int[] head;
    /** Per neuron in a bucket: the next and previous neuron of its list (NONE at the ends), its slot (NONE if in no bucket). */
    private final int[] after;
    private final int[] before;
    private final int[] slot;
    /** Per neuron in a bucket, the time of its check. */
    private final double[] checkTime;
    private int inRing;
    private int inOverflow;
    /** Index of the first bucket not yet taken: the horizon. */
    private long next;
    /** Where the overflow list is next moved into the ring. */
    private long nextSweep;

    /**
     * A queue for {@code neurons} neurons whose far checks wait in buckets of {@code width} seconds
     * (+infinity: none) in a ring of {@code 2^ringBits}.
     */
    NeuronEventQueue(int neurons, double width, int ringBits) {
        if (!(width > 0)) {
            throw new IllegalArgumentException("bucket width must be > 0, not " + width);
        }
        near = new QuaternaryEventHeap(neurons, neurons);
        inverseWidth = 1 / width;
        mask = (1 << ringBits) - 1;
        overflow = mask + 1;
        head = new int[overflow + 1];
        after = new int[neurons];
        before = new int[neurons];
        slot = new int[neurons];
        checkTime = new double[neurons];
        Arrays.fill(head, NONE);
        Arrays.fill(slot, NONE);
        clear();
    }

    /** A queue for {@code network}: buckets of 1/32 of its smallest membrane time constant (none without LIF neurons), a ring of 1024. */
    static NeuronEventQueue forNetwork(Network network) {
        double tauMem = Double.POSITIVE_INFINITY;
        for (int p = 0; p < network.populations().size(); p++) {
            var pop = network.population(p);
            if (!pop.isInput()) {
                for (int i = 0; i < (pop.hasNeuronParams() ? pop.size() : 1); i++) {
                    tauMem = Math.min(tauMem, pop.params(i).tauMem());
                }
            }
        }
        return new NeuronEventQueue(network.neuronCount(), tauMem / BUCKETS_PER_TAU_MEM, 10);
    }

    void clear() {
        near.clear();
        for (int s = 0; s < head.length; s++) {
            for (int n = head[s]; n != NONE; n = after[n]) {
                slot[n] = NONE;
            }
        }
        Arrays.fill(head, NONE);
        inRing = 0;
        inOverflow = 0;
        next = inverseWidth == 0 ? Long.MAX_VALUE : 0;
        nextSweep = next;
    }

    /** True if no event is pending; first moves far checks into the heap as {@link #settle} does. */
    boolean isEmpty() {
        settle();
        return near.isEmpty();
    }

    /** Neuron of the earliest event, after {@link #isEmpty} returned false. */
    int top() {
        return near.top();
    }

    /** Time of the earliest event, after {@link #isEmpty} returned false. */
    double topTime() {
        return near.topTime();
    }

    /** Kind of the earliest event, after {@link #isEmpty} returned false. */
    int topKind() {
        return near.topKind();
    }

    @Override
    public void schedule(int n, double t, int kind) {
        long b = kind == QuaternaryEventHeap.CHECK ? index(t) : next - 1;
        if (b >= next) {
            int s = b - next <= mask ? (int) (b & mask) : overflow;
            int at = slot[n];
            checkTime[n] = t;
            if (at == s || at != NONE && at != overflow && b > bucketOf(at)) {
                // the same bucket (or the overflow list), or a later one: only its time changes; a
                // check waiting in an earlier bucket than its own moves on when that one is taken
                return;
            }
            if (slot[n] != NONE) {
                unlink(n);
            } else {
                near.remove(n);
            }
            link(n, s);
        } else {
            if (slot[n] != NONE) {
                unlink(n);
            }
            near.schedule(n, t, kind);
        }
    }

    @Override
    public void remove(int n) {
        if (slot[n] != NONE) {
            unlink(n);
        } else {
            near.remove(n);
        }
    }

    @Override
    public boolean hasSpikePending(int n) {
        return near.hasSpikePending(n);
    }

    private long index(double t) {
        // capped, so that the horizon never wraps past Long.MAX_VALUE (tauMem of 1e-300 s at 1 ms)
        return TimeBuckets.bucketOf(t * inverseWidth);
    }

    /** The bucket index held by ring slot {@code s}: the one in {@code [next, next + mask]} with that slot. */
    private long bucketOf(int s) {
        return next + ((s - next) & mask);
    }

    private void link(int n, int s) {
        int first = head[s];
        after[n] = first;
        before[n] = NONE;
        if (first != NONE) {
            before[first] = n;
        }
        head[s] = n;
        slot[n] = s;
        if (s == overflow) {
            inOverflow++;
        } else {
            inRing++;
        }
    }

    private void unlink(int n) {
        int s = slot[n];
        int a = after[n];
        int b = before[n];
        if (b == NONE) {
            head[s] = a;
        } else {
            after[b] = a;
        }
        if (a != NONE) {
            before[a] = b;
        }
        slot[n] = NONE;
        if (s == overflow) {
            inOverflow--;
        } else {
            inRing--;
        }
    }

    /**
     * Until the heap's first event lies before the horizon (every far check is later than it) or
     * no far check is left: takes the next bucket, moves its checks due in it into the heap and
     * the others (moved later while they waited) on to their own buckets.
     */
    private void settle() {
        while (inRing + inOverflow > 0 && (near.isEmpty() || index(near.topTime()) >= next)) {
            if (inRing == 0) { // only overflow left: the horizon jumps to its first check
                next = Long.MAX_VALUE;
                for (int n = head[overflow]; n != NONE; n = after[n]) {
                    next = Math.min(next, index(checkTime[n]));
                }
                sweepOverflow();
            }
            int s = (int) (next & mask);
            int n = head[s];
            head[s] = NONE;
            while (n != NONE) {
                int following = after[n];
                slot[n] = NONE;
                inRing--;
                long b = index(checkTime[n]);
                if (b > next) { // moved later while it waited here: on to its own bucket
                    link(n, b - next <= mask ? (int) (b & mask) : overflow);
                } else {
                    near.schedule(n, checkTime[n], QuaternaryEventHeap.CHECK);
                }
                n = following;
            }
            next++;
            if (inOverflow > 0 && next >= nextSweep) {
                sweepOverflow();
            }
        }
    }

    /** Moves every overflow check that now falls within the ring into its bucket. */
    private void sweepOverflow() {
        int n = head[overflow];
        while (n != NONE) {
            int following = after[n];
            long b = index(checkTime[n]);
            if (b - next <= mask) {
                unlink(n);
                link(n, (int) (b & mask));
            }
            n = following;
        }
        nextSweep = next + (mask + 1) / 2;
    }
}
