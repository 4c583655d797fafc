package org.eventsnn.core.engine;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.record.SpikeTrains;

/**
 * A run's input spikes in the global queue's order (time, then global neuron), each with its
 * index in its population's train; also the stable sort into that order that {@link Simulator}
 * uses for its input and replayed spikes.
 */
final class InputSpikes {
    private final double[] time;
    private final int[] neuron;
    private final int[] index;

    private InputSpikes(double[] time, int[] neuron, int[] index) {
        this.time = time;
        this.neuron = neuron;
        this.index = index;
    }

    /** The spikes of {@code input} sorted by (time, global neuron), stably. */
    static InputSpikes of(Network network, SpikeTrains input) {
        int total = count(input);
        double[] time = new double[total];
        int[] neuron = new int[total];
        int[] index = new int[total];
        insertSorted(network, input, true, time, neuron, index, 0);
        return new InputSpikes(time, neuron, index);
    }

    /** The number of spikes in {@code trains}, over all its populations. */
    static int count(SpikeTrains trains) {
        int n = 0;
        for (String name : trains.populations()) {
            n += trains.count(name);
        }
        return n;
    }

    /**
     * Inserts the spikes of {@code trains} into the arrays already holding {@code n} spikes, kept
     * sorted by (time, global neuron); {@code indexed} records each spike's index in its train
     * (input spikes), else -1 (replayed LIF spikes). A stable insertion sort: trains arrive sorted
     * by time, so spikes only move past later or tied ones. Returns the new count.
     */
    static int insertSorted(Network network, SpikeTrains trains, boolean indexed, double[] time, int[] neuron,
                            int[] index, int n) {
        for (String name : trains.populations()) {
            int offset = network.offset(network.populationIndex(name));
            double[] times = trains.times(name); // copies, once per train: no name lookup per spike
            int[] neurons = trains.neurons(name);
            for (int i = 0; i < times.length; i++) {
                double t = times[i];
                int g = offset + neurons[i];
                int k = n++;
                while (k > 0 && (time[k - 1] > t || (time[k - 1] == t && neuron[k - 1] > g))) {
                    time[k] = time[k - 1];
                    neuron[k] = neuron[k - 1];
                    index[k] = index[k - 1];
                    k--;
                }
                time[k] = t;
                neuron[k] = g;
                index[k] = indexed ? i : -1;
            }
        }
        return n;
    }

    double[] time() {
        return time;
    }

    int[] neuron() {
        return neuron;
    }

    int[] index() {
        return index;
    }
}
