package org.eventsnn.gradients;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.engine.PerThreadSimulator;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.engine.SpikesOnlySimulator;
import org.eventsnn.core.record.SpikeTrains;

/**
 * Where the forward pass of a batch runs. The software default simulates the model exactly;
 * a hardware backend runs it elsewhere and returns the model's record replayed at the observed
 * spikes ({@link Simulator#replay}), from which gradients are computed as usual.
 */
public interface ForwardPass {
    /**
     * Called once per batch on the caller's thread, before any sample of it runs;
     * {@code run} numbers the batches (it seeds per-run noise).
     */
    default void prepare(Network model, long run) {
    }

    /**
     * The largest weight magnitude this forward pass can realise; training keeps weights within
     * it (+Infinity: no limit).
     */
    default double weightLimit() {
        return Double.POSITIVE_INFINITY;
    }

    /**
     * The record of one sample (called from worker threads after {@link #prepare}). The record
     * may end once every neuron of population {@code firstSpikesOf} has fired (first-spike
     * losses need nothing later); -1 asks for the whole window.
     */
    SimulationResult run(Network model, SpikeTrains input, int sample, int firstSpikesOf);

    /**
     * {@link #run} for a caller that needs the spikes only (no gradients: evaluation, prediction):
     * the same spikes, but the record may lack the processed-event log
     * ({@link org.eventsnn.core.record.SpikeRecord#hasEventLog}), whose making it then saves.
     * By default {@link #run}.
     */
    default SimulationResult runSpikesOnly(Network model, SpikeTrains input, int sample, int firstSpikesOf) {
        return run(model, input, sample, firstSpikesOf);
    }

    /**
     * Called on the thread that ran it when the caller is done with a result of {@link #run}:
     * the pass may reuse its memory. Does nothing by default.
     */
    default void recycle(SimulationResult done) {
    }

    /**
     * True if the batches run on this pass count each neuron's firing ({@link BatchResult#firingSamples})
     * over the whole window, also where a record ends early; false: over the record only.
     */
    default boolean countsFiringOverWindow() {
        return false;
    }

    /**
     * True if this pass is the exact software simulation, so that a batch may run a sample on
     * layer kernels instead ({@link BatchGradients#withLayerKernels}), whose spikes agree with it
     * within the budgets of docs/exactness.md. False by default (a chip, a replay).
     */
    default boolean allowsLayerKernels() {
        return false;
    }

    /** This forward pass always recording the whole window (for rules that look at late spikes too). */
    default ForwardPass wholeWindow() {
        return new WindowFiringPass(this, false);
    }

    /**
     * This forward pass for rules that need to know which neurons fired anywhere in the window
     * (weight bumping), with records that may still end early where they tell which neurons fired
     * after their end ({@link org.eventsnn.core.record.SpikeRecord#knowsFiredAfterEnd}), so that the
     * gradients are those of the records that end early. By default: {@link #wholeWindow}.
     */
    default ForwardPass firingOverWindow() {
        return wholeWindow();
    }

    /** The exact software simulation, one simulator per thread. */
    static ForwardPass software() {
        return software(new PerThreadSimulator(), false);
    }

    /**
     * The exact software simulation, one simulator per thread, failing with
     * {@link org.eventsnn.core.engine.SimulationLimitException} once a sample records more than
     * {@code maxSpikes} spikes (a network that fires without end stops at once).
     */
    static ForwardPass software(long maxSpikes) {
        return software(new PerThreadSimulator(maxSpikes), false);
    }

    /**
     * The software pass on {@code simulators}; with {@code firedAfterEnd} its records that end
     * early tell which neurons fired after their end where the engine can, else they need not
     * ({@link Simulator#runUntilAllFired(SpikeTrains, int, boolean)}), which spares simulating
     * the hidden spikes after the output's first ones.
     */
    private static ForwardPass software(PerThreadSimulator simulators, boolean firedAfterEnd) {
        return new ForwardPass() {
            @Override
            public SimulationResult run(Network model, SpikeTrains input, int sample, int firstSpikesOf) {
                Simulator s = simulators.of(model);
                return firstSpikesOf < 0 ? s.run(input) : s.runUntilAllFired(input, firstSpikesOf, firedAfterEnd);
            }

            @Override
            public SimulationResult runSpikesOnly(Network model, SpikeTrains input, int sample, int firstSpikesOf) {
                SpikesOnlySimulator s = simulators.spikesOnly(model);
                return firstSpikesOf < 0 ? s.run(input) : s.runUntilAllFired(input, firstSpikesOf, firedAfterEnd);
            }

            @Override
            public void recycle(SimulationResult done) {
                simulators.recycle(done);
            }

            @Override
            public ForwardPass firingOverWindow() {
                return new WindowFiringPass(software(simulators, true), true);
            }

            @Override
            public boolean allowsLayerKernels() {
                return true;
            }
        };
    }
}
