package org.eventsnn.core.engine;

import org.eventsnn.core.base.CounterStream;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.PoissonDrive;

import java.util.Arrays;

/**
 * The Poisson drive of a set of neurons, neuron by neuron: each driven neuron's next arrival
 * time and the state of its counter-based stream, from which its train continues. The
 * multi-threaded engine's partitions take each neuron's arrivals in turn as they visit it
 * ({@link WindowNeurons}); the single queue keeps every neuron's next arrival in a heap
 * ({@link PoissonArrivals}). Not thread-safe.
 */
final class DriveStreams {
    private final Network network;
    /** Each population's drive, or null. */
    private final PoissonDrive[] driveOf;
    private final int[] populationOf;
    /**
     * Per neuron g, side by side in one cache line: at {@code 2g} the bits of its next arrival
     * (+infinity if it is not driven), at {@code 2g + 1} its stream's state after drawing it.
     */
    private final long[] nextAndState;
    private final CounterStream stream = new CounterStream();

    DriveStreams(Network network) {
        this.network = network;
        driveOf = new PoissonDrive[network.populations().size()];
        populationOf = new int[network.neuronCount()];
        for (int p = 0; p < driveOf.length; p++) {
            driveOf[p] = network.population(p).poisson();
            Arrays.fill(populationOf, network.offset(p), network.offset(p) + network.population(p).size(), p);
        }
        nextAndState = new long[Math.multiplyExact(network.neuronCount(), 2)];
    }

    /** Starts the trains of the neurons with global indices in {@code [lo, hi)}. */
    void reset(int lo, int hi) {
        for (int g = lo; g < hi; g++) {
            nextAndState[2 * g] = Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);
        }
        for (int p = 0; p < driveOf.length; p++) {
            if (driveOf[p] == null) {
                continue;
            }
            int offset = network.offset(p);
            int from = Math.max(lo, offset);
            int to = Math.min(hi, offset + network.population(p).size());
            for (int g = from; g < to; g++) {
                nextAndState[2 * g] = Double.doubleToRawLongBits(driveOf[p].first(g - offset, stream));
                nextAndState[2 * g + 1] = stream.state();
            }
        }
    }

    /** Neuron g's next arrival; +infinity if it is not driven. */
    double next(int g) {
        return Double.longBitsToDouble(nextAndState[2 * g]);
    }

    /** Neuron g's drive (its receptor and weight make each jump); null if it is not driven. */
    PoissonDrive of(int g) {
        return driveOf[populationOf[g]];
    }

    /** Takes neuron g's next arrival: draws the one after it from its drive {@code of(g)}, which becomes {@link #next}. */
    void advance(int g, PoissonDrive drive) {
        stream.resume(nextAndState[2 * g + 1]);
        nextAndState[2 * g] = Double.doubleToRawLongBits(drive.next(next(g), stream));
        nextAndState[2 * g + 1] = stream.state();
    }

    /**
     * Neuron g's stream state after drawing {@link #next}: with {@link #draw} and {@link #keep}, a
     * caller takes a run of g's arrivals with the train in local variables, the same draws as
     * {@link #advance}.
     */
    long state(int g) {
        return nextAndState[2 * g + 1];
    }

    /**
     * The arrival after one at t of a train of {@code drive} whose stream is in {@code state};
     * the stream's state after the draw is then {@link #drawnState}.
     */
    double draw(PoissonDrive drive, double t, long state) {
        stream.resume(state);
        return drive.next(t, stream);
    }

    /** The stream's state after the last {@link #draw}. */
    long drawnState() {
        return stream.state();
    }

    /** Neuron g's train continues with arrival {@code next}, its stream in {@code state}. */
    void keep(int g, double next, long state) {
        nextAndState[2 * g] = Double.doubleToRawLongBits(next);
        nextAndState[2 * g + 1] = state;
    }
}
