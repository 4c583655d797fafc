package org.eventsnn.core.engine;

import org.eventsnn.core.base.Arguments;
import org.eventsnn.core.base.CounterStream;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.PoissonDrive;
import org.eventsnn.core.model.ProceduralConnectivity;
import org.eventsnn.core.model.Projection;
import org.eventsnn.core.model.SynapseRow;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeRecord;
import org.eventsnn.core.record.SpikeTrains;
import org.eventsnn.core.record.TraceRequest;
import org.eventsnn.core.record.Traces;
import org.eventsnn.core.solver.CrossingSolver;

import java.util.Arrays;

/**
 * The exact event-driven simulator. One global event queue orders these kinds of event at
 * equal times as follows (deterministic tie-breaking):
 * <ol>
 *   <li>spikes (input and LIF), by global neuron index;</li>
 *   <li>spike arrivals over a projection (spike time + delay), by spike order then projection;
 *   a spike's synapses of one projection that arrive at the same instant are applied in their
 *   row's order: by synapse number, or with per-synapse delays by (delay, synapse number);
 *   procedural projections are generated in that very order, so they match their stored form
 *   bit for bit;</li>
 *   <li>Poisson drive arrivals ({@link org.eventsnn.core.model.PoissonDrive}), by global neuron index;</li>
 *   <li>ends of refractory periods, by global neuron index;</li>
 *   <li>internal checks (see below), by global neuron index.</li>
 * </ol>
 * So neurons spiking at the same instant do not see each other's zero-delay spikes before
 * they fire, and a neuron's release sees every current that arrived at that instant. Events at
 * times up to and including the window's end are processed.
 *
 * <p>A delta synapse's arrival (a receptor with time constant 0) makes the membrane jump; a
 * neuron that a jump at time t takes to or above threshold fires at t, ordered as a check: after
 * every arrival, drive arrival and release at t (so the sum of t's jumps decides, whatever their
 * order), then its spike comes first among the events still at t and its zero-delay arrivals
 * follow, so a cascade at one instant runs in waves. A jump while refractory is lost (the
 * potential is held at reset), including one at the very instant of the release. Networks in
 * which a spike could cause itself at its own instant are refused ({@link Network}).
 *
 * <p>Between events neurons evolve in closed form. After every change of a neuron's state a
 * cheap rigorous lower bound of its next crossing time is scheduled as a check; only when a
 * check is reached without further input is the crossing computed exactly
 * ({@link CrossingSolver}). Each neuron has at most one pending event: in an indexed heap, or a
 * check beyond the heap's horizon waiting in a time bucket ({@link NeuronEventQueue}). A spike
 * touches only its own outgoing synapses.
 *
 * <p>Feed-forward networks of a few populations (layered models) are simulated one population
 * at a time without the queue ({@link LayeredSimulation}), with identical results (per-synapse
 * delays included: it sorts their arrivals into the order above; replays too), except for traces,
 * runs that both stop early and have a spike limit, procedural projections, Poisson drives and
 * networks with delta synapses, which always run on the queue.
 *
 * <p>Not thread-safe: use one simulator per thread. A simulator keeps its buffers between runs.
 */
public final class Simulator {
    private Network network;
    private final long maxSpikes;
    private final NeuronEventQueue neuronEvents;
    private final NeuronStates states;
    private final int[] lastSpike;
    /** The queue of arrivals, made again when an adopted network's smallest delay changes its buckets. */
    private ArrivalQueue arrivals;
    /** The stream and row buffer procedural synapses are generated with. */
    private final CounterStream stream = new CounterStream();
    private final SynapseRow row = new SynapseRow();
    private final PoissonArrivals drives;
    /** Event counts of the last run: synapses delivered (stored or generated) and Poisson arrivals. */
    private long synapticEventCount;
    private long driveEventCount;
    private final NextEvent next = new NextEvent();
    /** The queue-free engine for feed-forward networks; null if the network is recurrent or it is disabled. */
    private final LayeredSimulation layered;
    private double duration;
    private boolean replaying;
    private double replayNoise;
    private boolean tracing;
    private int expectedSpikes = 16;
    private int expectedEvents = 16;
    /** The record of a result handed back by {@link #recycle}, reused by the next run; or null. */
    private SpikeRecord spare;
    private SimulationProgress progress;

    /** A simulator for {@code network} without a spike limit. */
    public Simulator(Network network) {
        this(network, Long.MAX_VALUE);
    }

    /**
     * A simulator that fails with {@link SimulationLimitException} once a run records more than
     * {@code maxSpikes} spikes (inputs included).
     */
    public Simulator(Network network, long maxSpikes) {
        this(network, maxSpikes, true);
    }

    /**
     * A simulator that runs even feed-forward networks on the global event queue (the general
     * engine, slower for them; for cross-checks and benchmarks), without a spike limit.
     */
    public static Simulator withEventQueue(Network network) {
        return withEventQueue(network, Long.MAX_VALUE);
    }

    /** {@link #withEventQueue(Network)} that stops after {@code maxSpikes} spikes (inputs included). */
    public static Simulator withEventQueue(Network network, long maxSpikes) {
        return new Simulator(network, maxSpikes, false);
    }

    /** With {@code layeredAllowed} false every run uses the global event queue. */
    Simulator(Network network, long maxSpikes, boolean layeredAllowed) {
        this.network = network;
        this.layered = layeredAllowed && LayeredSimulation.suits(network) ? new LayeredSimulation(network, maxSpikes) : null;
        this.maxSpikes = maxSpikes;
        neuronEvents = NeuronEventQueue.forNetwork(network);
        states = new NeuronStates(network, neuronEvents, false);
        lastSpike = new int[network.neuronCount()];
        drives = new PoissonArrivals(network);
        arrivals = ArrivalQueue.forNetwork(network);
    }

    /**
     * Makes this simulator run {@code next} instead of its network if the two differ at most in
     * weights and per-synapse delays ({@link Network#differsOnlyInWeightsAndSynapseDelays}),
     * keeping every derived structure and buffer (the arrival queue is made again if the
     * smallest delay, which sizes its buckets, changed): what training does after each batch.
     * Returns false, changing nothing, otherwise.
     */
    boolean adopt(Network next) {
        if (!network.differsOnlyInWeightsAndSynapseDelays(next)) {
            return false;
        }
        if (Double.compare(network.minDelay(), next.minDelay()) != 0) {
            arrivals = ArrivalQueue.forNetwork(next);
        }
        network = next;
        if (layered != null) {
            layered.adopt(next);
        }
        return true;
    }

    /** The network this simulator runs (the latest adopted one after training updates). */
    public Network network() {
        return network;
    }

    /** Simulates {@code [0, input.duration()]} driven by {@code input}. */
    public SimulationResult run(SpikeTrains input) {
        return run(input, null);
    }

    /**
     * Reports the simulated time reached to {@code listener} during the following runs on the
     * event queue (every 65,536 events; the layered engine, which runs feed-forward networks in
     * moments, reports nothing); null stops the reports.
     */
    public void reportProgress(SimulationProgress listener) {
        progress = listener;
    }

    /** Simulates {@code [0, input.duration()]} and samples the requested traces (may be null). */
    public SimulationResult run(SpikeTrains input, TraceRequest traceRequest) {
        input.requireInputOf(network);
        return simulate(input, null, traceRequest, -1, true);
    }

    /**
     * Simulates until every neuron of population {@code population} has fired, or the window
     * ends. Nothing later can change those first spikes, so first-spike losses and their exact
     * gradients need no more; the record simply ends there.
     */
    public SimulationResult runUntilAllFired(SpikeTrains input, int population) {
        return runUntilAllFired(input, population, true);
    }

    /**
     * {@link #runUntilAllFired(SpikeTrains, int)}; with {@code firedAfterEnd} false its record
     * need not tell which neurons fired after its end ({@link SpikeRecord#knowsFiredAfterEnd}),
     * which spares the layered engine the later spikes of the populations that feed only
     * {@code population}. The record is the same otherwise.
     */
    public SimulationResult runUntilAllFired(SpikeTrains input, int population, boolean firedAfterEnd) {
        input.requireInputOf(network);
        Arguments.requireIndex(population, network.populations().size(), "population");
        return simulate(input, null, null, population, firedAfterEnd);
    }

    /**
     * Replays observed spikes instead of simulating threshold crossings: every LIF spike is
     * taken from {@code observed} (per LIF population, e.g. measured on a chip), and the model's
     * currents are evolved exactly between them, so the record holds the model's state at each
     * observed spike, as in-the-loop training needs. Where the model's membrane would not be
     * rising at an observed spike (possible only when the chip differs from the model, e.g. a
     * jittered spike read out before the input that caused it), the model cannot tell how the
     * spike time depends on anything; the recorded current is then set to give a typical rising
     * slope, (threshold - reset) per tauMem. A near-zero slope there would instead make that
     * one spike's gradient dominate a whole batch.
     */
    public SimulationResult replay(SpikeTrains input, SpikeTrains observed) {
        return replay(input, observed, 0);
    }

    /**
     * {@link #replay(SpikeTrains, SpikeTrains)} of spikes from a backend whose thresholds vary
     * from run to run with relative sigma {@code thresholdNoise}. Near a grazing crossing such
     * noise decides whether and when the spike happens, so the exact sensitivity 1/rise means
     * nothing there: a rise (tauMem dV/dt at the spike) below
     * sqrt(2 thresholdNoise |threshold| (threshold - reset)), the rise of a parabolic crossing
     * whose peak is one noise sigma above threshold, is raised to it. Zero noise keeps every
     * explained spike exact.
     */
    public SimulationResult replay(SpikeTrains input, SpikeTrains observed, double thresholdNoise) {
        replayNoise = Arguments.requireNonNegative(thresholdNoise, "thresholdNoise");
        requireReplayable(network, input, observed);
        return simulate(input, observed, null, -1, true);
    }

    /**
     * The spikes {@link #replay} of {@code network} would record, without simulating: the input's
     * spikes and then the observed ones in the replay's order (a stable sort by time and global
     * neuron), in a record of spikes only whose LIF spikes carry no currents (NaN). For callers
     * that need a replay's spikes but not its currents, e.g. evaluation in the loop with a chip.
     */
    public static SimulationResult replayedSpikes(Network network, SpikeTrains input, SpikeTrains observed) {
        requireReplayable(network, input, observed);
        int n = InputSpikes.count(input) + InputSpikes.count(observed);
        double[] time = new double[n];
        int[] neuron = new int[n];
        int[] index = new int[n];
        int merged = InputSpikes.insertSorted(network, input, true, time, neuron, index, 0);
        InputSpikes.insertSorted(network, observed, false, time, neuron, index, merged);
        SpikeRecord record = new SpikeRecord(n, 1);
        record.keepSpikesOnly();
        for (int s = 0; s < n; s++) {
            record.add(time[s], neuron[s], Double.NaN, index[s]);
        }
        return new SimulationResult(network, input, record, null);
    }

    private static void requireReplayable(Network network, SpikeTrains input, SpikeTrains observed) {
        input.requireInputOf(network);
        if (observed.duration() != input.duration()) {
            throw new IllegalArgumentException("observed spikes cover " + observed.duration() + " s, the input "
                    + input.duration() + " s");
        }
        for (String name : observed.populations()) {
            int p = network.hasPopulation(name) ? network.populationIndex(name) : -1;
            if (p < 0 || network.population(p).isInput()) {
                throw new IllegalArgumentException("observed spikes of " + name + ": not a LIF population of the model");
            }
            int size = network.population(p).size();
            for (int n : observed.neurons(name)) {
                if (n < 0 || n >= size) { // the message is built only here: replays in the loop check every spike
                    Arguments.requireIndex(n, size, "observed neuron of " + name);
                }
            }
        }
    }

    private SimulationResult simulate(SpikeTrains input, SpikeTrains forced, TraceRequest traceRequest, int stopPopulation,
                                      boolean firedAfterEnd) {
        duration = input.duration();
        replaying = forced != null;
        tracing = traceRequest != null;
        int total = InputSpikes.count(input) + (forced == null ? 0 : InputSpikes.count(forced));
        double[] inputTime = new double[total];
        int[] inputNeuron = new int[total];
        int[] inputIndex = new int[total];
        int merged = InputSpikes.insertSorted(network, input, true, inputTime, inputNeuron, inputIndex, 0);
        if (forced != null) {
            InputSpikes.insertSorted(network, forced, false, inputTime, inputNeuron, inputIndex, merged);
        }
        if (layered != null && traceRequest == null && (stopPopulation < 0 || maxSpikes == Long.MAX_VALUE)) {
            SpikeRecord record = emptyRecord();
            return finish(forced == null ? layered.run(duration, inputTime, inputNeuron, inputIndex, stopPopulation, firedAfterEnd,
                    record)
                    : layered.replay(duration, inputTime, inputNeuron, inputIndex, replayNoise, record), input, null);
        }
        SpikeRecord record = emptyRecord();
        Traces traces = traceRequest == null ? null : new Traces(traceRequest.neuronCount(), traceRequest.timeCount());
        int nextSample = 0;
        resetState();
        int nextInput = 0;
        int stopLow = stopPopulation < 0 ? 0 : network.offset(stopPopulation);
        int stopHigh = stopPopulation < 0 ? 0 : stopLow + network.population(stopPopulation).size();
        int silent = stopHigh - stopLow;
        int eventsSinceReport = 0;
        while (stopPopulation < 0 || silent > 0) {
            next.choose(inputTime, inputNeuron, nextInput, neuronEvents, arrivals, drives.queue());
            double t = next.time;
            int cls = next.kind;
            int id = next.neuron;
            boolean fromInput = next.fromInput;
            if (!(t <= duration)) {
                break;
            }
            if (progress != null && (++eventsSinceReport & 0xFFFF) == 0) {
                progress.reached(t);
            }
            if (traces != null) {
                nextSample = sample(traceRequest, traces, nextSample, t, false);
            }
            if (cls == NextEvent.DRIVE) {
                drive(t, id);
            } else if (cls == NextEvent.ARRIVAL) {
                deliver(t, arrivals.topSpike(), arrivals.topProjection(), record);
            } else if (fromInput && inputIndex[nextInput] < 0) {
                nextInput++;
                fire(t, id, record); // a replayed LIF spike
            } else if (fromInput) {
                emit(t, id, Double.NaN, inputIndex[nextInput], record);
                nextInput++;
            } else if (cls == QuaternaryEventHeap.SPIKE) {
                if (id >= stopLow && id < stopHigh && lastSpike[id] < 0) {
                    silent--;
                }
                fire(t, id, record);
            } else if (cls == QuaternaryEventHeap.RELEASE) {
                release(t, id, record);
            } else {
                states.checkReached(id, t);
            }
        }
        if (traces != null) {
            sample(traceRequest, traces, nextSample, duration, true);
        }
        return finish(record, input, traces);
    }

    /**
     * Hands back a result of this simulator that the caller will not use again, so that the next
     * run can reuse its memory instead of allocating (what batch training does with every
     * sample). Using {@code done} afterwards reads whatever a later run wrote into it. Results
     * for another network are ignored.
     */
    public void recycle(SimulationResult done) {
        if (done.network() == network) {
            spare = done.record();
        }
    }

    private SpikeRecord emptyRecord() {
        SpikeRecord r = spare;
        if (r == null) {
            return new SpikeRecord(expectedSpikes, expectedEvents);
        }
        spare = null;
        r.clear();
        return r;
    }

    private SimulationResult finish(SpikeRecord record, SpikeTrains input, Traces traces) {
        expectedSpikes = Math.max(16, record.count() + record.count() / 4);
        expectedEvents = Math.max(16, record.eventCount() + record.eventCount() / 4);
        return new SimulationResult(network, input, record, traces);
    }

    private void resetState() {
        neuronEvents.clear();
        arrivals.clear();
        Arrays.fill(lastSpike, -1);
        states.reset(0, network.populations().size(), duration, !replaying);
        synapticEventCount = 0;
        driveEventCount = 0;
        drives.reset(0, network.neuronCount(), duration);
    }

    /** Neuron g's Poisson arrival at time t: draws the next one, then applies the jump. */
    private void drive(double t, int g) {
        PoissonDrive d = drives.arrive(g);
        driveEventCount++;
        if (!states.isDoneForWindow(g)) {
            states.receive(g, t, d.receptor(), d.weight());
        }
    }

    /** Synaptic events (one per synapse a spike reached, stored or generated) of the last queue run. */
    public long synapticEventCount() {
        return synapticEventCount;
    }

    /** Poisson drive arrivals of the last run. */
    public long driveEventCount() {
        return driveEventCount;
    }

    private void fire(double t, int g, SpikeRecord record) {
        states.advanceToOwnSpike(g, t);
        double current = states.totalCurrent(g);
        NeuronParameters params = states.dynamics(g).params();
        if (replaying) {
            current = replayedCurrent(current, params, replayNoise);
        }
        int spike = emit(t, g, current, -1, record);
        lastSpike[g] = spike;
        if (states.resetAfterSpike(g, t, tracing)) {
            record.setCurrentAtRelease(spike, current);
        }
    }

    /**
     * The current recorded at a replayed spike. Its excess over threshold - leak is the
     * membrane's rise at the spike (times tauMem); an observed spike the model cannot explain
     * (no rise) gets a typical rise, threshold - reset, and any rise below the noise floor
     * sqrt(2 thresholdNoise |threshold| (threshold - reset)) is raised to it.
     */
    static double replayedCurrent(double current, NeuronParameters params, double thresholdNoise) {
        double still = params.threshold() - params.leak(); // the current that holds the membrane at threshold
        double span = params.threshold() - params.reset();
        double drive = current - still;
        double floor = Math.sqrt(2 * thresholdNoise * Math.abs(params.threshold()) * span);
        if (!(drive > 0)) {
            return still + Math.max(span, floor);
        }
        return drive < floor ? still + floor : current;
    }

    /** The spike budget's failure, naming the population that fired most and its count (counted only now). */
    private SimulationLimitException budgetExceeded(double t, int g, SpikeRecord record) {
        int[] perPopulation = new int[network.populations().size()];
        for (int s = 0; s < record.count(); s++) {
            perPopulation[states.populationOf(record.neuron(s))]++;
        }
        int most = states.populationOf(g);
        for (int p = 0; p < perPopulation.length; p++) {
            if (perPopulation[p] > perPopulation[most]) {
                most = p;
            }
        }
        return new SimulationLimitException("more than " + maxSpikes + " spikes by time " + t + " s: population "
                + network.population(most).name() + " fired " + perPopulation[most] + " of them");
    }

    /**
     * Records a spike and schedules its first arrival over every outgoing projection: its whole
     * row, or with per-synapse delays the part of the row with the smallest delay (none if the
     * row is empty).
     */
    private int emit(double t, int g, double current, int inputIndex, SpikeRecord record) {
        if (record.count() >= maxSpikes) {
            throw budgetExceeded(t, g, record);
        }
        int spike = record.add(t, g, current, inputIndex);
        int p = states.populationOf(g);
        int pre = g - network.offset(p);
        for (int k = 0; k < network.outgoingCount(p); k++) {
            int j = network.outgoing(p, k);
            Projection pr = network.projection(j);
            int first = pr.rowStart(pre);
            if (!pr.isStored()) {
                scheduleGenerated(t, spike, j, pr, pre);
            } else if (!pr.hasSynapseDelays()) {
                arrivals.push(t + pr.delay(), spike, j, -1);
            } else if (first < pr.rowStart(pre + 1)) {
                arrivals.push(t + pr.rowDelay(first), spike, j, first);
            }
        }
        return spike;
    }

    /**
     * Schedules a spike's arrivals over a generated (procedural) projection: with one delay, its
     * row, generated again on arrival; else each synapse on its own, generated now, in its
     * row's order by (delay, synapse number).
     */
    private void scheduleGenerated(double t, int spike, int j, Projection pr, int pre) {
        ProceduralConnectivity rule = pr.procedural();
        if (rule.hasFixedDelay()) {
            arrivals.push(t + rule.delayMean(), spike, j, -1);
            return;
        }
        rule.row(pre, network.population(pr.target()).size(), stream, row);
        row.sortByDelay();
        for (int k = 0; k < row.size(); k++) {
            int r = row.sorted(k);
            arrivals.pushSynapse(t + row.delay(r), spike, j, k, row.target(r), row.weight(r));
        }
    }

    /**
     * Delivers the top arrival over a generated projection: one synapse, or a row generated
     * again. Such arrivals are not logged (gradients need stored synapses).
     */
    private void deliverGenerated(double t, int spike, Projection pr, SpikeRecord record) {
        int targetOffset = network.offset(pr.target());
        int receptor = pr.receptor();
        int post = arrivals.topPost();
        if (post >= 0) {
            double w = arrivals.topWeight();
            arrivals.pop();
            synapticEventCount++;
            if (!states.isDoneForWindow(targetOffset + post)) {
                states.receive(targetOffset + post, t, receptor, w);
            }
            return;
        }
        arrivals.pop();
        int pre = record.neuron(spike) - network.offset(pr.source());
        pr.procedural().row(pre, network.population(pr.target()).size(), stream, row);
        synapticEventCount += row.size();
        for (int k = 0; k < row.size(); k++) {
            int g = targetOffset + row.target(k);
            if (!states.isDoneForWindow(g)) {
                states.receive(g, t, receptor, row.weight(k));
            }
        }
    }

    private void release(double t, int g, SpikeRecord record) {
        record.setCurrentAtRelease(lastSpike[g], states.release(g, t));
        record.log(SpikeRecord.RELEASE, lastSpike[g], -1);
    }

    /**
     * Delivers the top arrival: spike {@code spike}'s row over projection j, or with per-synapse
     * delays the part of it arriving at t, scheduling the next part.
     */
    private void deliver(double t, int spike, int j, SpikeRecord record) {
        if (!network.projection(j).isStored()) {
            deliverGenerated(t, spike, network.projection(j), record);
            return;
        }
        int slot = arrivals.topSlot();
        arrivals.pop();
        record.log(SpikeRecord.ARRIVAL, spike, j, slot);
        Projection pr = network.projection(j);
        int pre = record.neuron(spike) - network.offset(pr.source());
        int first = slot < 0 ? pr.rowStart(pre) : slot;
        int end = pr.arrivalEnd(pre, first, record.time(spike));
        if (end < pr.rowStart(pre + 1)) {
            arrivals.push(record.time(spike) + pr.rowDelay(end), spike, j, end);
        }
        int targetOffset = network.offset(pr.target());
        int receptor = pr.receptor();
        synapticEventCount += end - first;
        for (int r = first; r < end; r++) {
            int g = targetOffset + pr.rowPost(r);
            if (states.isDoneForWindow(g)) {
                continue; // clamped past the window's end: its currents can no longer matter
            }
            states.receive(g, t, receptor, pr.rowWeight(r));
        }
    }

    /** Samples every request time {@code < t} ({@code <= t} when {@code last}); returns the next index. */
    private int sample(TraceRequest req, Traces traces, int next, double t, boolean last) {
        double[] vi = new double[2];
        while (next < req.timeCount() && (req.time(next) < t || (last && req.time(next) <= t))) {
            for (int n = 0; n < req.neuronCount(); n++) {
                int g = req.neuron(n);
                if (states.dynamics(g) != null) {
                    states.sample(g, req.time(next), vi);
                    traces.set(n, next, vi[0], vi[1]);
                }
            }
            next++;
        }
        return next;
    }
}
