package org.eventsnn.core.engine;

import org.eventsnn.core.solver.LifDynamics;

import java.util.ArrayList;
import java.util.List;

/**
 * The epochs of one {@link LifDynamics} on which {@link NeuronStates} keeps a neuron's state as
 * coefficients (docs/exactness.md, "Epoch coefficients"): with {@code s = t - T0} from the epoch
 * {@code T0} of t, receptor k's current is {@code I_k(t) = C_k exp(-beta_k s)} and the membrane
 * {@code u(t) = A exp(-alpha s) + sum_k c_k I_k(t)}, {@code c_k = alpha / (alpha - beta_k)}. A
 * jump {@code w} on receptor k at t adds {@code w exp(beta_k s)} to {@code C_k} and
 * {@code -c_k w exp(alpha s)} to {@code A}: the factors depend on t alone, so every target of a
 * row that arrives at t shares them. Epoch m starts at {@code T0 = m W}, {@code W} the largest
 * power of two at most {@link #WIDTH_IN_FASTEST_TAU} of the dynamics' shortest time constant, so
 * that every {@code T0}, every {@code s} and every difference of origins is exact and a state
 * carried from epoch m to m + j is multiplied by {@code exp(-rate j W)} from a table; a neuron is
 * carried to the epoch of t when it is next touched at t, a rule of times alone (thread counts
 * and partitions do not enter). Immutable.
 */
final class EpochGrid {
    /**
     * The epoch's width in units of the shortest time constant (at most): factors grow up to
     * {@code exp(beta W) <= e^4}, far from overflow, and the arguments of their exponentials stay
     * below 4, so each is within about 5 ulps.
     */
    static final double WIDTH_IN_FASTEST_TAU = 4;
    /** Least {@code beta_k / alpha} on epochs (CUBA's receptors: 4 and 2). */
    static final double MIN_RATE_RATIO = 1.5;
    /**
     * Largest {@code beta_k / alpha} on epochs. A cost rule by proxy: epochs pay where a row's
     * targets share the factors of its arrival time; where every input comes at a time of its own
     * (Poisson drive, a delay per synapse: the microcircuit, ratio 20) each computes its own,
     * two exponentials and two divisions against the plain arithmetic's one exponential and a
     * series, and the microcircuit took 3-6 % longer. A rule by the network's form would give a
     * Poisson drive other bits than the same trains as input spikes, and equal per-synapse delays
     * other bits than a projection's delay, so the rule goes by the dynamics alone: up to 8, the
     * ratios whose plain factors come from powers of one exponential.
     */
    static final double MAX_RATE_RATIO = 8;
    /** Epoch moves up to this many widths take their factors from a table. */
    private static final int TABLE = 16;

    final LifDynamics dynamics;
    /** The epoch's width {@code W}, a power of two. */
    final double width;
    private final double inverseWidth;
    /** Per receptor, {@code c_k = alpha / (alpha - beta_k)}. */
    final double[] response;
    /** Per receptor, the first receptor of the same rate: factors are computed once per rate. */
    private final int[] sameRateAs;
    /** {@code exp(-alpha j W)} for j = 0 to {@link #TABLE}. */
    private final double[] membraneShift;
    /** {@code exp(-beta_k j W)} at {@code [j * receptors + k]}. */
    private final double[] currentShift;

    private EpochGrid(LifDynamics d) {
        dynamics = d;
        int receptors = d.receptorCount();
        double fastest = d.alpha();
        for (int k = 0; k < receptors; k++) {
            fastest = Math.max(fastest, d.beta(k));
        }
        width = Math.scalb(1.0, Math.getExponent(WIDTH_IN_FASTEST_TAU / fastest));
        inverseWidth = 1 / width;
        response = new double[receptors];
        sameRateAs = new int[receptors];
        for (int k = 0; k < receptors; k++) {
            response[k] = d.alpha() / (d.alpha() - d.beta(k));
            while (d.beta(sameRateAs[k]) != d.beta(k)) {
                sameRateAs[k]++;
            }
        }
        membraneShift = new double[TABLE + 1];
        currentShift = new double[(TABLE + 1) * receptors];
        for (int j = 0; j <= TABLE; j++) {
            membraneShift[j] = Math.exp(-d.alpha() * (j * width));
            for (int k = 0; k < receptors; k++) {
                currentShift[j * receptors + k] = Math.exp(-d.beta(k) * (j * width));
            }
        }
    }

    /**
     * The grid of {@code d} if its neurons keep their state on epochs, else null: at least two
     * current receptors (a population with one goes through {@link UniformPopulation} in the
     * layered engine, whose bits the queue keeps), none of them a delta synapse, each faster
     * than the membrane by a factor {@link #MIN_RATE_RATIO} at least ({@code -2 <= c_k < 0}): the
     * membrane is the difference of terms of size {@code |c_k| I_k} and {@code |A| exp(-alpha s)},
     * and with fast currents these fade before the membrane does, where slow ones (or rates near
     * the membrane's, {@code |c_k|} large) would keep them large beside a small membrane after
     * every reset. Random networks with slow receptors part from the plain arithmetic ten times
     * faster than under a one-ulp change of their weights. And at most {@link #MAX_RATE_RATIO}
     * times faster, which keeps the microcircuit (20) plain: see there.
     */
    static EpochGrid of(LifDynamics d) {
        if (d == null || d.receptorCount() < 2) {
            return null;
        }
        for (int k = 0; k < d.receptorCount(); k++) {
            if (d.isDelta(k) || !(d.beta(k) >= MIN_RATE_RATIO * d.alpha() && d.beta(k) <= MAX_RATE_RATIO * d.alpha())) {
                return null;
            }
        }
        return new EpochGrid(d);
    }

    /**
     * The grid of every neuron by global index ({@code dynamics} by {@link LifDynamics#perNeuron}),
     * null where {@link #of} gives none: one instance per set of rates, so that populations of
     * the same time constants share factors.
     */
    static EpochGrid[] perNeuron(LifDynamics[] dynamics) {
        EpochGrid[] each = new EpochGrid[dynamics.length];
        List<EpochGrid> distinct = new ArrayList<>();
        for (int g = 0; g < dynamics.length; g++) {
            if (g > 0 && dynamics[g] == dynamics[g - 1]) {
                each[g] = each[g - 1];
                continue;
            }
            EpochGrid grid = of(dynamics[g]);
            if (grid != null) {
                for (EpochGrid other : distinct) {
                    if (other.hasRatesOf(dynamics[g])) {
                        grid = other;
                        break;
                    }
                }
                if (grid.dynamics == dynamics[g]) {
                    distinct.add(grid);
                }
            }
            each[g] = grid;
        }
        return each;
    }

    private boolean hasRatesOf(LifDynamics d) {
        if (d.alpha() != dynamics.alpha() || d.receptorCount() != response.length) {
            return false;
        }
        for (int k = 0; k < response.length; k++) {
            if (d.beta(k) != dynamics.beta(k)) {
                return false;
            }
        }
        return true;
    }

    /** The number of the epoch that t lies in (monotone in t). */
    long epochOf(double t) {
        return (long) Math.floor(t * inverseWidth);
    }

    /** {@code exp(-alpha j W)}. */
    double membraneShift(long j) {
        return j <= TABLE ? membraneShift[(int) j] : Math.exp(-dynamics.alpha() * (j * width));
    }

    /** {@code exp(-beta_k j W)}. */
    double currentShift(long j, int k) {
        return j <= TABLE ? currentShift[(int) j * response.length + k] : Math.exp(-dynamics.beta(k) * (j * width));
    }

    /** Sets {@code f} to the factors at time t. */
    void fill(EpochFactors f, double t) {
        f.grid = this;
        f.t = t;
        long epoch = epochOf(t);
        f.epoch = epoch;
        double s = t - epoch * width;
        f.membraneDecay = Math.exp(-dynamics.alpha() * s);
        f.membraneGrowth = 1 / f.membraneDecay;
        for (int k = 0; k < response.length; k++) {
            int same = sameRateAs[k];
            if (same < k) {
                f.currentDecay[k] = f.currentDecay[same];
                f.currentGrowth[k] = f.currentGrowth[same];
            } else {
                f.currentDecay[k] = Math.exp(-dynamics.beta(k) * s);
                f.currentGrowth[k] = 1 / f.currentDecay[k];
            }
        }
    }
}
