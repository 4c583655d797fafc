package org.eventsnn.gradients;

import java.util.Arrays;
import org.eventsnn.core.model.Network;

/**
 * A gradient method's weight-gradient arrays (one per projection, as long as its synapse count),
 * handed out zeroed for each sample and taken back once a batch sum has added them
 * ({@link Gradients#release}), so that training does not allocate a fresh set per sample (a
 * {@code fastdeep} sample's set is 7.7 kB, and allocating it cost about a third of its backward
 * pass, measured with {@code SampleComparison}). Sets never released are simply not reused.
 * Thread-safe: the method's thread takes sets, whichever thread sums gives them back.
 */
final class WeightGradientPool {
    /** Most sets kept for reuse; more come back only when sums lag far behind (then they are dropped). */
    private static final int KEPT = 16;
    private final double[][][] kept = new double[KEPT][][];
    private int size;

    /** Zeroed arrays shaped for {@code net}'s projections: a set given back if one is left and fits, else new ones. */
    double[][] take(Network net) {
        double[][] set = reusable(net);
        if (set == null) {
            return allocate(net); // zeroed already
        }
        for (double[] a : set) {
            Arrays.fill(a, 0);
        }
        return set;
    }

    /** As {@link #take}, for a caller that writes every entry: a set given back keeps its old values. */
    double[][] takeToOverwrite(Network net) {
        double[][] set = reusable(net);
        return set != null ? set : allocate(net);
    }

    /** A set given back that fits {@code net}, or null. */
    private double[][] reusable(Network net) {
        double[][] set = null;
        synchronized (this) { // allocation stays outside: a collection it starts would hold the summing thread's give
            if (size > 0) {
                set = kept[--size];
                kept[size] = null;
            }
        }
        return set != null && fits(set, net) ? set : null;
    }

    /** Takes back a set from {@link #take} that nobody reads any more. */
    void give(double[][] set) {
        synchronized (this) {
            if (size < KEPT) {
                kept[size++] = set;
            }
        }
    }

    private static double[][] allocate(Network net) {
        double[][] set = new double[net.projections().size()][];
        for (int p = 0; p < set.length; p++) {
            set[p] = new double[net.projection(p).synapseCount()];
        }
        return set;
    }

    private static boolean fits(double[][] set, Network net) {
        if (set.length != net.projections().size()) {
            return false;
        }
        for (int p = 0; p < set.length; p++) {
            if (set[p].length != net.projection(p).synapseCount()) {
                return false;
            }
        }
        return true;
    }
}
