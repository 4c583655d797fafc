package org.eventsnn.core.engine;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.model.Projection;

/**
 * Where the multi-threaded engine splits a network's neurons into contiguous blocks: at equal
 * shares of the expected input events, not of the neurons, because populations differ in
 * in-degree and Poisson drive (the microcircuit's neuron halves differ by 20 % in events). A
 * neuron's expected events per second are its Poisson rate plus its mean in-degree over every
 * incoming projection times {@link #NOMINAL_RATE}, the rate assumed for every source before the
 * run; one event more stands for the neuron's own fixed cost. Any split gives the same spikes,
 * bit for bit: only the balance depends on it.
 */
final class PartitionBounds {
    /**
     * Spikes per second assumed for every source neuron, to weigh synaptic against Poisson
     * input (without Poisson drive it does not matter). 1 Hz, the order of the excitatory
     * populations that make up most in-degrees, splits the microcircuit (scale 0.1) into halves
     * of 5.06e6 and 5.05e6 events in 0.5 s, where equal neuron counts gave 4.56e6 and 5.55e6, and 5 Hz 4.6e6 and 5.5e6.
     */
    static final double NOMINAL_RATE = 1.0;

    private PartitionBounds() {
    }

    /**
     * {@code parts + 1} increasing neuron indices from 0 to the neuron count: block q is
     * {@code [bounds[q], bounds[q + 1])}, never empty ({@code parts} must not exceed the
     * neuron count).
     */
    static int[] split(Network network, int parts) {
        int n = network.neuronCount();
        double[] perNeuron = expectedEventsPerNeuron(network);
        double total = 0;
        for (int p = 0; p < perNeuron.length; p++) {
            total += perNeuron[p] * network.population(p).size();
        }
        int[] bounds = new int[parts + 1];
        bounds[parts] = n;
        double sum = 0;
        int q = 1;
        for (int g = 0; g < n && q < parts; g++) {
            sum += perNeuron[network.populationOf(g)];
            while (q < parts && sum >= total * q / parts) {
                bounds[q++] = g + 1;
            }
        }
        for (int k = 1; k < parts; k++) { // at least one neuron per block, in order
            bounds[k] = Math.min(Math.max(bounds[k], bounds[k - 1] + 1), n - (parts - k));
        }
        return bounds;
    }

    /** Per population: the expected input events per second of one of its neurons, plus one. */
    static double[] expectedEventsPerNeuron(Network network) {
        int populations = network.populations().size();
        double[] events = new double[populations];
        for (int p = 0; p < populations; p++) {
            Population pop = network.population(p);
            events[p] = 1 + (pop.poisson() != null ? pop.poisson().rate() : 0);
        }
        for (Projection pr : network.projections()) {
            int size = network.population(pr.target()).size();
            double sources = network.population(pr.source()).size();
            double inDegree = pr.isStored() ? (double) pr.synapseCount() / size
                    : pr.procedural().probability() * sources;
            events[pr.target()] += inDegree * NOMINAL_RATE;
        }
        return events;
    }
}
