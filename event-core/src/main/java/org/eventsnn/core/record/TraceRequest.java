package org.eventsnn.core.record;

import org.eventsnn.core.base.Arguments;

/**
 * Neurons (global indices) whose membrane potential and total synaptic current are to be
 * sampled, and the sample times (sorted, inside the window). A sample at time t sees the state
 * just before any event at t (left limit), evaluated analytically.
 */
public final class TraceRequest {
    private final int[] neurons;
    private final double[] times;

    /** Sample {@code neurons} (global indices) at {@code times} (non-negative, sorted). */
    public TraceRequest(int[] neurons, double[] times) {
        this.neurons = neurons.clone();
        this.times = times.clone();
        for (int i = 0; i < times.length; i++) {
            Arguments.requireNonNegative(times[i], "trace time[" + i + "]");
            if (i > 0 && times[i] < times[i - 1]) {
                throw new IllegalArgumentException("trace time[" + i + "] = " + times[i] + " is earlier than the one before");
            }
        }
    }

    /** Number of traced neurons. */
    public int neuronCount() {
        return neurons.length;
    }

    /** Global index of the i-th traced neuron. */
    public int neuron(int i) {
        return neurons[i];
    }

    /** Number of sample times. */
    public int timeCount() {
        return times.length;
    }

    /** The i-th sample time, seconds. */
    public double time(int i) {
        return times[i];
    }
}
