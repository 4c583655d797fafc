package org.eventsnn.core.engine;

import org.eventsnn.core.base.CounterStream;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.PoissonDrive;
import org.eventsnn.core.model.ProceduralConnectivity;
import org.eventsnn.core.model.Projection;
import org.eventsnn.core.model.SynapseRow;

import java.util.Arrays;

/**
 * One partition of the multi-threaded engine ({@link ParallelSimulator}): the neurons with
 * global indices in {@code [lo, hi)}, their states, their pending events, the arrivals at them
 * and their Poisson drive, processed window by window with the very rules and tie-breaking of
 * {@link Simulator}'s global queue. An arrival entry (spike, projection, row part) is kept by
 * every partition with targets in it, each delivering to its own targets in row order. Each
 * spike recorded here carries the largest event key (class, then id) processed so far at its
 * instant, which {@link WindowMerge} needs to place it among other partitions' spikes.
 */
final class Partition {
    /** Ranks of event classes in the merge key, in the global queue's order at equal times. */
    private static final int SPIKE_RANK = 0;
    private static final int ARRIVAL_RANK = 1;
    private static final int DRIVE_RANK = 2;
    private static final int RELEASE_RANK = 3;
    private static final int CHECK_RANK = 4;

    final int lo;
    final int hi;
    private final Network network;
    private final Partition[] all;
    private final WindowMerge merge;
    private final int index;
    private final long maxSpikes;
    private final QuaternaryEventHeap neuronEvents;
    private final NeuronStates states;
    private final ArrivalQueue arrivals;
    private final NextEvent next = new NextEvent();
    private final CounterStream stream = new CounterStream();
    private final SynapseRow row = new SynapseRow();
    private final PoissonArrivals drives;
    /** Local number of each owned neuron's last spike. */
    private final int[] lastSpike;
    final PartitionSpikes spikes = new PartitionSpikes();
    /** Generated synapses for each partition, by the parity of the window that made them. */
    private final SynapseOutbox[][] outbox;
    private double[] inputTime = new double[0];
    private int[] inputNeuron = new int[0];
    private int[] inputIndex = new int[0];
    private int nextInput;
    private double duration;
    private int parity;
    /** First local spike of the current window. */
    int windowFirst;
    long synapticEvents;
    long driveArrivals;
    /** The instant of the running maximum event key, and that key (rank, a, b). */
    private double keyTime;
    private int maxRank;
    private long maxA;
    private long maxB;

    Partition(Network network, Partition[] all, WindowMerge merge, int index, int lo, int hi, long maxSpikes) {
        this.network = network;
        this.all = all;
        this.merge = merge;
        this.index = index;
        this.lo = lo;
        this.hi = hi;
        this.maxSpikes = maxSpikes;
        int n = network.neuronCount();
        neuronEvents = new QuaternaryEventHeap(n, Math.max(1, hi - lo));
        states = new NeuronStates(network, neuronEvents, false);
        lastSpike = new int[n];
        drives = new PoissonArrivals(network);
        arrivals = ArrivalQueue.forNetwork(network);
        outbox = new SynapseOutbox[2][all.length];
        for (SynapseOutbox[] byParity : outbox) {
            for (int q = 0; q < all.length; q++) {
                byParity[q] = new SynapseOutbox();
            }
        }
    }

    /** Starts a run: initial states, first drive arrivals and the owned input spikes (merged, sorted). */
    void reset(double runDuration, double[] time, int[] neuron, int[] inputIdx) {
        duration = runDuration;
        neuronEvents.clear();
        arrivals.clear();
        spikes.clear();
        Arrays.fill(lastSpike, lo, hi, -1);
        for (SynapseOutbox[] byParity : outbox) {
            for (SynapseOutbox o : byParity) {
                o.clear();
            }
        }
        synapticEvents = 0;
        driveArrivals = 0;
        parity = 0;
        windowFirst = 0;
        keyTime = Double.NaN;
        states.resetNeurons(lo, hi, duration);
        drives.reset(lo, hi, duration);
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
     * Processes every owned event at a time before {@code end} and not after the run's end, in
     * the global queue's order. Stops early once more than the spike budget were recorded here
     * (the merge then reports the overrun).
     */
    void runWindow(double end) {
        windowFirst = spikes.count();
        SynapseOutbox[] out = outbox[parity];
        for (SynapseOutbox o : out) {
            o.clear();
        }
        while (spikes.count() <= maxSpikes) {
            next.choose(inputTime, inputNeuron, nextInput, neuronEvents, arrivals, drives.queue());
            double t = next.time;
            int cls = next.kind;
            int id = next.neuron;
            boolean fromInput = next.fromInput;
            if (!(t < end && t <= duration)) {
                break;
            }
            if (cls == NextEvent.DRIVE) {
                note(t, DRIVE_RANK, id, 0);
                drive(t, id);
            } else if (cls == NextEvent.ARRIVAL) {
                int slot = arrivals.topSlot();
                note(t, ARRIVAL_RANK, arrivals.topSpike(), ((long) arrivals.topProjection() << 32) | (slot + 1L));
                deliver(t, arrivals.topSpike(), arrivals.topProjection());
            } else if (fromInput) {
                note(t, SPIKE_RANK, id, 0);
                emit(t, id, Double.NaN, inputIndex[nextInput], out);
                nextInput++;
            } else if (cls == QuaternaryEventHeap.SPIKE) {
                note(t, SPIKE_RANK, id, 0);
                fire(t, id, out);
            } else if (cls == QuaternaryEventHeap.RELEASE) {
                note(t, RELEASE_RANK, id, 0);
                spikes.setCurrentAtRelease(lastSpike[id], states.release(id, t));
            } else {
                note(t, CHECK_RANK, id, 0);
                states.checkReached(id, t);
            }
        }
    }

    /** Raises the running maximum event key of instant t to (rank, a, b). */
    private void note(double t, int rank, long a, long b) {
        if (t != keyTime) {
            keyTime = t;
            maxRank = rank;
            maxA = a;
            maxB = b;
        } else if (rank > maxRank || (rank == maxRank && (a > maxA || (a == maxA && b > maxB)))) {
            maxRank = rank;
            maxA = a;
            maxB = b;
        }
    }

    private void fire(double t, int g, SynapseOutbox[] out) {
        states.advanceToOwnSpike(g, t);
        double current = states.totalCurrent(g);
        int spike = emit(t, g, current, -1, out);
        lastSpike[g] = spike;
        if (states.resetAfterSpike(g, t, false)) {
            spikes.setCurrentAtRelease(spike, current);
        }
    }

    /**
     * Records a spike; generates its synapses over procedural projections with delays of their
     * own at once, in their row's arrival order, into the outbox of each target's partition.
     * Every other arrival is scheduled once the window's spikes are numbered ({@link #receive}).
     */
    private int emit(double t, int g, double current, int input, SynapseOutbox[] out) {
        int spike = spikes.add(t, g, current, input, maxRank, maxA, maxB);
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
        return spike;
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
     * Schedules the arrivals at this partition's neurons of the spikes the merge numbered
     * {@code [from, to)} (in the merge's global order), and takes the generated synapses every
     * partition made for it in that window. Every arrival is at or after {@code windowEnd}: the
     * minimum delay guarantees it.
     */
    void receive(int from, int to, double windowEnd) {
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
                requireAfter(o.time(e), windowEnd);
                arrivals.pushSynapse(o.time(e), merge.globalOf(q, o.spike(e)), o.projection(e), o.place(e),
                        o.target(e), o.weight(e));
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

    private void drive(double t, int g) {
        PoissonDrive d = drives.arrive(t, g, states.populationOf(g));
        driveArrivals++;
        if (!states.isDoneForWindow(g)) {
            states.receive(g, t, d.receptor(), d.weight());
        }
    }

    /**
     * Delivers the top arrival to this partition's targets, as {@link Simulator} delivers it to
     * all of them: a generated synapse, a generated row (fixed delay), or a stored row's part
     * arriving at t (scheduling its next part).
     */
    private void deliver(double t, int spike, int j) {
        Projection pr = network.projection(j);
        int targetOffset = network.offset(pr.target());
        int receptor = pr.receptor();
        int pre = merge.neuron(spike) - network.offset(pr.source());
        if (!pr.isStored()) {
            int post = arrivals.topPost();
            if (post >= 0) {
                double w = arrivals.topWeight();
                arrivals.pop();
                deliverOne(targetOffset + post, t, receptor, w);
                return;
            }
            arrivals.pop();
            pr.procedural().row(pre, network.population(pr.target()).size(), stream, row);
            for (int k = 0; k < row.size(); k++) {
                deliverOne(targetOffset + row.target(k), t, receptor, row.weight(k));
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
            deliverOne(targetOffset + pr.rowPost(r), t, receptor, pr.rowWeight(r));
        }
    }

    /** One synaptic event at neuron g, if this partition owns it. */
    private void deliverOne(int g, double t, int receptor, double w) {
        if (g < lo || g >= hi) {
            return;
        }
        synapticEvents++;
        if (!states.isDoneForWindow(g)) {
            states.receive(g, t, receptor, w);
        }
    }
}
