package org.eventsnn.core;

import org.eclipse.collections.impl.list.mutable.primitive.DoubleArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;

/**
 * Every spike of one simulation, inputs included, in the order the simulator processed them
 * (time, then global neuron index). For LIF spikes it also keeps what gradients need: the
 * total synaptic current at the spike, and at the moment the membrane is free again (the spike
 * itself without a refractory period, else its end; NaN if that is after the window).
 */
public final class SpikeRecord {
    private final DoubleArrayList time = new DoubleArrayList();
    private final IntArrayList neuron = new IntArrayList();
    private final DoubleArrayList currentAtSpike = new DoubleArrayList();
    private final DoubleArrayList currentAtRelease = new DoubleArrayList();

    SpikeRecord() {
    }

    int add(double t, int g, double current) {
        time.add(t);
        neuron.add(g);
        currentAtSpike.add(current);
        currentAtRelease.add(Double.NaN);
        return time.size() - 1;
    }

    void setCurrentAtRelease(int spike, double current) {
        currentAtRelease.set(spike, current);
    }

    /** Number of recorded spikes. */
    public int count() {
        return time.size();
    }

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
}
