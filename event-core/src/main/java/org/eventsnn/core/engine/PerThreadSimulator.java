package org.eventsnn.core.engine;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeTrains;

/**
 * One {@link Simulator} per thread, and one {@link SpikesOnlySimulator} for runs that need spikes
 * only, each rebuilt when the network changes in more than its weights and per-synapse delays
 * ({@link Simulator#adopt}): what parallel batch code
 * needs, since a simulator keeps buffers and is not thread-safe.
 */
public final class PerThreadSimulator {
    private final long maxSpikes;
    private final ThreadLocal<Simulator[]> simulators = ThreadLocal.withInitial(() -> new Simulator[1]);
    private final ThreadLocal<SpikesOnlySimulator[]> spikesOnly = ThreadLocal.withInitial(() -> new SpikesOnlySimulator[1]);

    /** Simulators without a spike limit. */
    public PerThreadSimulator() {
        this(Long.MAX_VALUE);
    }

    /** Simulators failing beyond {@code maxSpikes} spikes per run. */
    public PerThreadSimulator(long maxSpikes) {
        this.maxSpikes = maxSpikes;
    }

    /**
     * This thread's simulator for {@code network}: the one it had if that ran the same network or
     * one differing only in weights and per-synapse delays (it adopts the new ones), else a new one.
     */
    public Simulator of(Network network) {
        Simulator[] s = simulators.get();
        if (s[0] == null || (s[0].network() != network && !s[0].adopt(network))) {
            s[0] = new Simulator(network, maxSpikes);
        }
        return s[0];
    }

    /** This thread's {@link SpikesOnlySimulator} for {@code network}, kept and adopting new weights as {@link #of} does. */
    public SpikesOnlySimulator spikesOnly(Network network) {
        SpikesOnlySimulator[] s = spikesOnly.get();
        if (s[0] == null || (s[0].network() != network && !s[0].adopt(network))) {
            s[0] = new SpikesOnlySimulator(network, maxSpikes);
        }
        return s[0];
    }

    /**
     * The spikes of every LIF population in a run of {@code network} on {@code input}, as
     * {@code of(network).run(input).spikes()} gives them, bit for bit, from this thread's
     * {@link #spikesOnly} simulator (no event log where the layered engine runs), whose record is
     * then reused: for callers that need the spikes and nothing else (a chip backend).
     *
     * @throws SimulationLimitException beyond this object's spike limit, as {@link #of} would
     */
    public SpikeTrains spikes(Network network, SpikeTrains input) {
        SpikesOnlySimulator s = spikesOnly(network);
        SimulationResult run = s.run(input);
        SpikeTrains spikes = run.spikes(); // a copy: nothing refers to the record afterwards
        s.recycle(run);
        return spikes;
    }

    /**
     * Hands {@code done}, which the caller will not use again, back to this thread's simulator
     * for reuse ({@link Simulator#recycle}); a result of {@link #spikesOnly} to the one that made it.
     */
    public void recycle(SimulationResult done) {
        Simulator s = simulators.get()[0];
        SpikesOnlySimulator o = spikesOnly.get()[0];
        if (done.record().hasEventLog() && s != null) {
            s.recycle(done);
        } else if (o != null) {
            o.recycle(done);
        }
    }
}
