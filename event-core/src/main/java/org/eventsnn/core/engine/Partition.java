package org.eventsnn.core.engine;

import org.eventsnn.core.base.CounterStream;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.PoissonDrive;
import org.eventsnn.core.model.Projection;
import org.eventsnn.core.model.SynapseRow;

import java.util.Arrays;

/**
 * One partition of the multi-threaded engine ({@link ParallelSimulator}): the neurons with
 * global indices in {@code [lo, hi)}, their states, the arrivals at them and their Poisson
 * drive, processed window by window. Within a window every input of a neuron is known in
 * advance (the window is no longer than the minimum delay), so the partition runs its neurons
 * one at a time instead of through a queue of every event: it takes the window's arrivals from
 * the arrival queue in the queue's order, groups them by target ({@link WindowInbox}), and then
 * runs each neuron with inputs or an event of its own due in the window ({@link #visit}) through
 * its arrivals, its drive arrivals and its own events, in the order the global queue gives them
 * (at one instant: its spike, then arrivals in queue order, its drive arrival, its release, its
 * check). A neuron's state depends only on its own inputs, so it sees exactly the operations, in
 * the order, of {@link Simulator}'s queue. Checks are lazy: tested against the neuron's next input
 * or the window's end, and moved to a rigorous bound for later windows. The window's spikes are
 * then put into the queue's processing order ({@link WindowSpikes}) with their merge keys: a spike
 * fired at the instant of the neuron's event that predicted it carries that event's key, any
 * other its own (see {@link WindowMerge}). An arrival entry (spike, projection, row part) is kept
 * by every partition with targets in it, each delivering to its own targets in row order.
 */
final class Partition implements NeuronStates.Pending {
    /** Ranks of event classes in the merge key, in the global queue's order at equal times. */
    private static final int SPIKE_RANK = 0;
    private static final int ARRIVAL_RANK = 1;
    private static final int DRIVE_RANK = 2;
    private static final int RELEASE_RANK = 3;
    private static final int CHECK_RANK = 4;
    private static final int NONE = -1;

    final int lo;
    final int hi;
    private final Network network;
    private final Partition[] all;
    private final WindowMerge merge;
    private final int index;
    private final long maxSpikes;
    private final NeuronStates states;
    private final ArrivalQueue arrivals;
    private final CounterStream stream = new CounterStream();
    private final SynapseRow row = new SynapseRow();
    private final DriveStreams drives;
    private final WindowInbox inbox;
    private final GeneratedArrivals generated = new GeneratedArrivals();
    private final WindowSpikes windowSpikes = new WindowSpikes();
    /** The owned neurons to visit, by window number (bucket width 1 over window numbers). */
    private final TimeBuckets wake = new TimeBuckets(1.0);
    private double[] wakeNumbers = new double[64];
    private int[] wakeNeurons = new int[64];
    /** Per owned neuron ({@code g - lo}): the window it is to be visited in, or -1. */
    private final int[] wakeWindow;
    /** Per owned neuron: its pending event (time, kind or {@link #NONE}). */
    private final double[] pendingTime;
    private final int[] pendingKind;
    /** Per owned neuron: local number of its last spike, or {@code -2 - s} for spike s of the window's buffer. */
    private final int[] lastSpike;
    final PartitionSpikes spikes = new PartitionSpikes();
    /** Generated synapses for each partition, by the parity of the window that made them. */
    private final SynapseOutbox[][] outbox;
    private double[] inputTime = new double[0];
    private int[] inputNeuron = new int[0];
    private int[] inputIndex = new int[0];
    private int nextInput;
    private WindowEnds windows;
    private double duration;
    private double windowEnd;
    private int parity;
    /** The event of the visited neuron processed last: its time and merge key. */
    private double eventTime;
    private int eventRank;
    private long eventA;
    private long eventB;
    /** First local spike of the current window. */
    int windowFirst;
    long synapticEvents;
    long driveArrivals;

    Partition(Network network, Partition[] all, WindowMerge merge, int index, int lo, int hi, long maxSpikes) {
        this.network = network;
        this.all = all;
        this.merge = merge;
        this.index = index;
        this.lo = lo;
        this.hi = hi;
        this.maxSpikes = maxSpikes;
        int owned = hi - lo;
        pendingTime = new double[owned];
        pendingKind = new int[owned];
        wakeWindow = new int[owned];
        lastSpike = new int[owned];
        states = new NeuronStates(network, this, true);
        drives = new DriveStreams(network);
        inbox = new WindowInbox(lo, hi);
        arrivals = ArrivalQueue.forNetwork(network);
        outbox = new SynapseOutbox[2][all.length];
        for (SynapseOutbox[] byParity : outbox) {
            for (int q = 0; q < all.length; q++) {
                byParity[q] = new SynapseOutbox();
            }
        }
    }

    /** Starts a run in {@code runWindows}: initial states, drive trains and the owned input spikes (merged, sorted). */
    void reset(WindowEnds runWindows, double runDuration, double[] time, int[] neuron, int[] inputIdx) {
        windows = runWindows;
        duration = runDuration;
        arrivals.clear();
        generated.clear();
        spikes.clear();
        Arrays.fill(lastSpike, -1);
        Arrays.fill(pendingKind, NONE);
        Arrays.fill(wakeWindow, -1);
        for (SynapseOutbox[] byParity : outbox) {
            for (SynapseOutbox o : byParity) {
                o.clear();
            }
        }
        synapticEvents = 0;
        driveArrivals = 0;
        parity = 0;
        windowFirst = 0;
        states.resetNeurons(lo, hi, duration);
        drives.reset(lo, hi);
        wake.clear();
        for (int g = lo; g < hi; g++) {
            if (states.dynamics(g) != null) {
                wake.add(0, g);
                wakeWindow[g - lo] = 0;
            }
        }
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

    @Override
    public void schedule(int g, double t, int kind) {
        pendingTime[g - lo] = t;
        pendingKind[g - lo] = kind;
    }

    @Override
    public void remove(int g) {
        pendingKind[g - lo] = NONE;
    }

    @Override
    public boolean hasSpikePending(int g) {
        return pendingKind[g - lo] == QuaternaryEventHeap.SPIKE;
    }

    /**
     * Processes every owned event of window k (before its end and not after the run's end) and
     * records the window's spikes in the global queue's order. Keeps at most as many spikes as
     * overrun the spike budget by one (the merge then reports the overrun).
     */
    void runWindow(int k) {
        windowEnd = windows.end(k);
        windowFirst = spikes.count();
        long room = maxSpikes - spikes.count();
        windowSpikes.start(room < Long.MAX_VALUE ? room + 1 : room);
        gatherArrivals(k);
        while (nextInput < inputTime.length && due(inputTime[nextInput])) {
            int g = inputNeuron[nextInput];
            windowSpikes.add(inputTime[nextInput], g, Double.NaN, inputIndex[nextInput], SPIKE_RANK, g, 0);
            nextInput++;
        }
        int woken = takeWoken(k);
        if (inbox.size() + woken >= (hi - lo) / 4) {
            visitAll(k);
        } else {
            visitSome(k, woken);
        }
        recordWindow();
    }

    /** Takes the neurons registered for window k into {@link #wakeNeurons}; returns how many (duplicates included). */
    private int takeWoken(int k) {
        int woken = wake.take(k);
        if (wakeNeurons.length < woken) {
            wakeNeurons = new int[Math.max(woken, 2 * wakeNeurons.length)];
            wakeNumbers = new double[wakeNeurons.length];
        }
        wake.copyTaken(wakeNumbers, wakeNeurons);
        return woken;
    }

    /** Visits, in ascending order, every owned neuron with synapses in the inbox or registered for window k. */
    private void visitAll(int k) {
        int n = inbox.size();
        int s = 0;
        for (int g = lo; g < hi; g++) {
            int e = s;
            while (e < n && inbox.neuron(e) == g) {
                e++;
            }
            if (e > s || wakeWindow[g - lo] == k) {
                visit(g, s, e, k);
            }
            s = e;
        }
    }

    /**
     * {@link #visitAll} for a window in which few neurons have anything due: merges the inbox's
     * neurons with the {@code woken} neurons registered for window k, sorted.
     */
    private void visitSome(int k, int woken) {
        Arrays.sort(wakeNeurons, 0, woken);
        int n = inbox.size();
        int s = 0;
        int w = 0;
        while (s < n || w < woken) {
            if (w < woken && wakeWindow[wakeNeurons[w] - lo] != k) {
                w++; // visited since it was registered, or listed twice
                continue;
            }
            int g = s < n ? inbox.neuron(s) : Integer.MAX_VALUE;
            if (w < woken && wakeNeurons[w] < g) {
                visit(wakeNeurons[w++], 0, 0, k);
                continue;
            }
            int e = s + 1;
            while (e < n && inbox.neuron(e) == g) {
                e++;
            }
            visit(g, s, e, k);
            s = e;
        }
    }

    /** True for an event at t within the window being run (and the run, and the spikes' cutoff). */
    private boolean due(double t) {
        return t < windowEnd && t <= duration && t <= windowSpikes.cutoff();
    }

    /**
     * Takes window k's arrivals into the inbox: the rows from the queue, in its order, and the
     * generated synapses of the window; then groups them by target, each target's in the queue's
     * order.
     */
    private void gatherArrivals(int k) {
        inbox.clear();
        while (!arrivals.isEmpty() && due(arrivals.topTime())) {
            int slot = arrivals.topSlot();
            long place = ((long) arrivals.topProjection() << 32) | (slot + 1L);
            deliver(arrivals.topTime(), arrivals.topSpike(), arrivals.topProjection(), place);
        }
        for (int c = generated.take(k); c >= 0; c = generated.nextChunk(c)) {
            for (int at = GeneratedArrivals.start(c), end = at + generated.entries(c); at < end; at++) {
                int entry = inbox.addEntry(generated.time(at), generated.spike(at), generated.place(at),
                        generated.receptor(at));
                take(generated.neuron(at), entry, generated.weight(at));
            }
        }
        generated.releaseTaken();
        inbox.sort();
    }

    /**
     * Runs owned neuron g through window k: its synapses {@code [from, to)} of the inbox, its
     * drive arrivals and its own events, in the queue's order; then registers the window of its
     * next event of its own or drive arrival.
     */
    private void visit(int g, int from, int to, int k) {
        eventTime = Double.NaN;
        double drive = drives.next(g);
        int s = from;
        while (true) {
            double ta = s < to ? inbox.time(s) : Double.POSITIVE_INFINITY;
            boolean arrival = ta <= drive; // at one instant an arrival comes before a drive arrival
            double t = arrival ? ta : drive;
            if (!due(t)) {
                break;
            }
            resolve(g, t, QuaternaryEventHeap.SPIKE);
            if (arrival) {
                noteEvent(t, ARRIVAL_RANK, inbox.spike(s), inbox.place(s));
                if (!states.isDoneForWindow(g)) {
                    states.receive(g, t, inbox.receptor(s), inbox.weight(s));
                }
                s++;
            } else {
                noteEvent(t, DRIVE_RANK, g, 0);
                PoissonDrive d = drives.of(g);
                drives.advance(g);
                drive = drives.next(g);
                driveArrivals++;
                if (!states.isDoneForWindow(g)) {
                    states.receive(g, t, d.receptor(), d.weight());
                }
            }
        }
        double last = Math.min(duration, windowSpikes.cutoff());
        if (windowEnd <= last) {
            resolve(g, windowEnd, NONE);
        } else {
            resolve(g, last, QuaternaryEventHeap.CHECK);
        }
        int i = g - lo;
        if (pendingKind[i] == QuaternaryEventHeap.CHECK && due(pendingTime[i])) {
            states.deferCheck(g); // it stays below until the window's end
        }
        double next = Math.min(pendingKind[i] == NONE ? Double.POSITIVE_INFINITY : pendingTime[i], drive);
        int w = next <= duration ? windows.ofAfter(next, k) : windows.count();
        if (w >= windows.count()) {
            wakeWindow[i] = -1;
        } else if (wakeWindow[i] != w) {
            wake.add(w, g);
            wakeWindow[i] = w;
        }
    }

    /** The visited neuron's event at t with merge key (rank, a, b) is being processed. */
    private void noteEvent(double t, int rank, long a, long b) {
        eventTime = t;
        eventRank = rank;
        eventA = a;
        eventB = b;
    }

    /**
     * Processes neuron g's pending events up to time {@code limit}; events at {@code limit} only
     * if their kind orders at or before {@code lastKind} (the queue's order at equal times). A
     * check is lazy: solved exactly only if no bound shows the neuron below threshold until
     * {@code limit}.
     */
    private void resolve(int g, double limit, int lastKind) {
        int i = g - lo;
        while (pendingKind[i] != NONE) {
            double t = pendingTime[i];
            int kind = pendingKind[i];
            if (t > limit || (t == limit && kind > lastKind)) {
                return;
            }
            if (kind == QuaternaryEventHeap.SPIKE) {
                fire(g, t);
            } else if (kind == QuaternaryEventHeap.RELEASE) {
                noteEvent(t, RELEASE_RANK, g, 0);
                double current = states.release(g, t);
                if (lastSpike[i] <= -2) {
                    windowSpikes.setCurrentAtRelease(-2 - lastSpike[i], current);
                } else {
                    spikes.setCurrentAtRelease(lastSpike[i], current);
                }
            } else if (!states.staysBelowUntil(g, limit)) {
                noteEvent(t, CHECK_RANK, g, 0);
                states.predictExactly(g);
            } else {
                return;
            }
        }
    }

    private void fire(int g, double t) {
        states.advanceToOwnSpike(g, t);
        double current = states.totalCurrent(g);
        int s = t == eventTime // predicted at this instant: placed by the event that predicted it
                ? windowSpikes.add(t, g, current, -1, eventRank, eventA, eventB)
                : windowSpikes.add(t, g, current, -1, SPIKE_RANK, g, 0);
        lastSpike[g - lo] = -2 - s;
        if (states.resetAfterSpike(g, t, false)) {
            windowSpikes.setCurrentAtRelease(s, current);
        }
    }

    /**
     * Appends the window's spikes to the partition's record in the queue's order, and generates
     * their synapses over procedural projections with delays of their own, in their row's
     * arrival order, into the outbox of each target's partition. Every other arrival is
     * scheduled once the window's spikes are numbered ({@link #receive}).
     */
    private void recordWindow() {
        SynapseOutbox[] out = outbox[parity];
        for (SynapseOutbox o : out) {
            o.clear();
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
            if (lastSpike[g - lo] == -2 - b) {
                lastSpike[g - lo] = spike;
            }
            emitGenerated(t, g, spike, out);
        }
    }

    /** Generates spike {@code spike}'s synapses over procedural projections with delays of their own. */
    private void emitGenerated(double t, int g, int spike, SynapseOutbox[] out) {
        int p = states.populationOf(g);
        for (int k = 0; k < network.outgoingCount(p); k++) {
            int j = network.outgoing(p, k);
            Projection pr = network.projection(j);
            if (pr.isStored() || pr.procedural().hasFixedDelay()) {
                continue;
            }
            int targetOffset = network.offset(pr.target());
            pr.procedural().row(g - network.offset(p), network.population(pr.target()).size(), stream, row);
            row.sortByDelay();
            for (int m = 0; m < row.size(); m++) {
                int r = row.sorted(m);
                out[partitionOf(targetOffset + row.target(r))].add(t + row.delay(r), spike, j, m, row.target(r),
                        row.weight(r));
            }
        }
    }

    /** The partition owning global neuron g. */
    private int partitionOf(int g) {
        int q = 0;
        while (g >= all[q].hi) {
            q++;
        }
        return q;
    }

    /**
     * Before window k: schedules the arrivals at this partition's neurons of the spikes the merge
     * numbered {@code [from, to)} (in the merge's global order), and takes the generated synapses
     * every partition made for it in the window before, by the window they arrive in. Every
     * arrival is at or after window k's start: the minimum delay guarantees it.
     */
    void receive(int from, int to, int window) {
        double windowEnd = windows.start(window);
        for (int s = from; s < to; s++) {
            double t = merge.time(s);
            int g = merge.neuron(s);
            int p = states.populationOf(g);
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
        for (int q = 0; q < all.length; q++) {
            SynapseOutbox o = all[q].outbox[parity][index];
            for (int e = 0; e < o.size(); e++) {
                double t = o.time(e);
                requireAfter(t, windowEnd);
                if (t <= duration) {
                    Projection pr = network.projection(o.projection(e));
                    generated.add(windows.ofAfter(t, window - 1), t, merge.globalOf(q, o.spike(e)),
                            ((long) o.projection(e) << 32) | (o.place(e) + 1L), network.offset(pr.target()) + o.target(e),
                            o.weight(e), pr.receptor());
                }
            }
        }
        parity ^= 1;
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
        if (!states.isDoneForWindow(g)) {
            inbox.add(g, entry, w);
        }
    }
}
