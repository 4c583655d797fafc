package org.eventsnn.core.model;

import org.eventsnn.core.base.Arguments;
import org.eventsnn.core.base.CounterStream;

/**
 * A LIF population's Poisson drive (the model file's {@code poisson} object): every neuron
 * receives its own independent Poisson spike train of {@code rate} spikes per second, each
 * spike adding {@code weight} to one receptor's current, exactly in continuous time. Neuron
 * i's train is a pure function of (seed, i), drawn lazily from a {@link CounterStream}:
 * <pre>
 *   stream.start(seed, i); t = 0
 *   repeat: t = t + e / rate      (e: an exponential variate of mean 1)
 * </pre>
 * with e from the {@link Sampler} (by default {@code -log1p(-uniform())}), in double
 * precision; never stored, never on a grid. A constant input current needs no drive:
 * it is the leak potential.
 */
public final class PoissonDrive {
    private final double rate;
    private final double weight;
    private final int receptor;
    private final long seed;
    private final Sampler sampler;

    /** Drive of {@code rate} spikes/s per neuron, each a jump of {@code weight} on receptor index {@code receptor}. */
    public PoissonDrive(double rate, double weight, int receptor, long seed) {
        this(rate, weight, receptor, seed, Sampler.INVERSION);
    }

    /** As {@link #PoissonDrive(double, double, int, long)}, drawing the intervals with {@code sampler}. */
    public PoissonDrive(double rate, double weight, int receptor, long seed, Sampler sampler) {
        this.rate = Arguments.requirePositive(rate, "poisson.rate");
        if (rate == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("poisson.rate must be finite");
        }
        this.weight = Arguments.requireFinite(weight, "poisson.weight");
        this.receptor = Arguments.requireAtLeast(receptor, 0, "poisson.receptor");
        this.seed = seed;
        if (sampler == null) {
            throw new IllegalArgumentException("poisson.sampler must be given");
        }
        this.sampler = sampler;
    }

    /** Spikes per second per neuron. */
    public double rate() {
        return rate;
    }

    /** The jump each Poisson spike adds to the receptor current. */
    public double weight() {
        return weight;
    }

    /** Receptor index within the population's parameters. */
    public int receptor() {
        return receptor;
    }

    /** The seed of the counter-based streams, one per neuron. */
    public long seed() {
        return seed;
    }

    /** How the intervals are drawn. */
    public Sampler sampler() {
        return sampler;
    }

    /** Starts neuron i's train on {@code stream}; returns its first spike time. */
    public double first(int i, CounterStream stream) {
        stream.start(seed, i);
        return sampler.exponential(stream) / rate;
    }

    /** The spike after one at time {@code t} of the train {@code stream} is on. */
    public double next(double t, CounterStream stream) {
        return t + sampler.exponential(stream) / rate;
    }
}
