package org.eventsnn.core.engine;

import org.eventsnn.core.record.SpikeRecord;

/**
 * The simulator queue's processing order of a run's events, produced by merging sorted runs:
 * all spikes, the arrivals over each projection and the releases of each population, keyed by
 * (time, kind, spike number or neuron for releases, projection); the arrivals of a projection
 * with per-synapse delays come as a {@link DelayedArrivals}, whose parts of one spike differ in
 * time. Reused between runs.
 */
final class EventLogMerge {
    private final IdList[] runSpikes;
    private final IdList[] ownBuffers;
    private final int[] runKind;
    private final double[] runOffset;
    private final int[] runProjection;
    /** Per run, its arrivals if they have per-synapse delays, else null. */
    private final DelayedArrivals[] runParts;
    private final int[] cursor;
    /** Each run's next event: its time and its spike number (its neuron for releases). */
    private final double[] headTime;
    private final int[] headFirst;
    /** The runs with events left, in no particular order. */
    private final int[] active;
    private int activeCount;
    private int runs;
    private SpikeStore spikes;
    private double duration;
    private int spike;
    private int kind;
    private int projection;
    private int slot;

    /** With room for {@code maxRuns} runs. */
    EventLogMerge(int maxRuns) {
        runSpikes = new IdList[maxRuns];
        ownBuffers = new IdList[maxRuns];
        runKind = new int[maxRuns];
        runOffset = new double[maxRuns];
        runProjection = new int[maxRuns];
        runParts = new DelayedArrivals[maxRuns];
        cursor = new int[maxRuns];
        headTime = new double[maxRuns];
        headFirst = new int[maxRuns];
        active = new int[maxRuns];
    }

    /** Starts a merge with the run of every spike ({@code all}, in the queue's order). */
    void start(SpikeStore store, IdList all, double windowEnd) {
        spikes = store;
        duration = windowEnd;
        runs = 0;
        activeCount = 0;
        addRun(all, SpikeRecord.SPIKE, 0.0, -1);
    }

    /** The arrivals over projection j of the spikes of its source (in the queue's order). */
    void addArrivals(IdList sourceSpikes, double delay, int j) {
        addRun(sourceSpikes, SpikeRecord.ARRIVAL, delay, j);
    }

    /** The arrivals over projection j, which has per-synapse delays (in the queue's order). */
    void addDelayedArrivals(DelayedArrivals parts, int j) {
        runParts[runs] = parts;
        runSpikes[runs] = null;
        runKind[runs] = SpikeRecord.ARRIVAL;
        runOffset[runs] = 0;
        runProjection[runs] = j;
        cursor[runs] = 0;
        if (loadHead(runs)) {
            active[activeCount++] = runs;
        }
        runs++;
    }

    /**
     * The ends of the refractory periods after the spikes of one population (in the queue's
     * order) that fall within the window, but for cancelled ones ({@link SpikeStore#isReleaseCancelled});
     * re-sorted by (time, neuron), which rounding of time + refractory can perturb.
     */
    void addReleases(IdList populationSpikes, double refractory) {
        int within = 0;
        while (within < populationSpikes.size() && spikes.time(populationSpikes.get(within)) + refractory <= duration) {
            within++;
        }
        if (within == 0) {
            return;
        }
        if (ownBuffers[runs] == null) {
            ownBuffers[runs] = new IdList();
        }
        IdList copy = ownBuffers[runs];
        copy.resize(within);
        int[] a = copy.array();
        int kept = 0;
        for (int i = 0; i < within; i++) {
            int s = populationSpikes.get(i);
            if (spikes.isReleaseCancelled(s)) {
                continue;
            }
            double t = spikes.time(s) + refractory;
            int k = kept++;
            while (k > 0 && (spikes.time(a[k - 1]) + refractory > t
                    || (spikes.time(a[k - 1]) + refractory == t && spikes.neuron(a[k - 1]) > spikes.neuron(s)))) {
                a[k] = a[k - 1];
                k--;
            }
            a[k] = s;
        }
        copy.resize(kept);
        addRun(copy, SpikeRecord.RELEASE, refractory, -1);
    }

    private void addRun(IdList ids, int k, double offset, int j) {
        runParts[runs] = null;
        runSpikes[runs] = ids;
        runKind[runs] = k;
        runOffset[runs] = offset;
        runProjection[runs] = j;
        cursor[runs] = 0;
        if (loadHead(runs)) {
            active[activeCount++] = runs;
        }
        runs++;
    }

    /** Moves to the next event in the queue's order; false when none is left. */
    boolean next() {
        if (activeCount == 0) {
            return false;
        }
        // the heads' keys (time, kind, spike number or neuron, projection) are all distinct
        int bestAt = 0;
        for (int i = 1; i < activeCount; i++) {
            if (precedes(active[i], active[bestAt])) {
                bestAt = i;
            }
        }
        int best = active[bestAt];
        DelayedArrivals parts = runParts[best];
        if (parts != null) {
            spike = parts.spike(cursor[best]);
            slot = parts.first(cursor[best]++);
        } else {
            spike = runSpikes[best].get(cursor[best]++);
            slot = -1;
        }
        kind = runKind[best];
        projection = runProjection[best];
        if (!loadHead(best)) {
            active[bestAt] = active[--activeCount];
        }
        return true;
    }

    private boolean precedes(int r, int q) {
        if (headTime[r] != headTime[q]) {
            return headTime[r] < headTime[q];
        }
        if (runKind[r] != runKind[q]) {
            return runKind[r] < runKind[q];
        }
        if (headFirst[r] != headFirst[q]) {
            return headFirst[r] < headFirst[q];
        }
        return runProjection[r] < runProjection[q];
    }

    /** Reads run r's next event into its head; false if the run has none left within the window. */
    private boolean loadHead(int r) {
        DelayedArrivals parts = runParts[r];
        if (parts != null) { // its arrivals end within the window
            if (cursor[r] >= parts.size()) {
                return false;
            }
            headTime[r] = parts.time(cursor[r]);
            headFirst[r] = spikes.rank(parts.spike(cursor[r]));
            return true;
        }
        if (cursor[r] >= runSpikes[r].size()) {
            return false;
        }
        int s = runSpikes[r].get(cursor[r]);
        double t = spikes.time(s) + runOffset[r];
        if (t > duration) {
            return false; // the rest of the run is later still
        }
        headTime[r] = t;
        headFirst[r] = runKind[r] == SpikeRecord.RELEASE ? spikes.neuron(s) : spikes.rank(s);
        return true;
    }

    /** The current event's spike (its id in the store; for a release, the spike it ends). */
    int spike() {
        return spike;
    }

    /** {@link SpikeRecord#SPIKE}, {@link SpikeRecord#ARRIVAL} or {@link SpikeRecord#RELEASE}. */
    int kind() {
        return kind;
    }

    /** The current arrival's projection. */
    int projection() {
        return projection;
    }

    /**
     * The first row slot the current arrival delivers if its projection has per-synapse delays
     * ({@link SpikeRecord#eventSlot}), else -1.
     */
    int slot() {
        return slot;
    }
}
