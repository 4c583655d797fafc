package org.eventsnn.experiments.sweep;

import org.eventsnn.experiments.train.TrainingListener;

/**
 * Test-only hook: the training listener every run of this JVM's Spark tasks reports to, so
 * that a test can make a run fail part-way (as a lost executor would) and watch where its
 * retry starts. Production code never sets it.
 */
final class FaultInjection {
    /** Chooses the listener of one task attempt. */
    @FunctionalInterface
    interface Hook {
        TrainingListener listenerFor(RunSpec run);
    }

    private static volatile Hook hook = run -> TrainingListener.NONE;

    private FaultInjection() {
    }

    static void set(Hook h) {
        hook = h;
    }

    static void clear() {
        hook = run -> TrainingListener.NONE;
    }

    static TrainingListener listenerFor(RunSpec run) {
        return hook.listenerFor(run);
    }
}
