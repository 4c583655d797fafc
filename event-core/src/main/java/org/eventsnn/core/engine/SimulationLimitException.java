package org.eventsnn.core.engine;

/** A simulation exceeded a limit set in its {@link Simulator} (it is never silently truncated). */
public final class SimulationLimitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A run stopped at a limit, {@code message} saying which and where. */
    public SimulationLimitException(String message) {
        super(message);
    }
}
