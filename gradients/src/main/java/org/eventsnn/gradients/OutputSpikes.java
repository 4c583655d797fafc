package org.eventsnn.gradients;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeRecord;

/**
 * Every spike of an output population in one recorded sample, in time order: spike k is neuron
 * {@code neuron(k)} (index within the population) at {@code time(k)}. Immutable.
 */
public final class OutputSpikes {
    private final int size;
    private final double window;
    private final double[] time;
    private final int[] neuron;
    /** Index of each spike in the simulation record. */
    final int[] recordIndex;

    /** Throws IllegalArgumentException unless population {@code output} of {@code net} is a LIF population. */
    static void requireLifOutput(Network net, int output) {
        if (output < 0 || output >= net.populations().size() || net.population(output).isInput()) {
            throw new IllegalArgumentException("output population must be a LIF population of the network, got index "
                    + output);
        }
    }

    /** The spikes of population {@code output} of a record. */
    OutputSpikes(SimulationResult forward, int output) {
        Network net = forward.network();
        requireLifOutput(net, output);
        size = net.population(output).size();
        window = forward.duration();
        int lo = net.offset(output);
        SpikeRecord rec = forward.record();
        int count = 0;
        for (int s = 0; s < rec.count(); s++) {
            int j = rec.neuron(s) - lo;
            count += j >= 0 && j < size ? 1 : 0;
        }
        time = new double[count];
        neuron = new int[count];
        recordIndex = new int[count];
        int k = 0;
        for (int s = 0; s < rec.count(); s++) {
            int j = rec.neuron(s) - lo;
            if (j >= 0 && j < size) {
                time[k] = rec.time(s);
                neuron[k] = j;
                recordIndex[k++] = s;
            }
        }
    }

    /** Spikes given directly (for losses used outside a simulation); times must be in [0, window]. */
    public OutputSpikes(int size, double window, double[] time, int[] neuron) {
        if (time.length != neuron.length) {
            throw new IllegalArgumentException(time.length + " times but " + neuron.length + " neurons");
        }
        this.size = size;
        this.window = window;
        this.time = time.clone();
        this.neuron = neuron.clone();
        this.recordIndex = new int[time.length];
        for (int k = 0; k < neuron.length; k++) {
            org.eventsnn.core.base.Arguments.requireIndex(neuron[k], size, "neuron[" + k + "]");
        }
    }

    /** Neurons in the output population. */
    public int size() {
        return size;
    }

    /** End of the simulated window. */
    public double window() {
        return window;
    }

    /** Number of output spikes. */
    public int count() {
        return time.length;
    }

    public double time(int k) {
        return time[k];
    }

    public int neuron(int k) {
        return neuron[k];
    }
}
