package org.eventsnn.hardware;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.engine.PerThreadSimulator;
import org.eventsnn.core.record.SpikeTrains;

/** The exact simulator as a backend (one simulator per thread, running for spikes only: no event log). */
public final class SoftwareBackend implements Backend {
    private final PerThreadSimulator simulators = new PerThreadSimulator();

    @Override
    public String name() {
        return "software";
    }

    @Override
    public void prepare(Network model, long run) {
    }

    @Override
    public SpikeTrains run(Network model, SpikeTrains input, int trial) {
        return simulators.spikes(model, input);
    }
}
