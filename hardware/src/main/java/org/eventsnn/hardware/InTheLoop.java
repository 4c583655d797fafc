package org.eventsnn.hardware;

import java.util.function.UnaryOperator;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.engine.PerThreadSimulator;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.record.SpikeTrains;
import org.eventsnn.gradients.ForwardPass;

/**
 * In-the-loop training's forward pass: the backend (a chip) runs the network; the software
 * model is then replayed at the spikes the chip actually produced ({@link Simulator#replay}),
 * so exact gradients come from the observed times with the model's currents reconstructed.
 * The backward model is the training network with the weights the backend realised
 * ({@link Backend#realisedWeights}, a chip's quantized ones), optionally with calibrated
 * parameters; its gradients are applied to the floating-point weights (straight through).
 * Runs for spikes only (evaluation) skip the replay.
 */
public final class InTheLoop implements ForwardPass {
    private final Backend backend;
    private final UnaryOperator<Network> backwardModel;
    private final PerThreadSimulator simulators = new PerThreadSimulator();
    private volatile Network model;
    private volatile Network replayed;

    /** In the loop on {@code backend}, replaying on the training network itself. */
    public InTheLoop(Backend backend) {
        this(backend, UnaryOperator.identity());
    }

    /** In the loop on {@code backend}, replaying on {@code backwardModel} of the training network (e.g. with calibrated neurons). */
    public InTheLoop(Backend backend, UnaryOperator<Network> backwardModel) {
        this.backend = backend;
        this.backwardModel = backwardModel;
    }

    @Override
    public double weightLimit() {
        return backend.weightLimit();
    }

    @Override
    public void prepare(Network net, long run) {
        backend.prepare(net, run);
        model = net;
        replayed = backwardModel.apply(backend.realisedWeights(net));
    }

    @Override
    public SimulationResult run(Network net, SpikeTrains input, int sample, int firstSpikesOf) {
        requirePrepared(net);
        SpikeTrains observed = backend.run(net, input, sample);
        return simulators.of(replayed).replay(input, observed, backend.thresholdNoise());
    }

    /**
     * The spikes of {@link #run} without its replay, for callers that need spikes only
     * (evaluation): {@link Simulator#replayedSpikes}, whose LIF spikes carry no currents.
     */
    @Override
    public SimulationResult runSpikesOnly(Network net, SpikeTrains input, int sample, int firstSpikesOf) {
        requirePrepared(net);
        return Simulator.replayedSpikes(replayed, input, backend.run(net, input, sample));
    }

    /** Hands a replay's record back to this thread's simulator for the next replay to reuse. */
    @Override
    public void recycle(SimulationResult done) {
        simulators.recycle(done);
    }

    private void requirePrepared(Network net) {
        if (net != model) {
            throw new IllegalStateException("prepare the run of this network first");
        }
    }
}
