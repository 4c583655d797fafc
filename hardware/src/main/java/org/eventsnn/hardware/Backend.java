package org.eventsnn.hardware;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.record.SpikeTrains;

/**
 * Somewhere a network's forward pass runs: the exact software simulator, or an analog chip
 * (here emulated). Times in and out are model seconds; a chip converts to and from its own
 * time base.
 */
public interface Backend {
    /** software or mock-analog. */
    String name();

    /** The largest weight magnitude the backend can realise (+Infinity if unlimited). */
    default double weightLimit() {
        return Double.POSITIVE_INFINITY;
    }

    /**
     * {@code model} with the weights this backend really applies (a chip's quantized ones): what
     * in-the-loop training replays, so reconstructed currents are the ones the backend had.
     */
    default Network realisedWeights(Network model) {
        return model;
    }

    /**
     * Relative sigma of the backend's run-to-run threshold noise (0 for exact software). The
     * in-the-loop replay floors the rise of a replayed spike at this noise level
     * ({@link org.eventsnn.core.engine.Simulator#replay(SpikeTrains, SpikeTrains, double)}).
     */
    default double thresholdNoise() {
        return 0;
    }

    /**
     * Prepares a run (one batch of trials) of {@code model} with its current weights;
     * {@code run} numbers runs and seeds per-run noise. Called on one thread before the trials.
     */
    void prepare(Network model, long run);

    /**
     * The observed spikes of every LIF population of {@code model} for one trial of the
     * prepared run; {@code trial} seeds per-trial noise. Thread-safe after {@link #prepare}.
     */
    SpikeTrains run(Network model, SpikeTrains input, int trial);
}
