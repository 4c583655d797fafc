package org.eventsnn.datasets;

import org.eventsnn.core.base.Arguments;
import org.eventsnn.core.record.SpikeOrder;
import org.eventsnn.core.record.SpikeTrains;

/**
 * Turns a feature vector into one input spike per feature: {@code t = tEarly + x (tLate - tEarly)}
 * (Fast and Deep's encoding; with {@code tEarly = 0} it is jaxsnn's {@code t = x tLate}).
 * Optionally each feature is repeated {@code copies} times (neurons {@code f * copies + c}),
 * and bias neurons fire at fixed times after the feature neurons. Immutable and thread-safe.
 */
public final class SpikeEncoder {
    private final double tEarly;
    private final double tLate;
    private final int copies;
    private final double[] biasTimes;
    private final String population;
    private final double duration;

    private SpikeEncoder(Builder b) {
        this.tEarly = Arguments.requireNonNegative(b.tEarly, "tEarly");
        this.tLate = Arguments.requireFinite(b.tLate, "tLate");
        this.copies = Arguments.requireAtLeast(b.copies, 1, "copies");
        this.biasTimes = b.biasTimes.clone();
        for (int i = 0; i < biasTimes.length; i++) {
            Arguments.requireNonNegative(biasTimes[i], "biasTime[" + i + "]");
        }
        this.population = b.population;
        this.duration = Arguments.requireNonNegative(b.duration, "duration");
    }

    /** Fast and Deep's encoder: {@code t = tEarly + x (tLate - tEarly)}. */
    public static Builder linear(double tEarly, double tLate) {
        return new Builder(tEarly, tLate);
    }

    /** jaxsnn's encoder: {@code t = x tLate}. */
    public static Builder scaled(double tLate) {
        return new Builder(0, tLate);
    }

    /** Number of input neurons for {@code features} features: features x copies + bias neurons. */
    public int inputSize(int features) {
        return features * copies + biasTimes.length;
    }

    /** Name of the input population the spikes belong to. */
    public String population() {
        return population;
    }

    /** The simulation window of every sample, seconds. */
    public double duration() {
        return duration;
    }

    /** Spike time of feature value x. */
    public double time(double x) {
        return tEarly + x * (tLate - tEarly);
    }

    /** The input spikes of one sample, sorted by time then neuron. */
    public SpikeTrains encode(double[] features) {
        int n = inputSize(features.length);
        double[] time = new double[n];
        int[] neuron = new int[n];
        for (int f = 0; f < features.length; f++) {
            double t = time(features[f]);
            if (!(t >= 0 && t <= duration)) {
                throw new IllegalArgumentException("feature " + f + " = " + features[f] + " encodes to time " + t
                        + " outside [0, " + duration + "]");
            }
            for (int c = 0; c < copies; c++) {
                time[f * copies + c] = t;
            }
        }
        int base = features.length * copies;
        for (int b = 0; b < biasTimes.length; b++) {
            time[base + b] = biasTimes[b];
        }
        for (int i = 0; i < n; i++) {
            neuron[i] = i;
        }
        SpikeOrder.sort(time, neuron);
        return SpikeTrains.builder(duration).add(population, neuron, time).build();
    }

    /** Settings; defaults: population "in", one copy, no bias, duration tLate. */
    public static final class Builder {
        private final double tEarly;
        private final double tLate;
        private int copies = 1;
        private double[] biasTimes = new double[0];
        private String population = "in";
        private double duration;

        private Builder(double tEarly, double tLate) {
            this.tEarly = tEarly;
            this.tLate = tLate;
            this.duration = tLate;
        }

        /** Each feature drives {@code n} input neurons. */
        public Builder copies(int n) {
            copies = n;
            return this;
        }

        /** Bias neurons (after the feature neurons), one per time given. */
        public Builder biasTimes(double... times) {
            biasTimes = times.clone();
            return this;
        }

        /** Name of the input population the spikes belong to. */
        public Builder population(String name) {
            population = name;
            return this;
        }

        /** The simulation window of every sample. */
        public Builder duration(double d) {
            duration = d;
            return this;
        }

        /** The encoder; checks that times are finite and non-negative and that copies is at least 1. */
        public SpikeEncoder build() {
            return new SpikeEncoder(this);
        }
    }
}
