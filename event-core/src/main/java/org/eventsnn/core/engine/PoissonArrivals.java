package org.eventsnn.core.engine;

import org.eventsnn.core.base.CounterStream;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.PoissonDrive;

/**
 * The Poisson drive of one event-queue engine ({@link Simulator}, or one {@link Partition}): each
 * driven neuron's next arrival in a {@link TimeQueue} (by time, then neuron) and the state of its
 * counter-based stream, so that the train continues from it at the next arrival. Not thread-safe.
 */
final class PoissonArrivals {
    private final Network network;
    /** Each population's drive, or null. */
    private final PoissonDrive[] driveOf;
    private final TimeQueue queue;
    /** Each driven neuron's stream state after its pending arrival was drawn. */
    private final long[] streamState;
    private final CounterStream stream = new CounterStream();
    private double duration;

    PoissonArrivals(Network network) {
        this.network = network;
        driveOf = new PoissonDrive[network.populations().size()];
        boolean driven = false;
        for (int p = 0; p < driveOf.length; p++) {
            driveOf[p] = network.population(p).poisson();
            driven |= driveOf[p] != null;
        }
        queue = TimeQueue.forDrives(driveOf);
        streamState = new long[driven ? network.neuronCount() : 0];
    }

    /** The pending arrivals, id = neuron; its top is the next arrival. */
    TimeQueue queue() {
        return queue;
    }

    /** Starts a run ending at {@code duration}: the first arrival of every driven neuron with a global index in {@code [lo, hi)}. */
    void reset(int lo, int hi, double duration) {
        this.duration = duration;
        queue.clear();
        for (int p = 0; p < driveOf.length; p++) {
            if (driveOf[p] == null) {
                continue;
            }
            int offset = network.offset(p);
            int from = Math.max(lo, offset);
            int to = Math.min(hi, offset + network.population(p).size());
            for (int g = from; g < to; g++) {
                schedule(g, driveOf[p].first(g - offset, stream));
            }
        }
    }

    /**
     * Neuron g's arrival at t, the queue's top, of population {@code population}: drops it,
     * draws g's next one, and returns g's drive (its receptor and weight make the jump).
     */
    PoissonDrive arrive(double t, int g, int population) {
        PoissonDrive d = driveOf[population];
        stream.resume(streamState[g]);
        queue.pop();
        schedule(g, d.next(t, stream));
        return d;
    }

    /** Queues neuron g's next arrival at t, if within the run, and keeps its stream's state. */
    private void schedule(int g, double t) {
        streamState[g] = stream.state();
        if (t <= duration) {
            queue.push(t, g);
        }
    }
}
