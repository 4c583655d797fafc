package org.eventsnn.core.engine;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.PoissonDrive;

/**
 * The Poisson drive of the single event queue ({@link Simulator}): each driven neuron's next
 * arrival in a {@link TimeQueue} (by time, then neuron), drawn from its stream in
 * {@link DriveStreams}. Not thread-safe.
 */
final class PoissonArrivals {
    private final DriveStreams streams;
    private final TimeQueue queue;
    private double duration;

    PoissonArrivals(Network network) {
        streams = new DriveStreams(network);
        PoissonDrive[] driveOf = new PoissonDrive[network.populations().size()];
        for (int p = 0; p < driveOf.length; p++) {
            driveOf[p] = network.population(p).poisson();
        }
        queue = TimeQueue.forDrives(driveOf);
    }

    /** The pending arrivals, id = neuron; its top is the next arrival. */
    TimeQueue queue() {
        return queue;
    }

    /** Starts a run ending at {@code duration}: the first arrival of every driven neuron with a global index in {@code [lo, hi)}. */
    void reset(int lo, int hi, double duration) {
        this.duration = duration;
        queue.clear();
        streams.reset(lo, hi);
        for (int g = lo; g < hi; g++) {
            schedule(g);
        }
    }

    /**
     * Neuron g's arrival, the queue's top: drops it, draws g's next one, and returns g's drive
     * (its receptor and weight make the jump).
     */
    PoissonDrive arrive(int g) {
        queue.pop();
        PoissonDrive drive = streams.of(g);
        streams.advance(g, drive);
        schedule(g);
        return drive;
    }

    /** Queues neuron g's next arrival, if it is driven and the arrival lies within the run. */
    private void schedule(int g) {
        if (streams.next(g) <= duration) {
            queue.push(streams.next(g), g);
        }
    }
}
