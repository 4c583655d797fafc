package org.eventsnn.core.engine;

/**
 * Told how far a long run has got, for progress reports: {@link Simulator} calls it every
 * 65,536 events of its queue, {@link ParallelSimulator} at the end of every window. Called from
 * one thread at a time, with simulated times that never decrease; it must not throw. Does not
 * change what a run computes.
 */
@FunctionalInterface
public interface SimulationProgress {
    /** Every event before {@code time} (seconds of simulated time) has been processed. */
    void reached(double time);
}
