package org.eventsnn.datasets;

import org.eventsnn.core.base.Arguments;
import org.eventsnn.core.base.SplitMix64;
import org.eventsnn.core.record.SpikeOrder;
import org.eventsnn.core.record.SpikeTrains;

/**
 * The cue-accumulation (evidence accumulation) working-memory task of Bellec et al. 2020
 * (Nature Communications 11:3625, Fig. 3): a sequence of cues, each shown on the left or the
 * right, then a delay, then a recall cue; the label is the side that showed more cues
 * (0 left, 1 right).
 *
 * <p>Inputs: four groups of {@code groupSize} neurons, in this order: left (neurons
 * {@code 0..n-1}), right ({@code n..2n-1}), recall ({@code 2n..3n-1}) and noise
 * ({@code 3n..4n-1}). Timeline of a trial: cue c (0-based) lasts {@code cueDuration} from
 * {@code c (cueDuration + cueGap)}; after the last cue and {@code delay} comes the recall cue
 * for {@code recallDuration}, which ends the trial. While a cue is shown, every neuron of its
 * side fires as a Poisson process of rate {@code cueRate}; the recall group fires at
 * {@code cueRate} during the recall cue; the noise group fires at {@code noiseRate} throughout.
 *
 * <p>Algorithm, from {@code SplitMix64(seed)} only (bit-reproducible): trial i has label
 * {@code i mod 2} (so the classes are balanced exactly); draw each cue's side
 * ({@code nextDouble() < 0.5}: left); if the majority is not the label, every side is swapped
 * (this keeps each side sequence with the label's majority equally likely). Then, neuron by neuron
 * in index order and interval by interval in time order, Poisson spikes are drawn by
 * exponential gaps {@code -ln(1 - u) / rate}. Spikes are sorted by time, then neuron.
 * The number of cues must be odd (no ties). Defaults follow Bellec et al.: 7 cues, 10 neurons per
 * group, 100 ms cues with 50 ms gaps, cue rate 40 Hz, noise 10 Hz, recall 150 ms; the delay
 * defaults to 1 s. Immutable settings; generation is pure.
 */
public final class CueAccumulation {
    public static final int LEFT = 0;
    public static final int RIGHT = 1;
    /** Input groups, in neuron order. */
    public static final int GROUPS = 4;

    private final int cues;
    private final int groupSize;
    private final double cueDuration;
    private final double cueGap;
    private final double delay;
    private final double recallDuration;
    private final double cueRate;
    private final double noiseRate;

    private CueAccumulation(Builder b) {
        this.cues = Arguments.requireAtLeast(b.cues, 1, "cues");
        if (cues % 2 == 0) {
            throw new IllegalArgumentException("cues must be odd (no ties), got " + cues);
        }
        this.groupSize = Arguments.requireAtLeast(b.groupSize, 1, "groupSize");
        this.cueDuration = Arguments.requirePositive(b.cueDuration, "cueDuration");
        this.cueGap = Arguments.requireNonNegative(b.cueGap, "cueGap");
        this.delay = Arguments.requireNonNegative(b.delay, "delay");
        this.recallDuration = Arguments.requirePositive(b.recallDuration, "recallDuration");
        this.cueRate = Arguments.requireNonNegative(b.cueRate, "cueRate");
        this.noiseRate = Arguments.requireNonNegative(b.noiseRate, "noiseRate");
    }

    /** Settings starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    public int cues() {
        return cues;
    }

    /** Neurons per group; the input population has {@link #GROUPS} times as many. */
    public int groupSize() {
        return groupSize;
    }

    public int inputs() {
        return GROUPS * groupSize;
    }

    /** Start of cue c. */
    public double cueStart(int c) {
        return c * (cueDuration + cueGap);
    }

    public double cueDuration() {
        return cueDuration;
    }

    public double cueRate() {
        return cueRate;
    }

    public double noiseRate() {
        return noiseRate;
    }

    /** Start of the recall cue: the end of the last cue plus the delay. */
    public double recallStart() {
        return cueStart(cues - 1) + cueDuration + delay;
    }

    /** Length of a trial: the end of the recall cue. */
    public double duration() {
        return recallStart() + recallDuration;
    }

    /** {@code trials} trials of {@code seed} on input population {@code population}. */
    public LabelledSpikes generate(int trials, long seed, String population) {
        Arguments.requireAtLeast(trials, 0, "trials");
        SplitMix64 rng = new SplitMix64(seed);
        SpikeTrains[] in = new SpikeTrains[trials];
        int[] labels = new int[trials];
        for (int i = 0; i < trials; i++) {
            labels[i] = i % 2;
            in[i] = trial(rng, sides(rng, labels[i]), population);
        }
        return new LabelledSpikes(population, inputs(), 2, duration(), in, labels);
    }

    /** Each cue's side, with the label's side in the majority. */
    private int[] sides(SplitMix64 rng, int label) {
        int[] side = new int[cues];
        int right = 0;
        for (int c = 0; c < cues; c++) {
            side[c] = rng.nextDouble() < 0.5 ? LEFT : RIGHT;
            right += side[c];
        }
        if ((2 * right > cues ? RIGHT : LEFT) != label) {
            for (int c = 0; c < cues; c++) {
                side[c] = 1 - side[c];
            }
        }
        return side;
    }

    private SpikeTrains trial(SplitMix64 rng, int[] side, String population) {
        SpikeList spikes = new SpikeList();
        for (int g = 0; g < GROUPS; g++) {
            for (int i = 0; i < groupSize; i++) {
                int neuron = g * groupSize + i;
                if (g == LEFT || g == RIGHT) {
                    for (int c = 0; c < cues; c++) {
                        if (side[c] == g) {
                            spikes.poisson(rng, neuron, cueRate, cueStart(c), cueStart(c) + cueDuration);
                        }
                    }
                } else if (g == 2) {
                    spikes.poisson(rng, neuron, cueRate, recallStart(), duration());
                } else {
                    spikes.poisson(rng, neuron, noiseRate, 0, duration());
                }
            }
        }
        return spikes.sortedTrains(population, duration());
    }

    /** A growing list of spikes. */
    private static final class SpikeList {
        private double[] time = new double[64];
        private int[] neuron = new int[64];
        private int size;

        /** Poisson spikes of rate {@code rate} in [from, to). */
        void poisson(SplitMix64 rng, int n, double rate, double from, double to) {
            if (rate == 0) {
                return;
            }
            for (double t = from - Math.log(1 - rng.nextDouble()) / rate; t < to;
                 t -= Math.log(1 - rng.nextDouble()) / rate) {
                if (size == time.length) {
                    time = java.util.Arrays.copyOf(time, 2 * size);
                    neuron = java.util.Arrays.copyOf(neuron, 2 * size);
                }
                time[size] = t;
                neuron[size++] = n;
            }
        }

        SpikeTrains sortedTrains(String population, double duration) {
            double[] t = java.util.Arrays.copyOf(time, size);
            int[] n = java.util.Arrays.copyOf(neuron, size);
            SpikeOrder.sort(t, n);
            return SpikeTrains.builder(duration).add(population, n, t).build();
        }
    }

    /** Settings; defaults as in the class comment. */
    public static final class Builder {
        private int cues = 7;
        private int groupSize = 10;
        private double cueDuration = 0.1;
        private double cueGap = 0.05;
        private double delay = 1.0;
        private double recallDuration = 0.15;
        private double cueRate = 40;
        private double noiseRate = 10;

        private Builder() {
        }

        /** Number of cues (odd, default 7). */
        public Builder cues(int n) {
            cues = n;
            return this;
        }

        /** Neurons per input group (default 10). */
        public Builder groupSize(int n) {
            groupSize = n;
            return this;
        }

        /** Length of a cue in seconds (default 0.1). */
        public Builder cueDuration(double s) {
            cueDuration = s;
            return this;
        }

        /** Pause between cues in seconds (default 0.05). */
        public Builder cueGap(double s) {
            cueGap = s;
            return this;
        }

        /** Time from the end of the last cue to the recall cue, seconds (default 1). */
        public Builder delay(double s) {
            delay = s;
            return this;
        }

        /** Length of the recall cue in seconds (default 0.15). */
        public Builder recallDuration(double s) {
            recallDuration = s;
            return this;
        }

        /** Rate of a cue or recall neuron while its cue is shown, Hz (default 40). */
        public Builder cueRate(double hz) {
            cueRate = hz;
            return this;
        }

        /** Rate of the noise group, Hz (default 10). */
        public Builder noiseRate(double hz) {
            noiseRate = hz;
            return this;
        }

        /**
         * The settings.
         *
         * @throws IllegalArgumentException naming the first value out of range
         */
        public CueAccumulation build() {
            return new CueAccumulation(this);
        }
    }
}
