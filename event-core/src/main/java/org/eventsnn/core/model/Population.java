package org.eventsnn.core.model;

import org.eventsnn.core.base.Arguments;

/**
 * A named group of neurons of one kind. LIF populations carry their {@link NeuronParameters},
 * optionally parameters per neuron (a chip's fixed-pattern variation, say), and optionally an
 * initial membrane potential per neuron (default: its leak potential), and optionally a
 * {@link PoissonDrive} of every neuron. A neuron that starts at or above its threshold fires at
 * time 0.
 */
public final class Population {
    private final String name;
    private final PopulationKind kind;
    private final int size;
    private final NeuronParameters params;
    private final double[] initialV;
    /** Parameters of each neuron, or null when all have {@link #params}. */
    private final NeuronParameters[] neuronParams;
    /** The population's Poisson drive, or null. */
    private final PoissonDrive poisson;

    private Population(String name, PopulationKind kind, int size, NeuronParameters params, double[] initialV) {
        this(name, kind, size, params, initialV, null, null);
    }

    private Population(String name, PopulationKind kind, int size, NeuronParameters params, double[] initialV,
                       NeuronParameters[] neuronParams, PoissonDrive poisson) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("population name must not be empty");
        }
        this.name = name;
        this.kind = kind;
        this.size = Arguments.requireAtLeast(size, 1, "population " + name + " size");
        this.params = params;
        if (initialV != null) {
            if (initialV.length != size) {
                throw new IllegalArgumentException("population " + name + " initialV has " + initialV.length
                        + " values for " + size + " neurons");
            }
            for (int i = 0; i < size; i++) {
                Arguments.requireFinite(initialV[i], "population " + name + " initialV[" + i + "]");
            }
        }
        this.initialV = initialV == null ? null : initialV.clone();
        this.neuronParams = neuronParams == null ? null : checkNeuronParams(neuronParams.clone());
        if (poisson != null && poisson.receptor() >= params.receptorCount()) {
            throw new IllegalArgumentException("population " + name + " poisson.receptor " + poisson.receptor()
                    + " is not one of its " + params.receptorCount() + " receptors");
        }
        this.poisson = poisson;
    }

    private NeuronParameters[] checkNeuronParams(NeuronParameters[] each) {
        if (each.length != size) {
            throw new IllegalArgumentException("population " + name + " has " + size + " neurons but " + each.length
                    + " neuron parameters");
        }
        for (int i = 0; i < size; i++) {
            if (each[i] == null) {
                throw new IllegalArgumentException("population " + name + " neuron parameters[" + i + "] is missing");
            }
            if (!each[i].receptorNames().equals(params.receptorNames())) {
                throw new IllegalArgumentException("population " + name + " neuron parameters[" + i + "] have receptors "
                        + each[i].receptorNames() + ", the population " + params.receptorNames());
            }
            for (int k = 0; k < params.receptorCount(); k++) {
                if (each[i].isDeltaReceptor(k) != params.isDeltaReceptor(k)) {
                    throw new IllegalArgumentException("population " + name + " neuron parameters[" + i + "] receptor "
                            + params.receptorName(k) + " has time constant " + each[i].receptorTau(k)
                            + ", the population " + params.receptorTau(k)
                            + " (a receptor is a delta synapse, time constant 0, for all neurons or none)");
                }
            }
            if (Double.compare(each[i].refractory(), params.refractory()) != 0) {
                throw new IllegalArgumentException("population " + name + " neuron parameters[" + i + "] have refractory "
                        + each[i].refractory() + ", the population " + params.refractory()
                        + " (the refractory period is per population)");
            }
        }
        return each;
    }

    /** A population of spike sources. */
    public static Population input(String name, int size) {
        return new Population(name, PopulationKind.INPUT, size, null, null);
    }

    /** A LIF population starting at its leak potential. */
    public static Population lif(String name, int size, NeuronParameters params) {
        return new Population(name, PopulationKind.LIF, size, requireParams(params), null);
    }

    /** A LIF population with a given initial membrane potential per neuron. */
    public static Population lif(String name, int size, NeuronParameters params, double[] initialV) {
        return new Population(name, PopulationKind.LIF, size, requireParams(params), initialV);
    }

    private static NeuronParameters requireParams(NeuronParameters p) {
        if (p == null) {
            throw new IllegalArgumentException("a LIF population needs parameters");
        }
        return p;
    }

    /** The population's name, unique in its network. */
    public String name() {
        return name;
    }

    /** Input (spikes given) or LIF (simulated). */
    public PopulationKind kind() {
        return kind;
    }

    /** True for an input population. */
    public boolean isInput() {
        return kind == PopulationKind.INPUT;
    }

    /** Number of neurons. */
    public int size() {
        return size;
    }

    /** The population's neuron parameters (nominal when neurons have their own); null for an input population. */
    public NeuronParameters params() {
        return params;
    }

    /** True for a LIF population with a delta-synapse receptor (the same for all its neurons). */
    public boolean hasDeltaReceptor() {
        return params != null && params.hasDeltaReceptor();
    }

    /** Parameters of neuron {@code i}: its own if given, else the population's. */
    public NeuronParameters params(int i) {
        return neuronParams == null ? params : neuronParams[i];
    }

    /** True when neurons have parameters of their own ({@link #withNeuronParams}). */
    public boolean hasNeuronParams() {
        return neuronParams != null;
    }

    /** True when the initial potentials were given explicitly. */
    public boolean hasInitialV() {
        return initialV != null;
    }

    /** Initial membrane potential of neuron {@code i}. */
    public double initialV(int i) {
        return initialV == null ? params(i).leak() : initialV[i];
    }

    /** Same population with other parameters, the same for every neuron. */
    public Population withParams(NeuronParameters p) {
        return new Population(name, kind, size, requireParams(p), initialV, null, poisson);
    }

    /** The Poisson drive of every neuron, or null. */
    public PoissonDrive poisson() {
        return poisson;
    }

    /** Same LIF population with a Poisson drive of each neuron (null: none). */
    public Population withPoisson(PoissonDrive drive) {
        if (isInput()) {
            throw new IllegalArgumentException("population " + name + " is an input population: only LIF neurons take"
                    + " a Poisson drive");
        }
        return new Population(name, kind, size, params, initialV, neuronParams, drive);
    }

    /**
     * Same population with parameters per neuron ({@code each[i]} for neuron i), e.g. a chip's
     * calibrated neurons. They may differ in time constants, threshold, leak and reset; receptor
     * names and the refractory period must be the population's.
     */
    public Population withNeuronParams(NeuronParameters[] each) {
        if (isInput()) {
            throw new IllegalArgumentException("population " + name + " is an input population");
        }
        return new Population(name, kind, size, params, initialV, each, poisson);
    }
}
