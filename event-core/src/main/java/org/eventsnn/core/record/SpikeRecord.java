package org.eventsnn.core.record;

import java.util.Arrays;
import java.util.Objects;

/**
 * Every spike of one simulation, inputs included, in the order the simulator processed them
 * (time, then global neuron index). For LIF spikes it also keeps what gradients need: the
 * total synaptic current at the spike, and at the moment the membrane is free again (the spike
 * itself without a refractory period, else its end; NaN if that is after the window).
 * Kept in flat arrays that grow as needed: a spike or a logged event is a few stores.
 */
public final class SpikeRecord {
    private double[] time;
    private int[] neuron;
    private double[] currentAtSpike;
    private double[] currentAtRelease;
    private int[] inputIndex;
    private int spikes;
    private int[] eventKind;
    private int[] eventSpike;
    private int[] eventProjection;
    private int[] eventSlot;
    private int events;
    /** The neurons that fired in the window only after the record's end, once known. */
    private int[] firedAfterEnd = new int[0];
    private int firedAfterEndCount;
    private boolean firedAfterEndKnown;
    /** False for a record of spikes only, without the processed-event log ({@link #keepSpikesOnly}). */
    private boolean logging = true;

    /** Kinds of the processed-event log. */
    public static final int SPIKE = 0;
    /** Event kind: a spike arriving over a projection. */
    public static final int ARRIVAL = 1;
    /** Event kind: the end of a neuron's refractory period. */
    public static final int RELEASE = 2;

    /** An empty record with room for the given numbers of spikes and events (it grows as needed). */
    public SpikeRecord(int spikes, int events) {
        int n = Math.max(1, spikes);
        time = new double[n];
        neuron = new int[n];
        currentAtSpike = new double[n];
        currentAtRelease = new double[n];
        inputIndex = new int[n];
        int m = Math.max(1, events);
        eventKind = new int[m];
        eventSpike = new int[m];
        eventProjection = new int[m];
        eventSlot = new int[m];
    }

    /** Empties the record, keeping its memory for the next run. */
    public void clear() {
        spikes = 0;
        events = 0;
        firedAfterEndCount = 0;
        firedAfterEndKnown = false;
        logging = true;
    }

    /**
     * Makes this empty record, until {@link #clear}, one of spikes only: it keeps spikes and their
     * currents but no processed-event log, which a run that only needs spike times (evaluation,
     * prediction) is spared; asking such a record for its log fails.
     */
    public void keepSpikesOnly() {
        if (spikes > 0 || events > 0) {
            throw new IllegalStateException("a record becomes one of spikes only while empty");
        }
        logging = false;
    }

    /** True if this record logs processed events (false for a record of spikes only). */
    public boolean hasEventLog() {
        return logging;
    }

    /** Records a spike; {@code input} is its index in its population's input train, or -1 for LIF spikes. */
    public int add(double t, int g, double current, int input) {
        if (spikes == time.length) {
            int n = Math.multiplyExact(spikes, 2);
            time = Arrays.copyOf(time, n);
            neuron = Arrays.copyOf(neuron, n);
            currentAtSpike = Arrays.copyOf(currentAtSpike, n);
            currentAtRelease = Arrays.copyOf(currentAtRelease, n);
            inputIndex = Arrays.copyOf(inputIndex, n);
        }
        int s = spikes++;
        time[s] = t;
        neuron[s] = g;
        currentAtSpike[s] = current;
        currentAtRelease[s] = Double.NaN;
        inputIndex[s] = input;
        if (logging) {
            log(SPIKE, s, -1);
        }
        return s;
    }

    /**
     * Appends an event of {@code kind} about spike number {@code spike} to the processed-event log
     * ({@code projection} -1 unless an arrival); an arrival logged so delivers its spike's whole row of the projection.
     */
    public void log(int kind, int spike, int projection) {
        log(kind, spike, projection, -1);
    }

    /**
     * Logs a processed event; for an arrival over a projection with per-synapse delays,
     * {@code slot} is the first compressed-row slot it delivers ({@link #eventSlot}), else -1.
     */
    public void log(int kind, int spike, int projection, int slot) {
        if (events == eventKind.length) {
            int n = Math.multiplyExact(events, 2);
            eventKind = Arrays.copyOf(eventKind, n);
            eventSpike = Arrays.copyOf(eventSpike, n);
            eventProjection = Arrays.copyOf(eventProjection, n);
            eventSlot = Arrays.copyOf(eventSlot, n);
        }
        int e = events++;
        eventKind[e] = kind;
        eventSpike[e] = spike;
        eventProjection[e] = projection;
        eventSlot[e] = slot;
    }

    /** The total synaptic current of spike number {@code spike}'s neuron when its membrane is free again. */
    public void setCurrentAtRelease(int spike, double current) {
        currentAtRelease[Objects.checkIndex(spike, spikes)] = current;
    }

    /** Number of recorded spikes. */
    public int count() {
        return spikes;
    }

    /** Time of spike number i. */
    public double time(int i) {
        return time[Objects.checkIndex(i, spikes)];
    }

    /** Global neuron index of spike i. */
    public int neuron(int i) {
        return neuron[Objects.checkIndex(i, spikes)];
    }

    /** Number of recorded spikes of the global neurons {@code [lo, hi)}. */
    public int countOf(int lo, int hi) {
        int n = 0;
        for (int i = 0; i < spikes; i++) {
            n += neuron[i] >= lo && neuron[i] < hi ? 1 : 0;
        }
        return n;
    }

    /**
     * The spikes of the global neurons {@code [lo, hi)} in record order: each one's neuron less
     * {@code lo} into {@code neurons}, its time into {@code times} (both at least
     * {@link #countOf} long).
     */
    public void copyOf(int lo, int hi, int[] neurons, double[] times) {
        int n = 0;
        for (int i = 0; i < spikes; i++) {
            int g = neuron[i];
            if (g >= lo && g < hi) {
                neurons[n] = g - lo;
                times[n++] = time[i];
            }
        }
    }

    /** Total synaptic current of the spiking neuron at spike i (NaN for input spikes). */
    public double currentAtSpike(int i) {
        return currentAtSpike[Objects.checkIndex(i, spikes)];
    }

    /** Total synaptic current when the neuron of spike i is released from reset (NaN if never, or for inputs). */
    public double currentAtRelease(int i) {
        return currentAtRelease[Objects.checkIndex(i, spikes)];
    }

    /** For an input spike, its index in its population's train of the input; -1 for LIF spikes. */
    public int inputIndex(int i) {
        return inputIndex[Objects.checkIndex(i, spikes)];
    }

    /**
     * Number of entries in the log of processed events: spikes, arrivals (one per spike and
     * outgoing projection, or with per-synapse delays one per spike, projection and distinct
     * arrival time) and ends of refractory periods, in processing order. Walking it
     * backwards replays the simulation in exact reverse order (what adjoint methods need).
     */
    public int eventCount() {
        if (!logging) {
            throw new IllegalStateException("a record of spikes only has no event log: gradients need a logging run");
        }
        return events;
    }

    /** {@link #SPIKE}, {@link #ARRIVAL} or {@link #RELEASE}. */
    public int eventKind(int e) {
        return eventKind[Objects.checkIndex(e, events)];
    }

    /** The spike an event belongs to (the arriving spike, or the spike whose refractory period ends). */
    public int eventSpike(int e) {
        return eventSpike[Objects.checkIndex(e, events)];
    }

    /** The projection of an arrival; -1 for other events. */
    public int eventProjection(int e) {
        return eventProjection[Objects.checkIndex(e, events)];
    }

    /**
     * For an arrival over a projection with per-synapse delays, the first compressed-row slot
     * it delivers: the arrival is at spike time + that slot's delay and delivers the slots up
     * to {@code Projection.arrivalEnd}. -1 for an arrival that delivers the spike's whole row
     * (one delay for the projection) and for other events.
     */
    public int eventSlot(int e) {
        return eventSlot[Objects.checkIndex(e, events)];
    }

    /**
     * States that the neurons added by {@link #addFiredAfterEnd} (none so far) are all that
     * fired within the window but not within this record, which may end early: for a simulator
     * that ran the neurons not recorded to the window's end anyway.
     */
    public void knowFiredAfterEnd() {
        firedAfterEndKnown = true;
    }

    /** Adds global neuron g, which fired in the window only after this record's end. */
    public void addFiredAfterEnd(int g) {
        if (firedAfterEndCount == firedAfterEnd.length) {
            firedAfterEnd = Arrays.copyOf(firedAfterEnd, Math.max(16, 2 * firedAfterEndCount));
        }
        firedAfterEnd[firedAfterEndCount++] = g;
    }

    /**
     * True if the simulator told which neurons fired in the window after this record's end
     * ({@link #firedAfterEnd}); false if it did not say (a record ending early then tells
     * nothing about later spikes).
     */
    public boolean knowsFiredAfterEnd() {
        return firedAfterEndKnown;
    }

    /** How many neurons fired in the window only after this record's end (0 unless {@link #knowsFiredAfterEnd}). */
    public int firedAfterEndCount() {
        return firedAfterEndCount;
    }

    /** The i-th neuron (global index) that fired in the window only after this record's end. */
    public int firedAfterEnd(int i) {
        return firedAfterEnd[Objects.checkIndex(i, firedAfterEndCount)];
    }
}
