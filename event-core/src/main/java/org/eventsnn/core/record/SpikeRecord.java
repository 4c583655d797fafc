package org.eventsnn.core.record;

import org.eclipse.collections.impl.list.mutable.primitive.DoubleArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;

/**
 * Every spike of one simulation, inputs included, in the order the simulator processed them
 * (time, then global neuron index). For LIF spikes it also keeps what gradients need: the
 * total synaptic current at the spike, and at the moment the membrane is free again (the spike
 * itself without a refractory period, else its end; NaN if that is after the window).
 */
public final class SpikeRecord {
    private final DoubleArrayList time;
    private final IntArrayList neuron;
    private final DoubleArrayList currentAtSpike;
    private final DoubleArrayList currentAtRelease;
    private final IntArrayList inputIndex;
    private final IntArrayList eventKind;
    private final IntArrayList eventSpike;
    private final IntArrayList eventProjection;
    private final IntArrayList eventSlot;

    /** Kinds of the processed-event log. */
    public static final int SPIKE = 0;
    /** Event kind: a spike arriving over a projection. */
    public static final int ARRIVAL = 1;
    /** Event kind: the end of a neuron's refractory period. */
    public static final int RELEASE = 2;

    /** An empty record with room for the given numbers of spikes and events (it grows as needed). */
    public SpikeRecord(int spikes, int events) {
        time = new DoubleArrayList(spikes);
        neuron = new IntArrayList(spikes);
        currentAtSpike = new DoubleArrayList(spikes);
        currentAtRelease = new DoubleArrayList(spikes);
        inputIndex = new IntArrayList(spikes);
        eventKind = new IntArrayList(events);
        eventSpike = new IntArrayList(events);
        eventProjection = new IntArrayList(events);
        eventSlot = new IntArrayList(events);
    }

    /** Empties the record, keeping its memory for the next run. */
    public void clear() {
        time.clear();
        neuron.clear();
        currentAtSpike.clear();
        currentAtRelease.clear();
        inputIndex.clear();
        eventKind.clear();
        eventSpike.clear();
        eventProjection.clear();
        eventSlot.clear();
    }

    /** Records a spike; {@code input} is its index in its population's input train, or -1 for LIF spikes. */
    public int add(double t, int g, double current, int input) {
        time.add(t);
        neuron.add(g);
        currentAtSpike.add(current);
        currentAtRelease.add(Double.NaN);
        inputIndex.add(input);
        int s = time.size() - 1;
        log(SPIKE, s, -1);
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
        eventKind.add(kind);
        eventSpike.add(spike);
        eventProjection.add(projection);
        eventSlot.add(slot);
    }

    /** The total synaptic current of spike number {@code spike}'s neuron when its membrane is free again. */
    public void setCurrentAtRelease(int spike, double current) {
        currentAtRelease.set(spike, current);
    }

    /** Number of recorded spikes. */
    public int count() {
        return time.size();
    }

    /** Time of spike number i. */
    public double time(int i) {
        return time.get(i);
    }

    /** Global neuron index of spike i. */
    public int neuron(int i) {
        return neuron.get(i);
    }

    /** Total synaptic current of the spiking neuron at spike i (NaN for input spikes). */
    public double currentAtSpike(int i) {
        return currentAtSpike.get(i);
    }

    /** Total synaptic current when the neuron of spike i is released from reset (NaN if never, or for inputs). */
    public double currentAtRelease(int i) {
        return currentAtRelease.get(i);
    }

    /** For an input spike, its index in its population's train of the input; -1 for LIF spikes. */
    public int inputIndex(int i) {
        return inputIndex.get(i);
    }

    /**
     * Number of entries in the log of processed events: spikes, arrivals (one per spike and
     * outgoing projection, or with per-synapse delays one per spike, projection and distinct
     * arrival time) and ends of refractory periods, in processing order. Walking it
     * backwards replays the simulation in exact reverse order (what adjoint methods need).
     */
    public int eventCount() {
        return eventKind.size();
    }

    /** {@link #SPIKE}, {@link #ARRIVAL} or {@link #RELEASE}. */
    public int eventKind(int e) {
        return eventKind.get(e);
    }

    /** The spike an event belongs to (the arriving spike, or the spike whose refractory period ends). */
    public int eventSpike(int e) {
        return eventSpike.get(e);
    }

    /** The projection of an arrival; -1 for other events. */
    public int eventProjection(int e) {
        return eventProjection.get(e);
    }

    /**
     * For an arrival over a projection with per-synapse delays, the first compressed-row slot
     * it delivers: the arrival is at spike time + that slot's delay and delivers the slots up
     * to {@code Projection.arrivalEnd}. -1 for an arrival that delivers the spike's whole row
     * (one delay for the projection) and for other events.
     */
    public int eventSlot(int e) {
        return eventSlot.get(e);
    }
}
