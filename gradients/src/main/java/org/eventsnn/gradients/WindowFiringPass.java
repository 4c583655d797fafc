package org.eventsnn.gradients;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeTrains;

/**
 * {@code inner}, for rules that need to know which neurons fired anywhere in the window
 * ({@link ForwardPass#wholeWindow}, {@link ForwardPass#firingOverWindow}): every run records the
 * whole window; or, with {@code earlyWhereKnown}, a run that may stop early does so where its
 * record tells which neurons fired after its end (the layered engine can, for a network whose
 * stopping population feeds no other), and runs again over the whole window where it cannot.
 */
final class WindowFiringPass implements ForwardPass {
    private final ForwardPass inner;
    private final boolean earlyWhereKnown;

    WindowFiringPass(ForwardPass inner, boolean earlyWhereKnown) {
        this.inner = inner;
        this.earlyWhereKnown = earlyWhereKnown;
    }

    @Override
    public double weightLimit() {
        return inner.weightLimit();
    }

    @Override
    public void prepare(Network model, long run) {
        inner.prepare(model, run);
    }

    @Override
    public SimulationResult run(Network model, SpikeTrains input, int sample, int firstSpikesOf) {
        return run(model, input, sample, firstSpikesOf, false);
    }

    @Override
    public SimulationResult runSpikesOnly(Network model, SpikeTrains input, int sample, int firstSpikesOf) {
        return run(model, input, sample, firstSpikesOf, true);
    }

    private SimulationResult run(Network model, SpikeTrains input, int sample, int firstSpikesOf, boolean spikesOnly) {
        if (earlyWhereKnown && firstSpikesOf >= 0) {
            SimulationResult early = innerRun(model, input, sample, firstSpikesOf, spikesOnly);
            if (early.record().knowsFiredAfterEnd()) {
                return early;
            }
            inner.recycle(early);
        }
        return innerRun(model, input, sample, -1, spikesOnly);
    }

    private SimulationResult innerRun(Network model, SpikeTrains input, int sample, int firstSpikesOf,
                                      boolean spikesOnly) {
        return spikesOnly ? inner.runSpikesOnly(model, input, sample, firstSpikesOf)
                : inner.run(model, input, sample, firstSpikesOf);
    }

    @Override
    public void recycle(SimulationResult done) {
        inner.recycle(done);
    }

    @Override
    public boolean allowsLayerKernels() {
        return inner.allowsLayerKernels();
    }

    @Override
    public boolean countsFiringOverWindow() {
        return true; // its records cover the window, or tell who fired after their end
    }
}
