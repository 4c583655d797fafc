package org.eventsnn.gradients;

import org.eventsnn.core.record.SimulationResult;

/** Exact gradients of a spike-time loss from a recorded simulation. */
public interface GradientMethod {
    /**
     * Gradients of {@code loss} on the first spikes of population {@code output} for one
     * recorded sample with the given label.
     *
     * @throws IllegalArgumentException when the method's assumptions do not hold for this record
     */
    Gradients compute(SimulationResult forward, int output, SpikeTimeLoss loss, int label);

    /**
     * Gradients of a loss on every spike of population {@code output} (several spikes per
     * neuron) for one recorded sample. Methods limited to first spikes refuse.
     *
     * @throws IllegalArgumentException when the method cannot compute such a loss
     */
    default Gradients computeAllSpikes(SimulationResult forward, int output, SpikeTrainLoss loss, int label) {
        throw new IllegalArgumentException(name() + " computes first-spike losses only; use eventprop for "
                + "losses on every output spike");
    }

    /**
     * From now on leaves the per-synapse delay gradients out of the results
     * ({@link Gradients#delays} is null; every other gradient keeps its bits), for callers that
     * never read them: it saves allocating them for every sample. Returns this method, changed
     * (by default: unchanged, still computing them).
     */
    default GradientMethod withoutSynapseDelayGradients() {
        return this;
    }

    /** The name used on the command line and in files: eventprop or fastdeep. */
    String name();
}
