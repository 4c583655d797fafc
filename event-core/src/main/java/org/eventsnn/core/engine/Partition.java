package org.eventsnn.core.engine;

import org.eventsnn.core.base.CounterStream;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.Projection;
import org.eventsnn.core.model.SynapseRow;

/**
 * One partition of the multi-threaded engine ({@link ParallelSimulator}): the neurons with
 * global indices in {@code [lo, hi)}, the arrivals at them and their spikes, window by window.
 * Within a window every input of a neuron is known in advance (the window is no longer than the
 * minimum delay), so the partition needs no queue across its neurons: it takes the window's
 * arrivals (the rows due from its arrival queue, in the queue's order, and the window's
 * generated synapses), groups them by target ({@link WindowInbox}), lets {@link WindowNeurons}
 * run each neuron with something due through them, and records the window's spikes in the
 * queue's processing order ({@link WindowSpikes}) with their merge keys (see
 * {@link WindowMerge}). A neuron's state depends only on its own operations, which it meets in
 * the order of {@link Simulator}'s queue, so the spikes are the queue's. An arrival entry
 * (spike, projection, row part) is kept by every partition with targets in it, each delivering
 * to its own targets in row order; generated synapses are made once, by the spike's partition,
 * and sent to their targets' partitions. In each window one thread, whichever takes it, runs it
 * ({@link #receive}, then {@link #runWindow}); the barrier between windows orders its windows.
 */
final class Partition {
    /** Neurons per block of {@link #ownersOfBlocks}: 64. */
    private static final int BLOCK_BITS = 6;
    final int lo;
    final int hi;
    private final Network network;
    private final Partition[] all;
    /** Per block of 64 global neurons, the first partition owning any of them (shared, read-only). */
    private final int[] ownerOfBlock;
    private final WindowMerge merge;
    private final int index;
    private final long maxSpikes;
    private final ArrivalQueue arrivals;
    private final CounterStream stream = new CounterStream();
    private final SynapseRow row = new SynapseRow();
    private final WindowInbox inbox;
    private final WindowSpikes windowSpikes = new WindowSpikes();
    final PartitionSpikes spikes = new PartitionSpikes();
    private final WindowNeurons neurons;
    /** The generated synapses this partition made for each partition's neurons, by arrival window. */
    private final GeneratedArrivals[] generatedFor;
    private double[] inputTime = new double[0];
    private int[] inputNeuron = new int[0];
    private int[] inputIndex = new int[0];
    private int nextInput;
    private WindowEnds windows;
    private double duration;
    /** First local spike of the current window. */
    int windowFirst;
    long synapticEvents;

    /**
     * Partition {@code index} of {@code all}, owning global neurons {@code [lo, hi)};
     * {@code ownerOfBlock} is {@link #ownersOfBlocks} of the partitions' bounds.
     */
    Partition(Network network, Partition[] all, int[] ownerOfBlock, WindowMerge merge, int index, int lo, int hi,
            long maxSpikes) {
        this.network = network;
        this.all = all;
        this.ownerOfBlock = ownerOfBlock;
        this.merge = merge;
        this.index = index;
        this.lo = lo;
        this.hi = hi;
        this.maxSpikes = maxSpikes;
        inbox = new WindowInbox(lo, hi);
        neurons = new WindowNeurons(network, lo, hi, inbox, windowSpikes, spikes);
        arrivals = ArrivalQueue.forNetwork(network);
        generatedFor = new GeneratedArrivals[all.length];
        for (int q = 0; q < all.length; q++) {
            generatedFor[q] = new GeneratedArrivals();
        }
    }

    /** Starts a run in {@code runWindows}: initial states, drive trains and the owned input spikes (merged, sorted). */
    void reset(WindowEnds runWindows, double runDuration, double[] time, int[] neuron, int[] inputIdx) {
        windows = runWindows;
        duration = runDuration;
        arrivals.clear();
        spikes.clear();
        for (GeneratedArrivals g : generatedFor) {
            g.clear();
        }
        synapticEvents = 0;
        windowFirst = 0;
        neurons.reset(runWindows, runDuration);
        int owned = 0;
        for (int g : neuron) {
            owned += g >= lo && g < hi ? 1 : 0;
        }
        inputTime = new double[owned];
        inputNeuron = new int[owned];
        inputIndex = new int[owned];
        int k = 0;
        for (int s = 0; s < neuron.length; s++) {
            if (neuron[s] >= lo && neuron[s] < hi) {
                inputTime[k] = time[s];
                inputNeuron[k] = neuron[s];
                inputIndex[k] = inputIdx[s];
                k++;
            }
        }
        nextInput = 0;
    }

    /**
     * Processes every owned event of window k (before its end and not after the run's end) and
     * records the window's spikes in the global queue's order. Keeps at most as many spikes as
     * overrun the spike budget by one (the merge then reports the overrun).
     */
    void runWindow(int k) {
        windowFirst = spikes.count();
        long room = maxSpikes - spikes.count();
        windowSpikes.start(room < Long.MAX_VALUE ? room + 1 : room);
        neurons.startWindow(k);
        gatherArrivals(k);
        while (nextInput < inputTime.length && neurons.due(inputTime[nextInput])) {
            int g = inputNeuron[nextInput];
            windowSpikes.add(inputTime[nextInput], g, Double.NaN, inputIndex[nextInput], WindowSpikes.SPIKE_RANK, g, 0);
            nextInput++;
        }
        neurons.run(k);
        recordWindow(k);
    }

    /** Poisson drive arrivals of the run so far. */
    long driveArrivals() {
        return neurons.driveArrivals;
    }

    /**
     * Takes window k's arrivals into the inbox: the rows from the queue, in its order, and the
     * generated synapses of the window; then groups them by target, each target's in the queue's
     * order.
     */
    private void gatherArrivals(int k) {
        inbox.clear();
        while (!arrivals.isEmpty() && neurons.due(arrivals.topTime())) {
            int slot = arrivals.topSlot();
            long place = ((long) arrivals.topProjection() << 32) | (slot + 1L);
            deliver(arrivals.topTime(), arrivals.topSpike(), arrivals.topProjection(), place);
        }
        for (int q = 0; q < all.length; q++) {
            GeneratedArrivals.Window w = all[q].generatedFor[index].published(k);
            if (w.chunks > 0) { // then q's spikes that made them are merged
                synapticEvents += inbox.addGenerated(w, merge.globalNumbers(q));
            }
        }
        inbox.sort();
    }

    /**
     * Appends window k's spikes to the partition's record in the queue's order, and generates
     * their synapses over procedural projections with delays of their own, in their row's
     * arrival order, straight into each target partition's windows (published for window k + 1
     * at the end). Every other arrival is scheduled once the window's spikes are numbered
     * ({@link #receive}).
     */
    private void recordWindow(int k) {
        for (GeneratedArrivals g : generatedFor) {
            g.freeBefore(k);
        }
        int kept = windowSpikes.sort();
        for (int i = 0; i < kept; i++) {
            int b = windowSpikes.inOrder(i);
            double t = windowSpikes.time(b);
            int g = windowSpikes.neuron(b);
            int spike = spikes.add(t, g, windowSpikes.currentAtSpike(b), windowSpikes.inputIndex(b),
                    windowSpikes.keyRank(b), windowSpikes.keyA(b), windowSpikes.keyB(b));
            if (!Double.isNaN(windowSpikes.currentAtRelease(b))) {
                spikes.setCurrentAtRelease(spike, windowSpikes.currentAtRelease(b));
            }
            neurons.numbered(g, b, spike);
            emitGenerated(t, g, spike, k);
        }
        for (GeneratedArrivals out : generatedFor) {
            out.publish(k + 1);
        }
    }

    /**
     * Generates local spike {@code spike}'s synapses (at time t in window {@code window}) over procedural
     * projections with delays of their own, each filed once by its target's partition and
     * arrival window, with its global target and receptor; those arriving after the run are dropped.
     */
    private void emitGenerated(double t, int g, int spike, int window) {
        double nextStart = windows.end(window);
        int p = neurons.populationOf(g);
        for (int k = 0; k < network.outgoingCount(p); k++) {
            int j = network.outgoing(p, k);
            Projection pr = network.projection(j);
            if (pr.isStored() || pr.procedural().hasFixedDelay()) {
                continue;
            }
            int targetOffset = network.offset(pr.target());
            int rec = pr.receptor();
            long key = (long) j << 32;
            pr.procedural().row(g - network.offset(p), network.population(pr.target()).size(), stream, row);
            row.sortByDelay();
            int w = window + 1; // the arrival's window: in the row's order arrivals never come earlier
            for (int m = 0; m < row.size(); m++) {
                int r = row.sorted(m);
                double arrival = t + row.sortedDelay(m);
                requireAfter(arrival, nextStart);
                if (arrival <= duration) { // so within the last window, which ends after the run
                    while (arrival >= windows.end(w)) {
                        w++;
                    }
                    int target = targetOffset + row.target(r);
                    generatedFor[partitionOf(target)].add(w, arrival, spike, key | (m + 1L), target, row.weight(r), rec);
                }
            }
        }
    }

    /** The partition owning global neuron g: the first owning its block of 64, or one after it. */
    private int partitionOf(int g) {
        int q = ownerOfBlock[g >>> BLOCK_BITS];
        while (g >= all[q].hi) {
            q++;
        }
        return q;
    }

    /**
     * For partitions with {@code bounds} (block q is {@code [bounds[q], bounds[q + 1])}): per
     * block of 64 global neurons, the first partition owning any of its neurons.
     */
    static int[] ownersOfBlocks(int[] bounds) {
        int n = bounds[bounds.length - 1];
        int[] owner = new int[(n + (1 << BLOCK_BITS) - 1) >>> BLOCK_BITS];
        int q = 0;
        for (int b = 0; b < owner.length; b++) {
            while (b << BLOCK_BITS >= bounds[q + 1]) {
                q++;
            }
            owner[b] = q;
        }
        return owner;
    }

    /**
     * Before window k: schedules the arrivals at this partition's neurons of the spikes the merge
     * numbered {@code [from, to)} (in the merge's global order). Every arrival is at or after
     * window k's start: the minimum delay guarantees it.
     */
    void receive(int from, int to, int window) {
        double windowEnd = windows.start(window);
        for (int s = from; s < to; s++) {
            double t = merge.time(s);
            int g = merge.neuron(s);
            int p = neurons.populationOf(g);
            int pre = g - network.offset(p);
            for (int k = 0; k < network.outgoingCount(p); k++) {
                int j = network.outgoing(p, k);
                Projection pr = network.projection(j);
                int targetLo = network.offset(pr.target());
                if (targetLo >= hi || targetLo + network.population(pr.target()).size() <= lo) {
                    continue;
                }
                if (!pr.isStored()) {
                    if (pr.procedural().hasFixedDelay()) {
                        push(t + pr.procedural().delayMean(), s, j, -1, windowEnd);
                    }
                } else if (pr.rowStart(pre) == pr.rowStart(pre + 1)) {
                    continue; // an empty row: the queue's entry for it delivers nothing
                } else if (!pr.hasSynapseDelays()) {
                    push(t + pr.delay(), s, j, -1, windowEnd);
                } else {
                    push(t + pr.rowDelay(pr.rowStart(pre)), s, j, pr.rowStart(pre), windowEnd);
                }
            }
        }
    }

    private void push(double t, int spike, int j, int first, double windowEnd) {
        requireAfter(t, windowEnd);
        arrivals.push(t, spike, j, first);
    }

    private static void requireAfter(double arrival, double windowEnd) {
        if (arrival < windowEnd) {
            throw new IllegalStateException("arrival at " + arrival + " s before the window's end " + windowEnd
                    + " s: a delay below the network's minimum delay");
        }
    }

    /**
     * Takes the top arrival into the inbox for this partition's targets, as {@link Simulator}
     * delivers it to all of them: a generated row (fixed delay), or a stored row's part arriving
     * at t (scheduling its next part).
     */
    private void deliver(double t, int spike, int j, long place) {
        Projection pr = network.projection(j);
        int targetOffset = network.offset(pr.target());
        int entry = inbox.addEntry(t, spike, place, pr.receptor());
        int pre = merge.neuron(spike) - network.offset(pr.source());
        if (!pr.isStored()) { // a generated row: one delay for all of it
            arrivals.pop();
            pr.procedural().row(pre, network.population(pr.target()).size(), stream, row);
            for (int k = 0; k < row.size(); k++) {
                take(targetOffset + row.target(k), entry, row.weight(k));
            }
            return;
        }
        int slot = arrivals.topSlot();
        arrivals.pop();
        int first = slot < 0 ? pr.rowStart(pre) : slot;
        double spikeTime = merge.time(spike);
        int end = pr.arrivalEnd(pre, first, spikeTime);
        if (end < pr.rowStart(pre + 1)) {
            arrivals.push(spikeTime + pr.rowDelay(end), spike, j, end);
        }
        for (int r = first; r < end; r++) {
            take(targetOffset + pr.rowPost(r), entry, pr.rowWeight(r));
        }
    }

    /** One synaptic event at neuron g, if this partition owns it. */
    private void take(int g, int entry, double w) {
        if (g < lo || g >= hi) {
            return;
        }
        synapticEvents++;
        if (!neurons.isDoneForWindow(g)) {
            inbox.add(g, entry, w);
        }
    }
}
