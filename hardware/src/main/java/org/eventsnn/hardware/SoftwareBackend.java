package org.eventsnn.hardware;

import org.eventsnn.core.Network;
import org.eventsnn.core.Simulator;
import org.eventsnn.core.SpikeTrains;

/** The exact simulator as a backend (one simulator per thread). */
public final class SoftwareBackend implements Backend {
    private final ThreadLocal<Simulator[]> simulators = ThreadLocal.withInitial(() -> new Simulator[1]);

    @Override
    public String name() {
        return "software";
    }

    @Override
    public void prepare(Network model, long run) {
    }

    @Override
    public SpikeTrains run(Network model, SpikeTrains input, int trial) {
        Simulator[] s = simulators.get();
        if (s[0] == null || s[0].network() != model) {
            s[0] = new Simulator(model);
        }
        return s[0].run(input).spikes();
    }
}
