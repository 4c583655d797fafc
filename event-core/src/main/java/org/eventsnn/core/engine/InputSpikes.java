package org.eventsnn.core.engine;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.record.SpikeTrains;

/**
 * A run's input spikes in the global queue's order (time, then global neuron), each with its
 * index in its population's train.
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
        int total = 0;
        for (String name : input.populations()) {
            total += input.count(name);
        }
        double[] time = new double[total];
        int[] neuron = new int[total];
        int[] index = new int[total];
        int n = 0;
        for (String name : input.populations()) {
            int offset = network.offset(network.populationIndex(name));
            for (int i = 0; i < input.count(name); i++) {
                double t = input.time(name, i);
                int g = offset + input.neuron(name, i);
                int k = n++;
                while (k > 0 && (time[k - 1] > t || (time[k - 1] == t && neuron[k - 1] > g))) {
                    time[k] = time[k - 1];
                    neuron[k] = neuron[k - 1];
                    index[k] = index[k - 1];
                    k--;
                }
                time[k] = t;
                neuron[k] = g;
                index[k] = i;
            }
        }
        return new InputSpikes(time, neuron, index);
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
