package org.eventsnn.core.record;

/** Sampled membrane potentials and total synaptic currents of a {@link TraceRequest}. */
public final class Traces {
    private final double[][] voltage;
    private final double[][] current;

    /** Room for {@code neurons} traced neurons at {@code times} sample times. */
    public Traces(int neurons, int times) {
        voltage = new double[neurons][times];
        current = new double[neurons][times];
    }

    /** Stores the n-th neuron's membrane potential {@code v} and total current {@code i} at the t-th time. */
    public void set(int n, int t, double v, double i) {
        voltage[n][t] = v;
        current[n][t] = i;
    }

    /** Membrane potential of the request's n-th neuron at its t-th time. */
    public double voltage(int n, int t) {
        return voltage[n][t];
    }

    /** Total synaptic current of the request's n-th neuron at its t-th time. */
    public double current(int n, int t) {
        return current[n][t];
    }
}
