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
 * bit for bit: only the balance depends on it. The estimate ignores each source's cost of
 * generating its procedural synapses and the rates' differences, so blocks differ by some 10 % in
 * measured work; the engine makes up for it, and for the windows' fluctuations, by splitting into
 * more partitions than threads and letting the threads take them in turn ({@link ParallelSimulator}).
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

    /**
     * The expected input events per second that any split divides without repeating work: one per
     * neuron, its Poisson arrivals, and the synapses of procedural projections with delays of
     * their own (generated once, by the spike's partition). Not the synapses of stored rows or
     * of procedural rows with one delay: every partition owning some targets of such a row reads
     * (or regenerates) all of it.
     */
    static double splittableEvents(Network network) {
        double total = 0;
        for (int p = 0; p < network.populations().size(); p++) {
            Population pop = network.population(p);
            total += pop.size() * (1 + (pop.poisson() != null ? pop.poisson().rate() : 0));
        }
        for (Projection pr : network.projections()) {
            if (!pr.isStored() && !pr.procedural().hasFixedDelay()) {
                total += pr.procedural().probability() * network.population(pr.source()).size()
                        * network.population(pr.target()).size() * NOMINAL_RATE;
            }
        }
        return total;
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
            events[pr.target()] += inDegree(network, pr) * NOMINAL_RATE;
        }
        return events;
    }

    /** The synaptic events per second expected over the whole network, every source at {@link #NOMINAL_RATE}. */
    static double expectedSynapticEvents(Network network) {
        double total = 0;
        for (Projection pr : network.projections()) {
            total += network.population(pr.target()).size() * inDegree(network, pr) * NOMINAL_RATE;
        }
        return total;
    }

    /** The mean number of synapses of projection {@code pr} into one of its target neurons. */
    private static double inDegree(Network network, Projection pr) {
        int size = network.population(pr.target()).size();
        return pr.isStored() ? (double) pr.synapseCount() / size
                : pr.procedural().probability() * network.population(pr.source()).size();
    }
}
