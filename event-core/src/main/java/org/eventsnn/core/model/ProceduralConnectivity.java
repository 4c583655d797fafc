package org.eventsnn.core.model;

import org.eventsnn.core.base.Arguments;
import org.eventsnn.core.base.CounterStream;

/**
 * A procedural projection's rule (the model file's {@code procedural} object): every (source i,
 * target j) pair is connected with a probability (pairwise Bernoulli, autapses included), with a
 * normal weight that keeps the sign of its mean and a normal delay of at least a minimum, both
 * redrawn until they do (as NEST's clipped normal distributions do). Source i's synapses,
 * targets, weights and delays, are a pure function of (seed, i), regenerated from a
 * {@link CounterStream} whenever needed, never stored:
 * <pre>
 *   stream.start(seed, i); j = -1
 *   loop:
 *     j = j + 1 + skip        skip = 0 if p = 1, else floor(log1p(-u) / log1p(-p)), u = nextDouble()
 *     stop if j >= targets    (compared as doubles before any conversion to an integer)
 *     w = weight.mean, or while sd > 0: w = mean + sd * nextGaussian() until sign(w) = sign(mean)
 *         (w >= 0 for a mean >= 0, w &lt;= 0 for a negative mean)
 *     d = delay.mean,  or while sd > 0: d = mean + sd * nextGaussian() until d >= min
 *     emit synapse (i, j, w, d)
 * </pre>
 * with StrictMath's log1p. Synapse numbers follow the generation order: by source, then
 * target. {@code store} asks for the synapses to be materialised instead, the very same ones.
 */
public final class ProceduralConnectivity {
    /** The one rule so far. */
    public static final String PAIRWISE_BERNOULLI = "pairwise-bernoulli";

    private final double probability;
    private final long seed;
    private final double weightMean;
    private final double weightSd;
    private final double delayMean;
    private final double delaySd;
    private final double delayMin;
    private final boolean store;
    private final double logMiss;

    /**
     * The rule with the given connection probability and seed, weight (mean, sd), delay (mean,
     * sd, min) and storage; an sd of 0 means a fixed value.
     */
    public ProceduralConnectivity(double probability, long seed, double weightMean, double weightSd, double delayMean,
                                  double delaySd, double delayMin, boolean store) {
        this.probability = Arguments.requireProbability(probability, "procedural.probability");
        this.seed = seed;
        this.weightMean = Arguments.requireFinite(weightMean, "procedural.weight.mean");
        this.weightSd = requireSd(weightSd, "procedural.weight.sd");
        this.delayMean = Arguments.requireNonNegative(delayMean, "procedural.delay.mean");
        this.delaySd = requireSd(delaySd, "procedural.delay.sd");
        this.delayMin = Arguments.requireNonNegative(delayMin, "procedural.delay.min");
        if (delayMin > delayMean) {
            throw new IllegalArgumentException("procedural.delay.min " + delayMin + " exceeds the mean delay " + delayMean);
        }
        this.store = store;
        this.logMiss = StrictMath.log1p(-probability);
    }

    private static double requireSd(double sd, String name) {
        if (!(sd >= 0) || sd == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + sd);
        }
        return sd;
    }

    /** Probability that a (source, target) pair is connected. */
    public double probability() {
        return probability;
    }

    /** The seed of the counter-based streams, one per source neuron. */
    public long seed() {
        return seed;
    }

    /** Mean weight (the weight when its sd is 0). */
    public double weightMean() {
        return weightMean;
    }

    /** Standard deviation of the weight; 0 for a fixed weight. */
    public double weightSd() {
        return weightSd;
    }

    /** Mean delay in seconds (the delay when its sd is 0). */
    public double delayMean() {
        return delayMean;
    }

    /** Standard deviation of the delay; 0 for a fixed delay. */
    public double delaySd() {
        return delaySd;
    }

    /** The smallest delay a synapse can have (the mean if the delay is fixed). */
    public double delayMin() {
        return delaySd == 0 ? delayMean : delayMin;
    }

    /** The {@code min} given (0 if absent). */
    public double delayMinGiven() {
        return delayMin;
    }

    /** True when every synapse has the mean delay. */
    public boolean hasFixedDelay() {
        return delaySd == 0;
    }

    /** True when the synapses are to be materialised ({@code "store": true}). */
    public boolean store() {
        return store;
    }

    /**
     * Generates source neuron {@code i}'s synapses onto a population of {@code targets} neurons
     * into {@code out} (cleared first), in synapse order, drawing from {@code stream}.
     */
    public void row(int i, int targets, CounterStream stream, SynapseRow out) {
        out.clear();
        if (probability == 0) {
            return;
        }
        stream.start(seed, i);
        double j = -1;
        while (true) {
            j += probability == 1 ? 1 : 1 + Math.floor(StrictMath.log1p(-stream.nextDouble()) / logMiss);
            if (!(j < targets)) {
                return;
            }
            double w = weightMean;
            if (weightSd > 0) {
                do {
                    w = weightMean + weightSd * stream.nextGaussian();
                } while (weightMean >= 0 ? w < 0 : w > 0);
            }
            double d = delayMean;
            if (delaySd > 0) {
                do {
                    d = delayMean + delaySd * stream.nextGaussian();
                } while (d < delayMin);
            }
            out.add((int) j, w, d);
        }
    }
}
