package org.eventsnn.core.model;

import org.eventsnn.core.base.Arguments;
import org.eventsnn.core.base.CounterStream;
import org.eventsnn.core.base.Fdlibm;

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
 *     j = j + 1 + skip        skip = 0 if p = 1, else floor(e / -log1p(-p)), e exponential (mean 1)
 *     stop if j >= targets    (compared as doubles before any conversion to an integer)
 *     w = weight.mean, or while sd > 0: w = mean + sd * g until sign(w) = sign(mean)  (g normal)
 *         (w >= 0 for a mean >= 0, w &lt;= 0 for a negative mean)
 *     d = delay.mean,  or while sd > 0: d = mean + sd * g until d >= min
 *     emit synapse (i, j, w, d)
 * </pre>
 * with StrictMath's log1p; e and the normal values g come from the {@link Sampler} (by default
 * {@code e = -log1p(-nextDouble())} and {@link CounterStream#nextGaussian()}). Synapse numbers
 * follow the generation order: by source, then target. {@code store} asks for the synapses to
 * be materialised instead, the very same ones. With {@link Precision#FLOAT32} the same draws
 * and tests give the same synapses, and each emitted weight and delay is rounded to the nearest
 * float32 value (a fixed value: the rounded mean), so that a stored synapse needs 4 bytes per
 * value; a delay is then at least the minimum rounded down to a float32 value.
 */
public final class ProceduralConnectivity {
    /** The one rule so far. */
    public static final String PAIRWISE_BERNOULLI = "pairwise-bernoulli";

    /** The values a rule emits: any double (the default), or float32 values held as doubles. */
    public enum Precision {
        /** Weights and delays as drawn. */
        FLOAT64("float64"),
        /** Each weight and delay rounded to the nearest float32 value as it is drawn. */
        FLOAT32("float32");

        private final String fieldValue;

        Precision(String fieldValue) {
            this.fieldValue = fieldValue;
        }

        /** The model file's spelling of this precision. */
        public String fieldValue() {
            return fieldValue;
        }

        /** The precision spelled {@code value} in a model file, or null if there is none. */
        public static Precision ofFieldValue(String value) {
            for (Precision p : values()) {
                if (p.fieldValue.equals(value)) {
                    return p;
                }
            }
            return null;
        }
    }

    private final double probability;
    private final long seed;
    private final double weightMean;
    private final double weightSd;
    private final double delayMean;
    private final double delaySd;
    private final double delayMin;
    private final boolean store;
    private final Precision precision;
    private final Sampler sampler;
    /** {@code -log1p(-probability)}: a skip is {@code floor(exponential / missRate)}. */
    private final double missRate;

    /**
     * The rule with the given connection probability and seed, weight (mean, sd), delay (mean,
     * sd, min) and storage; an sd of 0 means a fixed value.
     */
    public ProceduralConnectivity(double probability, long seed, double weightMean, double weightSd, double delayMean,
                                  double delaySd, double delayMin, boolean store) {
        this(probability, seed, weightMean, weightSd, delayMean, delaySd, delayMin, store, Precision.FLOAT64);
    }

    /**
     * As {@link #ProceduralConnectivity(double, long, double, double, double, double, double, boolean)},
     * emitting values of the given precision. With {@link Precision#FLOAT32} a fixed weight or
     * delay (sd 0) is kept, and reported by {@link #weightMean()} / {@link #delayMean()}, as its
     * rounded value.
     */
    public ProceduralConnectivity(double probability, long seed, double weightMean, double weightSd, double delayMean,
                                  double delaySd, double delayMin, boolean store, Precision precision) {
        this(probability, seed, weightMean, weightSd, delayMean, delaySd, delayMin, store, precision, Sampler.INVERSION);
    }

    /**
     * As {@link #ProceduralConnectivity(double, long, double, double, double, double, double, boolean, Precision)},
     * drawing the skips and normal values with the given sampler.
     */
    public ProceduralConnectivity(double probability, long seed, double weightMean, double weightSd, double delayMean,
                                  double delaySd, double delayMin, boolean store, Precision precision, Sampler sampler) {
        this.probability = Arguments.requireProbability(probability, "procedural.probability");
        this.seed = seed;
        Arguments.requireFinite(weightMean, "procedural.weight.mean");
        this.weightSd = requireSd(weightSd, "procedural.weight.sd");
        Arguments.requireNonNegative(delayMean, "procedural.delay.mean");
        this.delaySd = requireSd(delaySd, "procedural.delay.sd");
        this.delayMin = Arguments.requireNonNegative(delayMin, "procedural.delay.min");
        if (delayMin > delayMean) {
            throw new IllegalArgumentException("procedural.delay.min " + delayMin + " exceeds the mean delay " + delayMean);
        }
        if (precision == null) {
            throw new IllegalArgumentException("procedural.precision must be given");
        }
        this.precision = precision;
        if (sampler == null) {
            throw new IllegalArgumentException("procedural.sampler must be given");
        }
        this.sampler = sampler;
        if (precision == Precision.FLOAT32) {
            requireFloatRange(weightMean, weightSd, sampler.largestNormal(), "procedural.weight");
            requireFloatRange(delayMean, delaySd, sampler.largestNormal(), "procedural.delay");
        }
        this.weightMean = weightSd == 0 ? rounded(weightMean) : weightMean;
        this.delayMean = delaySd == 0 ? rounded(delayMean) : delayMean;
        this.store = store;
        this.missRate = -Fdlibm.log1p(-probability);
    }

    /** {@code x} as this rule emits it: itself, or the nearest float32 value. */
    private double rounded(double x) {
        return precision == Precision.FLOAT32 ? (double) (float) x : x;
    }

    /**
     * Under float32, every value drawn ({@code mean + sd g}, where the sampler keeps {@code |g|}
     * below {@code maxGaussian}) must round to a finite float32 value.
     */
    private static void requireFloatRange(double mean, double sd, double maxGaussian, String name) {
        if (!(Math.abs(mean) + maxGaussian * sd <= Float.MAX_VALUE)) {
            throw new IllegalArgumentException(name + " mean " + mean + " and sd " + sd
                    + " reach beyond the float32 range (precision float32)");
        }
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

    /**
     * The smallest delay a synapse can have: the mean if the delay is fixed, else the minimum
     * (rounded down to a float32 value under {@link Precision#FLOAT32}).
     */
    public double delayMin() {
        if (delaySd == 0) {
            return delayMean;
        }
        if (precision == Precision.FLOAT64) {
            return delayMin;
        }
        float below = (float) delayMin;
        return below > delayMin ? Math.nextDown(below) : below;
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

    /** The precision of the weights and delays this rule emits. */
    public Precision precision() {
        return precision;
    }

    /** How this rule draws its skips and normal values. */
    public Sampler sampler() {
        return sampler;
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
            j += probability == 1 ? 1 : 1 + Math.floor(sampler.exponential(stream) / missRate);
            if (!(j < targets)) {
                return;
            }
            double w = weightMean;
            if (weightSd > 0) {
                do {
                    w = weightMean + weightSd * sampler.normal(stream);
                } while (weightMean >= 0 ? w < 0 : w > 0);
            }
            double d = delayMean;
            if (delaySd > 0) {
                do {
                    d = delayMean + delaySd * sampler.normal(stream);
                } while (d < delayMin);
            }
            out.add((int) j, rounded(w), rounded(d));
        }
    }
}
