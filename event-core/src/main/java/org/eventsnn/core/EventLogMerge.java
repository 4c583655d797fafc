package org.eventsnn.core;

/**
 * The simulator queue's processing order of a run's events, produced by merging sorted runs:
 * all spikes, the arrivals over each projection and the releases of each population, keyed by
 * (time, kind, spike number or neuron for releases, projection). Reused between runs.
 */
final class EventLogMerge {
    private final IdList[] runSpikes;
    private final IdList[] ownBuffers;
    private final int[] runKind;
    private final double[] runOffset;
    private final int[] runProjection;
    private final int[] cursor;
    private int runs;
    private SpikeStore spikes;
    private double duration;
    private int spike;
    private int kind;
    private int projection;

    /** With room for {@code maxRuns} runs. */
    EventLogMerge(int maxRuns) {
        runSpikes = new IdList[maxRuns];
        ownBuffers = new IdList[maxRuns];
        runKind = new int[maxRuns];
        runOffset = new double[maxRuns];
        runProjection = new int[maxRuns];
        cursor = new int[maxRuns];
    }

    /** Starts a merge with the run of every spike ({@code all}, in the queue's order). */
    void start(SpikeStore store, IdList all, double windowEnd) {
        spikes = store;
        duration = windowEnd;
        runs = 0;
        addRun(all, SpikeRecord.SPIKE, 0.0, -1);
    }

    /** The arrivals over projection j of the spikes of its source (in the queue's order). */
    void addArrivals(IdList sourceSpikes, double delay, int j) {
        addRun(sourceSpikes, SpikeRecord.ARRIVAL, delay, j);
    }

    /**
     * The ends of the refractory periods after the spikes of one population (in the queue's
     * order); re-sorted by (time, neuron), which rounding of time + refractory can perturb.
     */
    void addReleases(IdList populationSpikes, double refractory) {
        if (ownBuffers[runs] == null) {
            ownBuffers[runs] = new IdList();
        }
        IdList copy = ownBuffers[runs];
        copy.resize(populationSpikes.size());
        int[] a = copy.array();
        for (int i = 0; i < populationSpikes.size(); i++) {
            int s = populationSpikes.get(i);
            double t = spikes.time(s) + refractory;
            int k = i;
            while (k > 0 && (spikes.time(a[k - 1]) + refractory > t
                    || (spikes.time(a[k - 1]) + refractory == t && spikes.neuron(a[k - 1]) > spikes.neuron(s)))) {
                a[k] = a[k - 1];
                k--;
            }
            a[k] = s;
        }
        addRun(copy, SpikeRecord.RELEASE, refractory, -1);
    }

    private void addRun(IdList ids, int k, double offset, int j) {
        runSpikes[runs] = ids;
        runKind[runs] = k;
        runOffset[runs] = offset;
        runProjection[runs] = j;
        cursor[runs] = 0;
        runs++;
    }

    /** Moves to the next event in the queue's order; false when none is left. */
    boolean next() {
        int best = -1;
        double bestTime = 0;
        int bestFirst = 0;
        for (int r = 0; r < runs; r++) {
            if (cursor[r] >= runSpikes[r].size()) {
                continue;
            }
            int s = runSpikes[r].get(cursor[r]);
            double t = spikes.time(s) + runOffset[r];
            if (t > duration) {
                cursor[r] = runSpikes[r].size(); // the rest of the run is later still
                continue;
            }
            int first = runKind[r] == SpikeRecord.RELEASE ? spikes.neuron(s) : spikes.rank(s);
            if (best < 0 || t < bestTime || (t == bestTime && (runKind[r] < runKind[best]
                    || (runKind[r] == runKind[best] && (first < bestFirst
                    || (first == bestFirst && runProjection[r] < runProjection[best])))))) {
                best = r;
                bestTime = t;
                bestFirst = first;
            }
        }
        if (best < 0) {
            return false;
        }
        spike = runSpikes[best].get(cursor[best]++);
        kind = runKind[best];
        projection = runProjection[best];
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
}
