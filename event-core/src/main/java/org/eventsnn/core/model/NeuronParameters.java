package org.eventsnn.core.model;

import org.eventsnn.core.base.Arguments;

import java.util.Arrays;
import java.util.List;

/**
 * Parameters of a leaky integrate-and-fire population with exponentially decaying current
 * synapses (docs/exactness.md, "The neuron"). Immutable and validated at construction.
 *
 * <p>A population has one or more receptor types, each with its own synaptic time constant.
 * A receptor whose time constant is 0 is a delta synapse (docs/exactness.md, "Delta
 * synapses"): an arrival of weight w adds w to the membrane potential at once instead of to a
 * current. Defaults are jaxsnn's: tauSyn 5e-3 s, tauMem 1e-2 s, threshold 0.6, leak 0, reset 0,
 * refractory 0.
 */
public final class NeuronParameters {
    /** Name of the single receptor of a population that declares only {@code tauSyn}. */
    public static final String DEFAULT_RECEPTOR = "syn";
    /** Default synaptic time constant, seconds. */
    public static final double DEFAULT_TAU_SYN = 5e-3;
    /** Default membrane time constant, seconds. */
    public static final double DEFAULT_TAU_MEM = 1e-2;
    /** Default firing threshold. */
    public static final double DEFAULT_THRESHOLD = 0.6;

    private final double tauMem;
    private final String[] receptorNames;
    private final double[] receptorTaus;
    private final double threshold;
    private final double leak;
    private final double reset;
    private final double refractory;

    private NeuronParameters(Builder b) {
        this.tauMem = finiteInverse(Arguments.requirePositive(b.tauMem, "tauMem"), "tauMem");
        this.receptorNames = b.receptorNames.clone();
        this.receptorTaus = b.receptorTaus.clone();
        if (receptorNames.length == 0) {
            throw new IllegalArgumentException("receptors must name at least one receptor");
        }
        for (int k = 0; k < receptorNames.length; k++) {
            finiteInverse(Arguments.requireNonNegative(receptorTaus[k], "receptors." + receptorNames[k]),
                    "receptors." + receptorNames[k]);
            receptorTaus[k] += 0.0; // -0.0 becomes 0.0: one delta synapse, one representation
            for (int m = 0; m < k; m++) {
                if (receptorNames[m].equals(receptorNames[k])) {
                    throw new IllegalArgumentException("receptor name " + receptorNames[k] + " appears twice");
                }
            }
        }
        this.threshold = Arguments.requireFinite(b.threshold, "threshold");
        this.leak = Arguments.requireFinite(b.leak, "leak");
        this.reset = Arguments.requireFinite(b.reset, "reset");
        this.refractory = Arguments.requireNonNegative(b.refractory, "refractory");
        if (!(threshold > reset)) {
            throw new IllegalArgumentException("threshold must be > reset, got threshold " + threshold
                    + " and reset " + reset);
        }
    }

    /**
     * {@code tau} unless it is a positive time constant whose inverse, the rate the engines
     * compute with, overflows (below about 5.6e-309 s: subnormal numbers).
     */
    private static double finiteInverse(double tau, String name) {
        if (tau != 0 && 1 / tau == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " must have a finite inverse (at least about 5.6e-309 s), got " + tau);
        }
        return tau;
    }

    /** A builder holding the defaults (tauSyn 5e-3, tauMem 1e-2, threshold 0.6, leak 0, reset 0, refractory 0). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder initialised with these parameters. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.tauMem = tauMem;
        b.receptorNames = receptorNames.clone();
        b.receptorTaus = receptorTaus.clone();
        b.threshold = threshold;
        b.leak = leak;
        b.reset = reset;
        b.refractory = refractory;
        return b;
    }

    /** Membrane time constant, seconds. */
    public double tauMem() {
        return tauMem;
    }

    /** Number of receptors (synaptic current types). */
    public int receptorCount() {
        return receptorNames.length;
    }

    /** Name of receptor k. */
    public String receptorName(int k) {
        return receptorNames[k];
    }

    /** Time constant of receptor k, seconds. */
    public double receptorTau(int k) {
        return receptorTaus[k];
    }

    /** True if receptor k is a delta synapse (time constant 0): its arrivals jump the membrane potential. */
    public boolean isDeltaReceptor(int k) {
        return receptorTaus[k] == 0;
    }

    /** True if at least one receptor is a delta synapse. */
    public boolean hasDeltaReceptor() {
        for (double tau : receptorTaus) {
            if (tau == 0) {
                return true;
            }
        }
        return false;
    }

    /** Index of the named receptor, or -1. */
    public int receptorIndex(String name) {
        for (int k = 0; k < receptorNames.length; k++) {
            if (receptorNames[k].equals(name)) {
                return k;
            }
        }
        return -1;
    }

    /** Receptor names, by index. */
    public List<String> receptorNames() {
        return List.of(receptorNames);
    }

    /** True when the population has a single receptor declared through {@code tauSyn}. */
    public boolean hasSingleDefaultReceptor() {
        return receptorNames.length == 1 && DEFAULT_RECEPTOR.equals(receptorNames[0]);
    }

    /** Firing threshold of the membrane potential. */
    public double threshold() {
        return threshold;
    }

    /** Leak (resting) potential. */
    public double leak() {
        return leak;
    }

    /** Potential after a spike. */
    public double reset() {
        return reset;
    }

    /** Time the membrane is held at reset after a spike, seconds. */
    public double refractory() {
        return refractory;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof NeuronParameters)) {
            return false;
        }
        NeuronParameters p = (NeuronParameters) o;
        return Double.compare(tauMem, p.tauMem) == 0 && Arrays.equals(receptorNames, p.receptorNames)
                && Arrays.equals(receptorTaus, p.receptorTaus) && Double.compare(threshold, p.threshold) == 0
                && Double.compare(leak, p.leak) == 0 && Double.compare(reset, p.reset) == 0
                && Double.compare(refractory, p.refractory) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new double[] {tauMem, threshold, leak, reset, refractory})
                + 31 * Arrays.hashCode(receptorTaus);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("NeuronParameters{tauMem=").append(tauMem);
        for (int k = 0; k < receptorNames.length; k++) {
            s.append(", ").append(receptorNames[k]).append('=').append(receptorTaus[k]);
        }
        return s.append(", threshold=").append(threshold).append(", leak=").append(leak)
                .append(", reset=").append(reset).append(", refractory=").append(refractory).append('}').toString();
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private double tauMem = DEFAULT_TAU_MEM;
        private String[] receptorNames = {DEFAULT_RECEPTOR};
        private double[] receptorTaus = {DEFAULT_TAU_SYN};
        private double threshold = DEFAULT_THRESHOLD;
        private double leak;
        private double reset;
        private double refractory;

        private Builder() {
        }

        /** Membrane time constant, seconds. */
        public Builder tauMem(double v) {
            tauMem = v;
            return this;
        }

        /** A single receptor, named {@value NeuronParameters#DEFAULT_RECEPTOR}; 0 makes it a delta synapse. */
        public Builder tauSyn(double v) {
            receptorNames = new String[] {DEFAULT_RECEPTOR};
            receptorTaus = new double[] {v};
            return this;
        }

        /** Several named receptors, each with its own time constant (same order as names; 0 for a delta synapse). */
        public Builder receptors(String[] names, double[] taus) {
            if (names.length != taus.length) {
                throw new IllegalArgumentException("receptors: " + names.length + " names but " + taus.length + " taus");
            }
            receptorNames = names.clone();
            receptorTaus = taus.clone();
            return this;
        }

        /** Firing threshold; must exceed reset. */
        public Builder threshold(double v) {
            threshold = v;
            return this;
        }

        /** Leak (resting) potential. */
        public Builder leak(double v) {
            leak = v;
            return this;
        }

        /** Potential after a spike. */
        public Builder reset(double v) {
            reset = v;
            return this;
        }

        /** Time the membrane is held at reset after a spike, seconds (&gt;= 0). */
        public Builder refractory(double v) {
            refractory = v;
            return this;
        }

        /** The parameters, checked (positive finite time constants, threshold above reset, ...). */
        public NeuronParameters build() {
            return new NeuronParameters(this);
        }
    }
}
