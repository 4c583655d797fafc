package org.eventsnn.core.engine;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.model.Projection;
import org.eventsnn.core.model.SynapseLayout;
import org.eventsnn.core.record.SpikeRecord;

import java.util.Arrays;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;

/**
 * The exact simulation of a feed-forward network without a global event queue: populations are
 * simulated one at a time, each after the sources of all its projections. A population's inputs
 * are then known in advance, so each neuron keeps a single pending event that only has to be
 * resolved before the neuron's next input. Every neuron sees the same operations in the same
 * order as under {@link Simulator}'s queue (its own spike before an arrival at the same instant,
 * arrivals before the end of a refractory period and before a check), so the spikes are
 * identical; the processing log is rebuilt at the end by merging the events, in sorted runs per
 * projection and population, in the queue's key order. A projection with per-synapse delays
 * delivers each source spike in parts, as the queue does, listed and sorted into the queue's order
 * per run ({@link DelayedArrivals}). A population whose neurons share one
 * parameter set with one receptor is simulated by a {@link UniformPopulation}, the others through
 * {@link NeuronStates}. A replay ({@link #replay}) takes every LIF spike from the observed ones
 * instead of predicting crossings, as the queue's replay does.
 *
 * <p>Not thread-safe; keeps its buffers between runs.
 */
final class LayeredSimulation implements NeuronStates.Pending, UniformPopulation.SpikeSink {
    private static final int NONE = -1;

    private Network network;
    private final long maxSpikes;
    private final int[] order;
    /** Per population, the indices of its incoming projections in the network (the same through {@link #adopt}). */
    private final int[][] incomingIndex;
    /** Per projection with per-synapse delays, its arrivals in the current run; null for the others. */
    private final DelayedArrivals[] delayed;
    /** Per projection (into a population being simulated), its next source spike (or delayed arrival). */
    private final int[] cursor;
    /**
     * Per projection (into a population being simulated), its next arrival: spike (-1: none
     * left), time and the row slots it delivers.
     */
    private final int[] headSpike;
    private final double[] headTime;
    private final int[] headFirst;
    private final int[] headEnd;
    private final NeuronStates states;
    private final double[] pendingTime;
    private final int[] pendingKind;
    private final int[] lastSpike;
    /** Per neuron, whether it fired within the record (filled only for records that end early). */
    private final boolean[] inRecord;
    private final SpikeStore spikes = new SpikeStore();
    /** Per population, its spikes (ids in {@link #spikes}), sorted once the population is done. */
    private final IdList[] spikesOf;
    /**
     * Per population, true if this run simulates it only as far as the population the run stops
     * on needs its spikes ({@link #streams}); and then how many of its spikes are final (the
     * first ones of {@link #spikesOf}, sorted: every spike before {@link #finalBefore}), and the
     * length of the next step of its last stretch once no arrival is left (NaN before).
     */
    private final boolean[] streamed;
    private final int[] finalSpikes;
    private final double[] finalBefore;
    private final double[] tailStep;
    /** True if this run tells its record which neurons fired after the record's end. */
    private boolean tellFiredAfterEnd;
    /**
     * Streamed runs in a row whose streamed populations all ran to the window's end (streaming
     * saved nothing), and how many runs that could stream will not, once {@link #FRUITLESS_STREAMS}
     * such runs came in a row ({@link #streams}).
     */
    private int fruitlessStreams;
    private int streamPause;
    /** Fruitless streamed runs in a row after which streaming pauses, and for how many runs. */
    static final int FRUITLESS_STREAMS = 16;
    static final int STREAM_PAUSE = 256;
    private final EventLogMerge log;
    /** Per population, its refractory period (0 for inputs). */
    private final double[] refractory;
    private final boolean allDelaysZero;
    /** Per population, its {@link UniformPopulation} if it suits one, else null (simulated by {@link #states}). */
    private final UniformPopulation[] uniform;
    private double duration;
    /** The population the run stops on (or -1 for the whole window), and the one being simulated. */
    private int stopPopulation;
    private int simulating;
    /** While recording: the neurons of the population the run stops on, and how many have not fired yet. */
    private int stopLow;
    private int stopHigh;
    private int silent;
    /**
     * While simulating the population the run stops on: how many of its neurons have not fired
     * yet, and the latest of their first spikes so far.
     */
    private int unfired;
    private double latestFirstSpike;
    /** Spikes a run may hold before {@link #requireWithinLimit} throws (unlimited for runs that stop early). */
    private long spikeLimit;
    /** True while replaying observed spikes ({@link #replay}), and the threshold noise of their backend. */
    private boolean replaying;
    private double replayNoise;

    /**
     * Most populations and projections for which this engine pays: it merges one run per
     * projection and population with a linear scan, which beats the queue for layered models
     * but not for networks laid out neuron by neuron (a chip's, with hundreds of populations).
     */
    private static final int MAX_RUNS = 32;

    /** True for feed-forward networks of few enough populations and projections, all stored. */
    static boolean suits(Network network) {
        for (Projection pr : network.projections()) {
            if (!pr.isStored()) {
                return false;
            }
        }
        for (Population pop : network.populations()) {
            if (pop.poisson() != null || pop.hasDeltaReceptor()) {
                return false;
            }
        }
        return network.isFeedForward() && network.populations().size() + network.projections().size() <= MAX_RUNS;
    }

    /** For a network whose {@link Network#isFeedForward()} holds. */
    LayeredSimulation(Network network, long maxSpikes) {
        this.network = network;
        this.maxSpikes = maxSpikes;
        this.order = topologicalOrder(network);
        int pops = network.populations().size();
        incomingIndex = incomingIndices(network);
        cursor = new int[network.projections().size()];
        headSpike = new int[cursor.length];
        headTime = new double[cursor.length];
        headFirst = new int[cursor.length];
        headEnd = new int[cursor.length];
        delayed = new DelayedArrivals[cursor.length];
        for (int j = 0; j < delayed.length; j++) {
            if (network.projection(j).hasSynapseDelays()) {
                delayed[j] = new DelayedArrivals();
            }
        }
        int n = network.neuronCount();
        states = new NeuronStates(network, this, true);
        pendingTime = new double[n];
        pendingKind = new int[n];
        lastSpike = new int[n];
        inRecord = new boolean[n];
        spikesOf = new IdList[pops];
        for (int p = 0; p < pops; p++) {
            spikesOf[p] = new IdList();
        }
        streamed = new boolean[pops];
        finalSpikes = new int[pops];
        finalBefore = new double[pops];
        tailStep = new double[pops];
        log = new EventLogMerge(network.projections().size() + pops + 1);
        refractory = new double[pops];
        for (int p = 0; p < pops; p++) {
            Population pop = network.population(p);
            refractory[p] = pop.isInput() ? 0 : pop.params().refractory();
        }
        boolean zero = true;
        for (Projection pr : network.projections()) {
            zero &= !pr.hasSynapseDelays() && pr.delay() == 0;
        }
        allDelaysZero = zero;
        uniform = new UniformPopulation[pops];
        for (int p = 0; p < pops; p++) {
            if (UniformPopulation.suits(network.population(p))) {
                uniform[p] = new UniformPopulation(network, p, this);
            }
        }
    }

    /** Per population of {@code net}, the indices of its incoming projections in ascending order. */
    private static int[][] incomingIndices(Network net) {
        int[][] in = new int[net.populations().size()][];
        for (int p = 0; p < in.length; p++) {
            IntArrayList list = new IntArrayList();
            for (int j = 0; j < net.projections().size(); j++) {
                if (net.projection(j).target() == p) {
                    list.add(j);
                }
            }
            in[p] = list.toArray();
        }
        return in;
    }

    /**
     * Runs {@code next}, which differs from the network so far at most in weights and per-synapse
     * delays ({@link Simulator#adopt}): nothing kept here depends on either.
     */
    void adopt(Network next) {
        network = next;
    }

    @Override
    public void schedule(int neuron, double t, int kind) {
        pendingTime[neuron] = t;
        pendingKind[neuron] = kind;
    }

    @Override
    public void remove(int neuron) {
        pendingKind[neuron] = NONE;
    }

    @Override
    public boolean hasSpikePending(int neuron) {
        return pendingKind[neuron] == QuaternaryEventHeap.SPIKE;
    }

    /**
     * The record of a run over {@code [0, duration]} with the given input spikes, sorted by
     * (time, global neuron), each with its index in its train; with {@code stopPopulation >= 0}
     * the record ends once every neuron of that population has fired, as {@link Simulator}'s does,
     * and with {@code firedAfterEnd} it tells which neurons fired after its end where it can
     * ({@link SpikeRecord#knowsFiredAfterEnd}); without, the populations that feed only the one
     * the run stops on may be simulated only as far as it needs ({@link #streams}).
     * Fills and returns {@code record}, which must be empty; a record of spikes only
     * ({@link SpikeRecord#hasEventLog} false) gets the same spikes and currents without the log.
     */
    SpikeRecord run(double duration, double[] inputTime, int[] inputNeuron, int[] inputIndex, int stopPopulation,
                    boolean firedAfterEnd, SpikeRecord record) {
        return run(duration, inputTime, inputNeuron, inputIndex, inputTime.length, stopPopulation, firedAfterEnd, record);
    }

    /** {@link #run(double, double[], int[], int[], int, boolean, SpikeRecord)} with the first {@code inputs} input spikes of the arrays. */
    SpikeRecord run(double duration, double[] inputTime, int[] inputNeuron, int[] inputIndex, int inputs,
                    int stopPopulation, boolean firedAfterEnd, SpikeRecord record) {
        replaying = false;
        tellFiredAfterEnd = firedAfterEnd;
        return simulate(duration, inputTime, inputNeuron, inputIndex, inputs, stopPopulation, record);
    }

    /**
     * The record of {@link Simulator#replay} over {@code [0, duration]}: the spikes, sorted by
     * (time, global neuron), are the input's (each with its index in its train) and the observed
     * LIF spikes (index -1), which are taken as they are instead of predicted; the model's
     * currents are evolved between them, and each observed spike gets its neuron's current
     * there, raised as {@link Simulator#replayedCurrent} says for a backend with
     * {@code thresholdNoise}. The very record of the queue's replay, log included. Fills and
     * returns {@code record}, which must be empty.
     */
    SpikeRecord replay(double duration, double[] spikeTime, int[] spikeNeuron, int[] spikeIndex, double thresholdNoise,
                       SpikeRecord record) {
        replaying = true;
        replayNoise = thresholdNoise;
        tellFiredAfterEnd = true;
        return simulate(duration, spikeTime, spikeNeuron, spikeIndex, spikeTime.length, -1, record);
    }

    private SpikeRecord simulate(double duration, double[] inputTime, int[] inputNeuron, int[] inputIndex, int inputs,
                                 int stopPopulation, SpikeRecord record) {
        this.duration = duration;
        spikes.clear();
        for (IdList list : spikesOf) {
            list.clear();
        }
        for (int i = 0; i < inputs; i++) {
            int g = inputNeuron[i];
            spikesOf[network.populationOf(g)].add(spikes.add(inputTime[i], g, Double.NaN, inputIndex[i]));
        }
        this.stopPopulation = stopPopulation;
        spikeLimit = stopPopulation < 0 ? maxSpikes : Long.MAX_VALUE;
        requireWithinLimit();
        for (int p = 0; p < spikesOf.length; p++) {
            streamed[p] = false;
            finalSpikes[p] = spikesOf[p].size(); // an input's, or in a replay the observed ones
        }
        boolean paused = streamPause > 0 && !tellFiredAfterEnd && !replaying && stopPopulation >= 0;
        if (paused) {
            streamPause--;
        }
        for (int p : order) {
            streamed[p] = !paused && streams(p);
            if (streamed[p]) {
                startPopulation(p);
                finalSpikes[p] = 0;
                finalBefore[p] = Double.NEGATIVE_INFINITY;
                tailStep[p] = Double.NaN;
            } else {
                simulatePopulation(p);
                finalSpikes[p] = spikesOf[p].size();
            }
        }
        boolean streaming = false;
        boolean fruitless = true;
        for (int p : order) {
            if (streamed[p]) {
                spikes.sort(spikesOf[p], finalSpikes[p]);
                streaming = true;
                fruitless &= finalBefore[p] == Double.POSITIVE_INFINITY;
            }
        }
        if (streaming) {
            fruitlessStreams = fruitless ? fruitlessStreams + 1 : 0;
            if (fruitlessStreams == FRUITLESS_STREAMS) {
                fruitlessStreams = 0;
                streamPause = STREAM_PAUSE;
            }
        }
        return record(record);
    }

    /**
     * True if population p is simulated only as far as the population the run stops on needs
     * its spikes: in a run that need not tell which neurons fired after its end and stops on a
     * population that feeds no other, a population with {@link UniformPopulation} neurons whose
     * projections all lead, without delays, to the one the run stops on. Its spikes after the
     * record's end are then never found (about two thirds of a Yin-Yang hidden layer's spikes
     * at initial weights). Its neurons are independent of each other, and each sees the same
     * operations in the same order as in a whole run, only spread over several steps
     * ({@link #step}), so the spikes found are the same. Where the population the run stops on
     * fires only after the streamed ones' last spikes (trained Yin-Yang networks: 999 of 1000
     * {@code eventprop} samples), they run to the window's end anyway, in steps that cost a few
     * per cent more than one pass; after {@link #FRUITLESS_STREAMS} such runs in a row the next
     * {@link #STREAM_PAUSE} runs that could stream do not (a run that did not stream tells which
     * neurons fired after its end, as a run that asked would), then streaming is tried again.
     */
    private boolean streams(int p) {
        if (tellFiredAfterEnd || replaying || stopPopulation < 0 || uniform[p] == null
                || network.outgoingCount(stopPopulation) > 0 || network.outgoingCount(p) == 0) {
            return false;
        }
        for (int k = 0; k < network.outgoingCount(p); k++) {
            Projection pr = network.projection(network.outgoing(p, k));
            if (pr.target() != stopPopulation || pr.hasSynapseDelays() || pr.delay() != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Delivers the spikes of population p's sources in the queue's order of arrivals (time, spike
     * order, projection, row slot), merging one sorted run per incoming projection (for one with
     * per-synapse delays, its {@link DelayedArrivals}), then lets every neuron
     * run to the window's end. In a replay the population's own observed spikes are a further
     * sorted run, each before the arrivals at its instant, as spikes come first in the queue.
     * The population the run stops on stops earlier, at the first arrival after all its neurons'
     * first spikes: the record ends before that arrival, so nothing from
     * it on can enter the record, and the events before it are resolved first, as the queue would.
     */
    private void simulatePopulation(int p) {
        startPopulation(p);
        UniformPopulation fast = uniform[p];
        int lo = network.offset(p);
        int hi = lo + network.population(p).size();
        IdList observed = spikesOf[p];
        int observedLeft = replaying ? observed.size() : 0;
        boolean stopsHere = p == stopPopulation;
        while (true) {
            int best = nextIncoming(p);
            if (observedLeft > 0) {
                int s = observed.get(observed.size() - observedLeft);
                if (best < 0 || !(spikes.time(s) > headTime[best])) { // a spike comes before the arrivals at its instant
                    observedLeft--;
                    fireObserved(fast, s);
                    continue;
                }
            }
            if (best < 0) {
                break;
            }
            double t = headTime[best];
            if (stopsHere && unfired == 0 && latestFirstSpike < t) {
                resolveAll(fast, lo, hi, t);
                spikes.sort(spikesOf[p]);
                return;
            }
            Projection pr = network.projection(best);
            int from = headFirst[best];
            int to = headEnd[best];
            cursor[best]++;
            // the sources are other populations: delivering leaves their spikes alone (a streamed
            // source may be stepped on, which changes only its own neurons)
            nextArrival(best, pr, delayed[best]);
            if (fast == null) {
                deliver(t, pr, from, to);
            } else if (replaying) {
                fast.arriveReplayed(t, pr, from, to);
            } else {
                fast.arrive(t, pr, from, to);
            }
        }
        if (fast != null && replaying) {
            fast.finishReplayed();
        } else if (fast != null) {
            fast.finish();
        } else {
            for (int g = lo; g < hi; g++) {
                resolve(g, duration, QuaternaryEventHeap.CHECK);
            }
        }
        spikes.sort(spikesOf[p]);
    }

    /** Puts population p's neurons into their initial state and its incoming projections at their first arrivals. */
    private void startPopulation(int p) {
        simulating = p;
        int lo = network.offset(p);
        int hi = lo + network.population(p).size();
        if (uniform[p] != null) {
            uniform[p].reset(duration, !replaying);
        } else {
            states.reset(p, p + 1, duration, !replaying);
        }
        Arrays.fill(lastSpike, lo, hi, -1);
        unfired = hi - lo;
        latestFirstSpike = Double.NEGATIVE_INFINITY;
        for (int j : incomingIndex[p]) {
            Projection pr = network.projection(j);
            DelayedArrivals parts = delayed[j];
            if (parts != null) {
                parts.build(pr, network.offset(pr.source()), spikesOf[pr.source()], spikes, duration);
            }
            cursor[j] = 0;
            nextArrival(j, pr, parts);
        }
    }

    /**
     * The incoming projection of population p whose head is the next arrival in the queue's
     * order (time, then source spike), or -1 if none is left.
     */
    private int nextIncoming(int p) {
        int best = -1;
        for (int j : incomingIndex[p]) {
            if (headSpike[j] >= 0 && (best < 0 || headTime[j] < headTime[best]
                    || (headTime[j] == headTime[best] && spikes.compare(headSpike[j], headSpike[best]) < 0))) {
                best = j;
            }
        }
        return best;
    }

    /**
     * One step of streamed population p ({@link #streams}): its next arrival, after every neuron
     * has processed its events before it (so that every spike before it is found), or once none
     * is left a stretch of its neurons' last events, in steps that double towards the window's
     * end. Then sorts the spikes found and moves {@link #finalSpikes} over those now final.
     */
    private void step(int p) {
        UniformPopulation fast = uniform[p];
        int stopping = simulating;
        simulating = p;
        int j = nextIncoming(p);
        double known;
        if (j >= 0) {
            known = headTime[j];
            Projection pr = network.projection(j);
            int from = headFirst[j];
            int to = headEnd[j];
            cursor[j]++;
            nextArrival(j, pr, delayed[j]);
            if (pr.layout() == SynapseLayout.DENSE && delayed[j] == null) {
                fast.arrive(known, pr, from, to); // a whole dense row: every neuron resolved up to t first
            } else {
                fast.resolveAll(known);
                fast.arriveResolved(known, pr, from, to);
            }
        } else {
            double last = Math.max(finalBefore[p], 0);
            if (tailStep[p] != tailStep[p]) {
                tailStep[p] = (duration - last) / 8;
            }
            known = last + tailStep[p];
            tailStep[p] *= 2;
            if (!(known < duration)) {
                known = Double.POSITIVE_INFINITY;
            }
            fast.finishUntil(known);
        }
        simulating = stopping;
        IdList own = spikesOf[p];
        spikes.sort(own, finalSpikes[p]);
        if (finalSpikes[p] < own.size() && spikes.time(own.get(finalSpikes[p])) < finalBefore[p]) {
            throw new IllegalStateException("population " + network.population(p).name() + " found a spike at "
                    + spikes.time(own.get(finalSpikes[p])) + " s after all before " + finalBefore[p] + " s");
        }
        finalBefore[p] = known;
        while (finalSpikes[p] < own.size() && spikes.time(own.get(finalSpikes[p])) < known) {
            finalSpikes[p]++;
        }
    }

    /** Processes the pending events of the population's neurons {@code [lo, hi)} before time t. */
    private void resolveAll(UniformPopulation fast, int lo, int hi, double t) {
        if (fast != null) {
            fast.resolveAll(t);
        } else {
            for (int g = lo; g < hi; g++) {
                resolve(g, t, QuaternaryEventHeap.SPIKE);
            }
        }
    }

    /**
     * Sets the head of incoming projection r of the population being simulated to the arrival
     * at its cursor: of a source spike's whole row, or with per-synapse delays the part
     * {@code parts} lists there; to none (-1) once no arrival is left in the window.
     */
    private void nextArrival(int r, Projection pr, DelayedArrivals parts) {
        if (parts != null) {
            if (cursor[r] < parts.size()) {
                int k = cursor[r];
                headSpike[r] = parts.spike(k);
                headTime[r] = parts.time(k);
                headFirst[r] = parts.first(k);
                headEnd[r] = parts.end(k);
            } else {
                headSpike[r] = -1;
            }
            return;
        }
        int p = pr.source();
        while (streamed[p] && cursor[r] >= finalSpikes[p] && finalBefore[p] != Double.POSITIVE_INFINITY) {
            step(p);
        }
        IdList source = spikesOf[p];
        if (cursor[r] < finalSpikes[p]) {
            int s = source.get(cursor[r]);
            double a = spikes.time(s) + pr.delay();
            if (!(a > duration)) {
                int pre = spikes.neuron(s) - network.offset(p);
                headSpike[r] = s;
                headTime[r] = a;
                headFirst[r] = pr.rowStart(pre);
                headEnd[r] = pr.rowStart(pre + 1);
                return;
            }
            cursor[r] = finalSpikes[p];
        }
        headSpike[r] = -1;
    }

    /** Delivers row slots {@code [from, to)} of projection pr at time t. */
    private void deliver(double t, Projection pr, int from, int to) {
        int targetOffset = network.offset(pr.target());
        int receptor = pr.receptor();
        for (int r = from; r < to; r++) {
            int g = targetOffset + pr.rowPost(r);
            if (states.isDoneForWindow(g)) {
                continue;
            }
            resolve(g, t, QuaternaryEventHeap.SPIKE);
            if (!states.isDoneForWindow(g)) { // else it has just fired for the rest of the window
                states.receive(g, t, receptor, pr.rowWeight(r));
            }
        }
    }

    /**
     * Processes neuron g's pending events up to time {@code limit}; events at {@code limit} only
     * if their kind orders at or before {@code lastKind} (the queue's order at equal times).
     */
    private void resolve(int g, double limit, int lastKind) {
        while (pendingKind[g] != NONE) {
            double t = pendingTime[g];
            int kind = pendingKind[g];
            if (t > limit || (t == limit && kind > lastKind)) {
                return;
            }
            if (kind == QuaternaryEventHeap.SPIKE) {
                fire(g, t);
            } else if (kind == QuaternaryEventHeap.RELEASE) {
                spikes.setCurrentAtRelease(lastSpike[g], states.release(g, t));
            } else if (!states.staysBelowUntil(g, limit)) { // a lazy check: tested against the next input
                states.predictExactly(g);
            } else {
                return;
            }
        }
    }

    private void fire(int g, double t) {
        states.advanceToOwnSpike(g, t);
        double current = states.totalCurrent(g);
        int spike = add(t, g, current);
        lastSpike[g] = spike;
        if (states.resetAfterSpike(g, t, false)) {
            spikes.setCurrentAtRelease(spike, current);
        }
    }

    /**
     * Observed spike s of a replay, as the queue's replay fires it: its neuron's earlier events
     * are processed, it advances to the spike and is reset there, and the spike gets its current.
     * A release still pending (the neuron fired again within its refractory period, or at its
     * very end) is replaced by the new one, so the earlier spike is never released. A population
     * that {@code fast} simulates does the same there.
     */
    private void fireObserved(UniformPopulation fast, int s) {
        int g = spikes.neuron(s);
        double t = spikes.time(s);
        if (fast != null) {
            int unreleased = fast.fireReplayed(g - network.offset(simulating), t, s, replayNoise);
            if (unreleased >= 0) {
                spikes.cancelRelease(unreleased);
            }
            return;
        }
        resolve(g, t, QuaternaryEventHeap.SPIKE);
        if (pendingKind[g] == QuaternaryEventHeap.RELEASE) {
            spikes.cancelRelease(lastSpike[g]);
        }
        states.advanceToOwnSpike(g, t);
        double current = Simulator.replayedCurrent(states.totalCurrent(g), states.dynamics(g).params(), replayNoise);
        spikes.setCurrentAtSpike(s, current);
        lastSpike[g] = s;
        if (states.resetAfterSpike(g, t, false)) {
            spikes.setCurrentAtRelease(s, current);
        }
    }

    @Override
    public int add(double t, int g, double current) {
        int spike = spikes.add(t, g, current, -1);
        spikesOf[simulating].add(spike);
        if (lastSpike[g] < 0) { // its first spike: a neuron's spikes come in time order
            lastSpike[g] = spike;
            if (!streamed[simulating]) { // a streamed population is stepped while another one is simulated
                unfired--;
                latestFirstSpike = Math.max(latestFirstSpike, t);
            }
        }
        if (spikes.size() > spikeLimit) {
            throwOverLimit();
        }
        return spike;
    }

    @Override
    public void setCurrentAtRelease(int spike, double current) {
        spikes.setCurrentAtRelease(spike, current);
    }

    @Override
    public void setCurrentAtSpike(int spike, double current) {
        spikes.setCurrentAtSpike(spike, current);
    }

    /** Only whole-window runs are limited here (the caller sees to that). */
    private void requireWithinLimit() {
        if (spikes.size() > spikeLimit) {
            throwOverLimit();
        }
    }

    private void throwOverLimit() {
        throw new SimulationLimitException("more than " + maxSpikes + " spikes in a run of " + duration
                + " s: population " + network.population(simulating).name() + " fired "
                + spikesOf[simulating].size() + " of them");
    }

    /** Every event in the queue's processing order, cut where the queue would have stopped. */
    private SpikeRecord record(SpikeRecord record) {
        IdList all = spikes.inOrder(spikesOf);
        boolean stopping = stopPopulation >= 0 && !network.population(stopPopulation).isInput();
        stopLow = stopping ? network.offset(stopPopulation) : 0;
        stopHigh = stopping ? stopLow + network.population(stopPopulation).size() : 0;
        silent = stopping ? stopHigh - stopLow : Integer.MAX_VALUE;
        Arrays.fill(lastSpike, stopLow, stopHigh, -1);
        if (!record.hasEventLog()) {
            recordSpikesOnly(all, record);
        } else if (allDelaysZero && !releasesWithinWindow()) {
            recordInstantArrivals(all, record);
        } else {
            recordMerged(all, record);
        }
        noteFiredAfterEnd(all, record);
        return record;
    }

    /**
     * Tells {@code record} which neurons fired in the window only after its end. A run that did
     * not stop early recorded them all. One that did ran every population but the one it stopped
     * on to the window's end, so all their spikes are in {@link #spikes}, and the one it stopped
     * on has fired entirely within the record; unless that population feeds others, which then
     * missed its later spikes, or some population was streamed ({@link #streams}): nothing is
     * told then.
     */
    private void noteFiredAfterEnd(IdList all, SpikeRecord record) {
        if (silent > 0) { // not stopped early: the record holds every spike
            record.knowFiredAfterEnd();
            return;
        }
        if (network.outgoingCount(stopPopulation) > 0) {
            return;
        }
        for (boolean partly : streamed) {
            if (partly) {
                return; // its spikes after the record's end were never found
            }
        }
        Arrays.fill(inRecord, false);
        for (int i = 0; i < record.count(); i++) {
            inRecord[record.neuron(i)] = true;
        }
        for (int i = record.count(); i < all.size(); i++) {
            int g = spikes.neuron(all.get(i));
            if (!inRecord[g]) {
                inRecord[g] = true;
                record.addFiredAfterEnd(g);
            }
        }
        record.knowFiredAfterEnd();
    }

    /**
     * Without delays and releases the queue's order needs no merge: at each instant its spikes
     * come first, then their arrivals, by spike and then by projection.
     */
    private void recordInstantArrivals(IdList all, SpikeRecord record) {
        int i = 0;
        while (i < all.size() && silent > 0) {
            double t = spikes.time(all.get(i));
            int j = i;
            while (j < all.size() && silent > 0 && spikes.time(all.get(j)) == t) {
                addSpike(all.get(j++), record);
            }
            if (silent == 0) {
                return;
            }
            for (int k = i; k < j; k++) {
                int s = all.get(k);
                int source = states.populationOf(spikes.neuron(s));
                for (int o = 0; o < network.outgoingCount(source); o++) {
                    record.log(SpikeRecord.ARRIVAL, spikes.rank(s), network.outgoing(source, o));
                }
            }
            i = j;
        }
    }

    /**
     * The spikes of the queue's record without its log: the run of all spikes, cut where the
     * queue would have stopped, and the current at each release the queue would have processed
     * by then. That is every release within the window before the last recorded spike's instant
     * (at the same instant a spike comes before a release), or every one within the window if
     * the record was not cut.
     */
    private void recordSpikesOnly(IdList all, SpikeRecord record) {
        for (int i = 0; i < all.size() && silent > 0; i++) {
            addSpike(all.get(i), record);
        }
        double end = silent == 0 ? record.time(record.count() - 1) : Double.POSITIVE_INFINITY;
        for (int p = 0; p < spikesOf.length; p++) {
            if (refractory[p] > 0) {
                IdList own = spikesOf[p]; // in time order, and so are its releases
                for (int k = 0; k < own.size(); k++) {
                    int s = own.get(k);
                    double release = spikes.time(s) + refractory[p];
                    if (!(release <= duration && release < end)) {
                        break;
                    }
                    if (spikes.isReleaseCancelled(s)) {
                        continue;
                    }
                    record.setCurrentAtRelease(spikes.rank(s), spikes.currentAtRelease(s));
                }
            }
        }
    }

    /** The queue's order by merging the sorted runs of spikes, arrivals and releases. */
    private void recordMerged(IdList all, SpikeRecord record) {
        log.start(spikes, all, duration);
        for (int j = 0; j < network.projections().size(); j++) {
            Projection pr = network.projection(j);
            if (delayed[j] != null) {
                log.addDelayedArrivals(delayed[j], j);
            } else {
                log.addArrivals(spikesOf[pr.source()], pr.delay(), j);
            }
        }
        for (int p = 0; p < spikesOf.length; p++) {
            if (refractory[p] > 0) {
                log.addReleases(spikesOf[p], refractory[p]);
            }
        }
        while (silent > 0 && log.next()) {
            int s = log.spike();
            int kind = log.kind();
            if (kind == SpikeRecord.SPIKE) {
                addSpike(s, record);
            } else if (kind == SpikeRecord.ARRIVAL) {
                record.log(SpikeRecord.ARRIVAL, spikes.rank(s), log.projection(), log.slot());
            } else {
                record.setCurrentAtRelease(spikes.rank(s), spikes.currentAtRelease(s));
                record.log(SpikeRecord.RELEASE, spikes.rank(s), -1);
            }
        }
    }

    /** True if some refractory period of this run ends within the window (a release event to log). */
    private boolean releasesWithinWindow() {
        for (int p = 0; p < spikesOf.length; p++) {
            if (refractory[p] > 0 && spikesOf[p].size() > 0
                    && spikes.time(spikesOf[p].get(0)) + refractory[p] <= duration) {
                return true;
            }
        }
        return false;
    }

    /** Logs spike s; counts down {@link #silent} at a first spike of the population the run stops on. */
    private void addSpike(int s, SpikeRecord record) {
        int n = spikes.rank(s);
        int g = spikes.neuron(s);
        record.add(spikes.time(s), g, spikes.currentAtSpike(s), spikes.inputIndex(s));
        if (spikes.inputIndex(s) < 0 && refractory[states.populationOf(g)] == 0) {
            record.setCurrentAtRelease(n, spikes.currentAtSpike(s));
        }
        if (g >= stopLow && g < stopHigh && lastSpike[g] < 0) {
            lastSpike[g] = n;
            silent--;
        }
    }

    /** LIF populations ordered so that every projection's source comes before its target. */
    private static int[] topologicalOrder(Network network) {
        int n = network.populations().size();
        int[] indegree = new int[n];
        for (Projection pr : network.projections()) {
            indegree[pr.target()]++;
        }
        IntArrayList ready = new IntArrayList();
        for (int p = 0; p < n; p++) {
            if (indegree[p] == 0) {
                ready.add(p);
            }
        }
        IntArrayList result = new IntArrayList();
        for (int i = 0; i < ready.size(); i++) {
            int p = ready.get(i);
            if (!network.population(p).isInput()) {
                result.add(p);
            }
            for (int k = 0; k < network.outgoingCount(p); k++) {
                int t = network.projection(network.outgoing(p, k)).target();
                if (--indegree[t] == 0) {
                    ready.add(t);
                }
            }
        }
        if (ready.size() != n) {
            throw new IllegalArgumentException("the network is not feed-forward");
        }
        return result.toArray();
    }
}
