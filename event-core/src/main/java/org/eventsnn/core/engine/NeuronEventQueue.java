package org.eventsnn.core.engine;

import org.eventsnn.core.model.Network;

import java.util.Arrays;

/**
 * The pending event of every neuron for the single event queue ({@link Simulator}): a
 * {@link QuaternaryEventHeap} for the events before a horizon, and the checks beyond it waiting
 * unsorted in {@link TimeBuckets}. Most checks are rescheduled by a neuron's next input long
 * before they come due; a far check costs an append to its bucket instead of a move through the
 * heap, and a rescheduled one is left behind in its bucket, stale (a neuron's live far check is
 * the one whose time {@link #farCheck} holds). When the heap's first event is not before the
 * horizon, the next bucket's live checks enter the heap with their exact keys
 * ({@link #settle}), so the pop order is exactly the heap's alone, and spikes are those of a
 * queue without buckets, bit for bit. Grows as needed; nothing is allocated once grown. Not
 * thread-safe.
 */
final class NeuronEventQueue implements NeuronStates.Pending {
    /** Buckets per smallest membrane time constant: a bound of a few milliseconds lands several buckets ahead. */
    private static final int BUCKETS_PER_TAU_MEM = 32;

    private final QuaternaryEventHeap near;
    private final TimeBuckets far;
    /** Per neuron, the time of its live far check; NaN if it has none. */
    private final double[] farCheck;
    private double[] takenTime = new double[256];
    private int[] takenNeuron = new int[256];

    /** A queue for {@code neurons} neurons whose far checks wait in {@code far}. */
    NeuronEventQueue(int neurons, TimeBuckets far) {
        near = new QuaternaryEventHeap(neurons, neurons);
        this.far = far;
        farCheck = new double[neurons];
        Arrays.fill(farCheck, Double.NaN);
    }

    /** A queue for {@code network}: buckets of 1/32 of its smallest membrane time constant (none without LIF neurons). */
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
        return new NeuronEventQueue(network.neuronCount(), new TimeBuckets(tauMem / BUCKETS_PER_TAU_MEM));
    }

    void clear() {
        near.clear();
        far.clear();
        Arrays.fill(farCheck, Double.NaN);
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
        if (kind == QuaternaryEventHeap.CHECK && far.isFar(t)) {
            near.remove(n);
            farCheck[n] = t;
            far.add(t, n);
        } else {
            farCheck[n] = Double.NaN;
            near.schedule(n, t, kind);
        }
    }

    @Override
    public void remove(int n) {
        farCheck[n] = Double.NaN;
        near.remove(n);
    }

    @Override
    public boolean hasSpikePending(int n) {
        return near.hasSpikePending(n);
    }

    /**
     * Until the heap's first event lies before the horizon (every far check is later than it) or
     * no far check is left: takes the next bucket and moves its live checks into the heap.
     */
    private void settle() {
        while (far.size() > 0 && (near.isEmpty() || far.isFar(near.topTime()))) {
            int count = far.takeNext();
            if (count > takenTime.length) {
                takenTime = new double[Math.max(count, 2 * takenTime.length)];
                takenNeuron = new int[takenTime.length];
            }
            far.copyTaken(takenTime, takenNeuron);
            for (int i = 0; i < count; i++) {
                int n = takenNeuron[i];
                if (farCheck[n] == takenTime[i]) { // else stale: rescheduled or removed since
                    farCheck[n] = Double.NaN;
                    near.schedule(n, takenTime[i], QuaternaryEventHeap.CHECK);
                }
            }
        }
    }
}
