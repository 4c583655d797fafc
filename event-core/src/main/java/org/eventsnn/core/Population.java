package org.eventsnn.core;

/**
 * A named group of neurons of one kind. LIF populations carry their {@link NeuronParameters}
 * and optionally an initial membrane potential per neuron (default: the leak potential). A
 * neuron that starts at or above its threshold fires at time 0.
 */
public final class Population {
    private final String name;
    private final PopulationKind kind;
    private final int size;
    private final NeuronParameters params;
    private final double[] initialV;

    private Population(String name, PopulationKind kind, int size, NeuronParameters params, double[] initialV) {
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

    public String name() {
        return name;
    }

    public PopulationKind kind() {
        return kind;
    }

    public boolean isInput() {
        return kind == PopulationKind.INPUT;
    }

    public int size() {
        return size;
    }

    /** The neuron parameters; null for an input population. */
    public NeuronParameters params() {
        return params;
    }

    /** True when the initial potentials were given explicitly. */
    public boolean hasInitialV() {
        return initialV != null;
    }

    /** Initial membrane potential of neuron {@code i}. */
    public double initialV(int i) {
        return initialV == null ? params.leak() : initialV[i];
    }

    /** Same population with other parameters. */
    public Population withParams(NeuronParameters p) {
        return new Population(name, kind, size, requireParams(p), initialV);
    }
}
