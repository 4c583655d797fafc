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

    /** The name used on the command line and in files: eventprop or fastdeep. */
    String name();
}
