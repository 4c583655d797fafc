package org.eventsnn.core.engine;

/** A {@link NeuronStates.Pending} that keeps nothing, for tests that drive {@link NeuronStates} by hand. */
final class NoPending implements NeuronStates.Pending {
    static final NeuronStates.Pending INSTANCE = new NoPending();

    private NoPending() {
    }

    @Override
    public void schedule(int neuron, double t, int kind) {
    }

    @Override
    public void remove(int neuron) {
    }

    @Override
    public boolean hasSpikePending(int neuron) {
        return false;
    }
}
