package org.eventsnn.experiments.cli;

import org.eventsnn.core.model.Network;

/**
 * The default spike budget of {@code simulate}: as many spikes as a quarter of the JVM's maximum heap
 * holds, counting what a spike costs in the record (time, neuron, two currents, input index:
 * 32 bytes), in the event log (12 bytes per processed event: the spike and one arrival per
 * outgoing synapse), doubled for array growth, plus its share of the output file's JSON tree.
 * A runaway network then stops with a clear message instead of running out of memory.
 */
final class SpikeBudget {
    private static final long OUTPUT_BYTES_PER_SPIKE = 80;

    private SpikeBudget() {
    }

    /** Bytes one spike of {@code network} takes, on average over its neurons' fan-out. */
    static long bytesPerSpike(Network network) {
        double synapses = 0;
        for (int j = 0; j < network.projections().size(); j++) {
            synapses += network.projection(j).synapseCount();
        }
        double fanOut = synapses / Math.max(1, network.neuronCount());
        return (long) Math.ceil(2 * (32 + 12 * (1 + fanOut)) + OUTPUT_BYTES_PER_SPIKE);
    }

    /** The default budget for {@code network} with this JVM's maximum heap (at least 100000). */
    static long defaultFor(Network network) {
        return Math.max(100_000, Runtime.getRuntime().maxMemory() / 4 / bytesPerSpike(network));
    }
}
