package org.eventsnn.hardware;

import org.eventsnn.core.base.Arguments;

/**
 * Settings of an emulated analog chip (BrainScaleS-2 style). Relative sigmas perturb each
 * neuron's parameters once for the chip's lifetime (fixed-pattern noise); weights are signed
 * integers of {@code weightBits} magnitude bits plus a sign times {@code weightScale}, saturating; every run redraws
 * threshold noise, every spike gets time jitter; the chip runs {@code speedup} times faster than
 * model time and reads spikes out with a chip-specific offset (hardware microseconds).
 */
public final class ChipConfig {
    /** Seed of the chip's fixed-pattern noise and readout offset: which chip this is. */
    public final long chipSeed;
    /** Fixed-pattern relative sigma of tauMem, tauSyn and threshold; leak and reset move by it times (threshold - reset). */
    public final double mismatch;
    /** Model weight of one integer weight step. */
    public final double weightScale;
    /** Magnitude bits of a weight (the sign comes on top). */
    public final int weightBits;
    /** Relative sigma of the per-run threshold noise. */
    public final double thresholdNoise;
    /** Sigma of the spike-time jitter, in model seconds. */
    public final double jitter;
    /** How many times faster than model time the chip runs. */
    public final double speedup;
    /** Sigma of the chip's readout time offset, hardware microseconds (the offset is fixed per chip). */
    public final double readoutOffsetSigma;
    /** Neurons on the chip; a larger network is an error. */
    public final int neuronsPerChip;
    /** Synapse rows into one neuron; more sources are an error. */
    public final int synapseRowsPerNeuron;
    /** Spikes one run may record; more are an error. */
    public final int spikesPerRun;

    private ChipConfig(Builder b) {
        chipSeed = b.chipSeed;
        mismatch = Arguments.requireNonNegative(b.mismatch, "mismatch");
        weightScale = Arguments.requirePositive(b.weightScale, "weightScale");
        weightBits = Arguments.requireAtLeast(b.weightBits, 2, "weightBits");
        if (weightBits > 16) {
            throw new IllegalArgumentException("weightBits must be <= 16, got " + weightBits);
        }
        thresholdNoise = Arguments.requireNonNegative(b.thresholdNoise, "thresholdNoise");
        jitter = Arguments.requireNonNegative(b.jitter, "jitter");
        speedup = Arguments.requirePositive(b.speedup, "speedup");
        readoutOffsetSigma = Arguments.requireNonNegative(b.readoutOffsetSigma, "readoutOffsetSigma");
        neuronsPerChip = Arguments.requireAtLeast(b.neuronsPerChip, 1, "neuronsPerChip");
        synapseRowsPerNeuron = Arguments.requireAtLeast(b.synapseRowsPerNeuron, 1, "synapseRowsPerNeuron");
        spikesPerRun = Arguments.requireAtLeast(b.spikesPerRun, 1, "spikesPerRun");
    }

    /** Defaults: 5 % mismatch, 6-bit weights of 0.1, 1 % threshold noise, 5 us jitter, 1000x, 0.01 us offset sigma, 512 neurons, 256 rows, 100000 spikes. */
    public static Builder builder(long chipSeed) {
        return new Builder(chipSeed);
    }

    /**
     * The largest weight magnitude in integer steps: {@code 2^weightBits - 1} (63 for 6 bits).
     * As on BrainScaleS-2 the bits hold the magnitude and the sign comes on top (excitatory or
     * inhibitory synapse row), so 6-bit weights span -63..63.
     */
    public int maxWeightSteps() {
        return (1 << weightBits) - 1;
    }

    /** A chip without mismatch or noise (quantization and limits remain). */
    public ChipConfig ideal() {
        return toBuilder().mismatch(0).thresholdNoise(0).jitter(0).readoutOffsetSigma(0).build();
    }

    /** A builder initialised with these settings. */
    public Builder toBuilder() {
        return new Builder(chipSeed).mismatch(mismatch).weightScale(weightScale).weightBits(weightBits)
                .thresholdNoise(thresholdNoise).jitter(jitter).speedup(speedup).readoutOffsetSigma(readoutOffsetSigma)
                .neuronsPerChip(neuronsPerChip).synapseRowsPerNeuron(synapseRowsPerNeuron).spikesPerRun(spikesPerRun);
    }

    /** Mutable settings; {@link #build()} validates. */
    public static final class Builder {
        private final long chipSeed;
        private double mismatch = 0.05;
        private double weightScale = 0.1;
        private int weightBits = 6;
        private double thresholdNoise = 0.01;
        private double jitter = 5e-6;
        private double speedup = 1000;
        private double readoutOffsetSigma = 0.01;
        private int neuronsPerChip = 512;
        private int synapseRowsPerNeuron = 256;
        private int spikesPerRun = 100_000;

        private Builder(long chipSeed) {
            this.chipSeed = chipSeed;
        }

        /** Fixed-pattern relative sigma (&gt;= 0). */
        public Builder mismatch(double v) {
            mismatch = v;
            return this;
        }

        /** Model weight of one integer weight step (&gt; 0). */
        public Builder weightScale(double v) {
            weightScale = v;
            return this;
        }

        /** Magnitude bits of a weight, 2 to 16. */
        public Builder weightBits(int v) {
            weightBits = v;
            return this;
        }

        /** Relative sigma of the per-run threshold noise (&gt;= 0). */
        public Builder thresholdNoise(double v) {
            thresholdNoise = v;
            return this;
        }

        /** Sigma of the spike-time jitter, model seconds (&gt;= 0). */
        public Builder jitter(double v) {
            jitter = v;
            return this;
        }

        /** How many times faster than model time the chip runs (&gt; 0). */
        public Builder speedup(double v) {
            speedup = v;
            return this;
        }

        /** Sigma of the chip's fixed readout offset, hardware microseconds (&gt;= 0). */
        public Builder readoutOffsetSigma(double v) {
            readoutOffsetSigma = v;
            return this;
        }

        /** Neurons on the chip (&gt;= 1). */
        public Builder neuronsPerChip(int v) {
            neuronsPerChip = v;
            return this;
        }

        /** Synapse rows into one neuron (&gt;= 1). */
        public Builder synapseRowsPerNeuron(int v) {
            synapseRowsPerNeuron = v;
            return this;
        }

        /** Spikes one run may record (&gt;= 1). */
        public Builder spikesPerRun(int v) {
            spikesPerRun = v;
            return this;
        }

        /** The settings, checked. */
        public ChipConfig build() {
            return new ChipConfig(this);
        }
    }
}
