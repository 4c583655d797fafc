package org.eventsnn.core.record;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.Population;

import java.util.Arrays;

/** What one simulation produced: the spike record, per-population views, optional traces. */
public final class SimulationResult {
    private final Network network;
    private final double duration;
    private final SpikeRecord record;
    private final Traces traces;
    private final SpikeTrains input;

    /** The outcome of simulating {@code network} on {@code input}: its record and traces (null if none were requested). */
    public SimulationResult(Network network, SpikeTrains input, SpikeRecord record, Traces traces) {
        this.network = network;
        this.input = input;
        this.duration = input.duration();
        this.record = record;
        this.traces = traces;
    }

    /** The simulated network. */
    public Network network() {
        return network;
    }

    /** The simulated window, seconds. */
    public double duration() {
        return duration;
    }

    /** The input spikes the simulation was driven by. */
    public SpikeTrains input() {
        return input;
    }

    /** All spikes (inputs included) in processing order, with pre-spike states. */
    public SpikeRecord record() {
        return record;
    }

    /** Sampled traces, or null if none were requested. */
    public Traces traces() {
        return traces;
    }

    /** Every LIF population's spikes, ordered by time then neuron index. */
    public SpikeTrains spikes() {
        SpikeTrains.Builder b = SpikeTrains.builder(duration);
        for (int p = 0; p < network.populations().size(); p++) {
            Population pop = network.population(p);
            if (!pop.isInput()) {
                addPopulation(b, p);
            }
        }
        return b.build();
    }

    private void addPopulation(SpikeTrains.Builder b, int p) {
        int lo = network.offset(p);
        int hi = lo + network.population(p).size();
        int n = record.countOf(lo, hi);
        int[] neuron = new int[n];
        double[] time = new double[n];
        record.copyOf(lo, hi, neuron, time);
        b.add(network.population(p).name(), neuron, time);
    }

    /**
     * First spike time of each neuron of population {@code p}, or +Infinity for a neuron that
     * did not fire.
     */
    public double[] firstSpikeTimes(int p) {
        int lo = network.offset(p);
        double[] t = new double[network.population(p).size()];
        Arrays.fill(t, Double.POSITIVE_INFINITY);
        for (int i = 0; i < record.count(); i++) {
            int j = record.neuron(i) - lo;
            if (j >= 0 && j < t.length && record.time(i) < t[j]) {
                t[j] = record.time(i);
            }
        }
        return t;
    }
}
