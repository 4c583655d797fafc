package org.eventsnn.core.engine;

/**
 * The factors of one {@link EpochGrid} at one time t, with {@code s = t - T0} from t's epoch
 * {@code T0}: what every neuron of that grid touched at t shares. Filled by
 * {@link EpochGrid#fill}. Mutable, not thread-safe.
 */
final class EpochFactors {
    EpochGrid grid;
    double t = Double.NaN;
    /** The number of t's epoch. */
    long epoch;
    /** {@code exp(-alpha s)} and {@code exp(alpha s)}. */
    double membraneDecay;
    double membraneGrowth;
    /** Per receptor, {@code exp(-beta_k s)} and {@code exp(beta_k s)}. */
    final double[] currentDecay;
    final double[] currentGrowth;

    /** Room for grids of up to {@code receptors} receptors. */
    EpochFactors(int receptors) {
        currentDecay = new double[receptors];
        currentGrowth = new double[receptors];
    }

    /** True if this holds the factors of {@code g} at t. */
    boolean holds(EpochGrid g, double t) {
        return this.t == t && grid == g;
    }
}
