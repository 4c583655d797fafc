package org.eventsnn.core.model;

import org.eventsnn.core.base.SplitMix64;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable, validated network: populations and the projections between them. Every neuron
 * also has a global index: populations are laid out one after another in declaration order.
 * Build one with {@link #builder()}, or read one with {@code ModelFiles}.
 */
public final class Network {
    private final List<Population> populations;
    private final List<Projection> projections;
    private final Map<String, Integer> populationIndex;
    private final int[] offsets;
    private final int[][] outgoing;

    private Network(List<Population> populations, List<Projection> projections) {
        this.populations = List.copyOf(populations);
        this.projections = List.copyOf(projections);
        this.populationIndex = new HashMap<>();
        this.offsets = new int[populations.size() + 1];
        for (int p = 0; p < populations.size(); p++) {
            populationIndex.put(populations.get(p).name(), p);
            offsets[p + 1] = Math.addExact(offsets[p], populations.get(p).size());
        }
        int[] counts = new int[populations.size()];
        for (Projection pr : projections) {
            counts[pr.source()]++;
        }
        this.outgoing = new int[populations.size()][];
        for (int p = 0; p < counts.length; p++) {
            outgoing[p] = new int[counts[p]];
            counts[p] = 0;
        }
        for (int j = 0; j < projections.size(); j++) {
            int s = projections.get(j).source();
            outgoing[s][counts[s]++] = j;
        }
        requireNoInstantCycle();
    }

    /**
     * Refuses a cycle of projections with a zero delay onto delta synapses of populations without
     * a refractory period: a spike could then cause itself at its own instant, again and again.
     */
    private void requireNoInstantCycle() {
        int n = populations.size();
        int[] state = new int[n]; // 0 unvisited, 1 on the current path, 2 done
        for (int p = 0; p < n; p++) {
            if (populations.get(p).hasDeltaReceptor() && state[p] == 0) {
                int closing = instantCycleFrom(p, state);
                if (closing >= 0) {
                    Projection pr = projections.get(closing);
                    throw new IllegalArgumentException("projection " + closing + " (" + populations.get(pr.source()).name()
                            + " -> " + populations.get(pr.target()).name() + ") closes a cycle of zero-delay projections onto"
                            + " delta synapses (time constant 0) without a refractory period, so a spike could cause itself"
                            + " at its own instant: give one of them a delay > 0 or its target a refractory period");
                }
            }
        }
    }

    /** The projection closing a zero-delay delta cycle reachable from p, or -1. */
    private int instantCycleFrom(int p, int[] state) {
        state[p] = 1;
        for (int j : outgoing[p]) {
            Projection pr = projections.get(j);
            Population target = populations.get(pr.target());
            boolean empty = pr.isStored() && pr.synapseCount() == 0;
            if (empty || pr.minDelay() > 0 || !target.hasDeltaReceptor() || !target.params().isDeltaReceptor(pr.receptor())
                    || target.params().refractory() > 0) {
                continue;
            }
            int t = pr.target();
            if (state[t] == 1) {
                return j;
            }
            if (state[t] == 0) {
                int found = instantCycleFrom(t, state);
                if (found >= 0) {
                    return found;
                }
            }
        }
        state[p] = 2;
        return -1;
    }

    /** A builder: add populations, then connect them, then {@code build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The populations in the order they were added (unmodifiable). */
    public List<Population> populations() {
        return populations;
    }

    /** Population number {@code p}. */
    public Population population(int p) {
        return populations.get(p);
    }

    /**
     * Index of the named population.
     *
     * @throws IllegalArgumentException naming {@code name} and the valid names if there is no such population
     */
    public int populationIndex(String name) {
        Integer i = populationIndex.get(name);
        if (i == null) {
            throw new IllegalArgumentException("no population " + quoted(name) + " in the network; populations: "
                    + populationIndex.keySet().stream().map(Network::quoted).sorted().toList());
        }
        return i;
    }

    /** True if the network has a population of that name. */
    public boolean hasPopulation(String name) {
        return populationIndex.containsKey(name);
    }

    private static String quoted(String name) {
        return "'" + name + "'";
    }

    /** The projections in the order they were added (unmodifiable). */
    public List<Projection> projections() {
        return projections;
    }

    /** Projection number {@code j}. */
    public Projection projection(int j) {
        return projections.get(j);
    }

    /** Global index of neuron 0 of population {@code p}. */
    public int offset(int p) {
        return offsets[p];
    }

    /** Total number of neurons, inputs included. */
    public int neuronCount() {
        return offsets[populations.size()];
    }

    /** Population of global neuron {@code g}. */
    public int populationOf(int g) {
        int lo = 0;
        int hi = populations.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (offsets[mid] <= g) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Number of projections leaving population {@code p}. */
    public int outgoingCount(int p) {
        return outgoing[p].length;
    }

    /** The {@code k}-th projection leaving population {@code p}. */
    public int outgoing(int p, int k) {
        return outgoing[p][k];
    }

    /** True if some population has Poisson drive. */
    public boolean hasPoissonDrive() {
        return populations.stream().anyMatch(p -> p.poisson() != null);
    }

    /** True when no chain of projections leads from a population back to itself. */
    public boolean isFeedForward() {
        int n = populations.size();
        int[] state = new int[n]; // 0 unvisited, 1 on the current path, 2 done
        for (int p = 0; p < n; p++) {
            if (state[p] == 0 && reachesCycle(p, state)) {
                return false;
            }
        }
        return true;
    }

    private boolean reachesCycle(int p, int[] state) {
        state[p] = 1;
        for (int j : outgoing[p]) {
            int t = projections.get(j).target();
            if (state[t] == 1 || (state[t] == 0 && reachesCycle(t, state))) {
                return true;
            }
        }
        state[p] = 2;
        return false;
    }

    /**
     * This network with every projection held as before compact storage (4-byte targets, 8-byte
     * weights and delays): the reference that tests compare the compact storage with.
     */
    Network withPlainStorage() {
        List<Projection> copy = new ArrayList<>();
        for (Projection pr : projections) {
            copy.add(pr.withPlainStorage());
        }
        return new Network(populations, copy);
    }

    /** This network with projection {@code j}'s weights replaced (synapse order). */
    public Network withWeights(int j, double[] weights) {
        List<Projection> copy = new ArrayList<>(projections);
        copy.set(j, projections.get(j).withWeights(weights));
        return new Network(populations, copy);
    }

    /**
     * True if {@code other} has this network's populations (the same objects) and projections
     * differing at most in weights, as {@link #withAllWeights} and {@link #withWeights} make it.
     */
    public boolean differsOnlyInWeights(Network other) {
        return sameLayout(other, Projection::differsOnlyInWeights);
    }

    /**
     * True if {@code other} has this network's populations (the same objects) and projections
     * differing at most in weights and, where both have a delay per synapse, in those delays
     * (with the same number of synapses from each source neuron), as delay learning makes it
     * with {@link #withAllWeights} and {@link #withDelays}.
     */
    public boolean differsOnlyInWeightsAndSynapseDelays(Network other) {
        return sameLayout(other, Projection::differsOnlyInWeightsAndSynapseDelays);
    }

    /** True if {@code other} has this network's populations (the same objects) and each projection pair passes {@code same}. */
    private boolean sameLayout(Network other, java.util.function.BiPredicate<Projection, Projection> same) {
        if (other.populations.size() != populations.size() || other.projections.size() != projections.size()) {
            return false;
        }
        for (int p = 0; p < populations.size(); p++) {
            if (other.populations.get(p) != populations.get(p)) {
                return false;
            }
        }
        for (int j = 0; j < projections.size(); j++) {
            if (!same.test(projections.get(j), other.projections.get(j))) {
                return false;
            }
        }
        return true;
    }

    /** This network with every projection's weights replaced ({@code weights[j]} in synapse order). */
    public Network withAllWeights(double[][] weights) {
        return withAllWeights(weights, false);
    }

    /**
     * {@link #withAllWeights}, each weight held as a plain double (8 bytes) instead of in the
     * most compact lossless form, which takes a hash of every weight to find: for networks
     * replaced after every training batch. The same weights, bit for bit.
     */
    public Network withAllWeightsAsDoubles(double[][] weights) {
        return withAllWeights(weights, true);
    }

    private Network withAllWeights(double[][] weights, boolean asDoubles) {
        if (weights.length != projections.size()) {
            throw new IllegalArgumentException("weights: expected " + projections.size() + " projections, got " + weights.length);
        }
        List<Projection> copy = new ArrayList<>(projections);
        for (int j = 0; j < weights.length; j++) {
            Projection p = projections.get(j);
            copy.set(j, asDoubles ? p.withWeightsAsDoubles(weights[j]) : p.withWeights(weights[j]));
        }
        return new Network(populations, copy);
    }

    /** This network with projection {@code j}'s delay replaced: one delay for all its synapses. */
    public Network withDelay(int j, double delay) {
        List<Projection> copy = new ArrayList<>(projections);
        copy.set(j, projections.get(j).withDelay(delay));
        return new Network(populations, copy);
    }

    /** This network with a delay per synapse of projection {@code j} ({@code delays} in synapse order). */
    public Network withDelays(int j, double[] delays) {
        List<Projection> copy = new ArrayList<>(projections);
        copy.set(j, projections.get(j).withDelays(delays));
        return new Network(populations, copy);
    }

    /** The smallest synaptic delay of any projection; +infinity without projections. */
    public double minDelay() {
        double m = Double.POSITIVE_INFINITY;
        for (Projection p : projections) {
            m = Math.min(m, p.minDelay());
        }
        return m;
    }

    /** This network with population {@code p}'s parameters replaced (its receptors must still exist). */
    public Network withParams(int p, NeuronParameters params) {
        if (populations.get(p).isInput()) {
            throw new IllegalArgumentException("population " + populations.get(p).name() + " is an input population");
        }
        for (Projection pr : projections) {
            if (pr.target() == p && pr.receptor() >= params.receptorCount()) {
                throw new IllegalArgumentException("new parameters of " + populations.get(p).name()
                        + " lack receptor " + pr.receptor());
            }
        }
        List<Population> copy = new ArrayList<>(populations);
        copy.set(p, populations.get(p).withParams(params));
        return new Network(copy, projections);
    }

    /** This network with a parameter set per neuron of population {@code p} (see {@link Population#withNeuronParams}). */
    public Network withNeuronParams(int p, NeuronParameters[] each) {
        List<Population> copy = new ArrayList<>(populations);
        copy.set(p, populations.get(p).withNeuronParams(each));
        return new Network(copy, projections);
    }

    /**
     * Collects populations and projections, validating each as it is added: names must be
     * unique, sources must exist, targets must be LIF populations, receptors must exist.
     */
    public static final class Builder {
        private final List<Population> populations = new ArrayList<>();
        private final List<Projection> projections = new ArrayList<>();
        private final Map<String, Integer> index = new HashMap<>();

        private Builder() {
        }

        /** Adds a population; its name must be new. */
        public Builder add(Population p) {
            if (index.containsKey(p.name())) {
                throw new IllegalArgumentException("population name " + p.name() + " is used twice");
            }
            index.put(p.name(), populations.size());
            populations.add(p);
            return this;
        }

        /**
         * Dense projection onto the target's only receptor: {@code weights[i][j]} from source
         * neuron i to target neuron j.
         */
        public Builder connectDense(String source, String target, double delay, double[][] weights) {
            return connectDense(source, target, null, delay, weights);
        }

        /**
         * Dense projection: {@code weights[i][j]} from source neuron i to target neuron j, onto
         * {@code receptor} (null: the target's only receptor).
         */
        public Builder connectDense(String source, String target, String receptor, double delay, double[][] weights) {
            return connectDense(source, target, receptor, delay, null, weights);
        }

        /**
         * Dense projection with a delay per synapse: {@code delays[i][j]} and {@code weights[i][j]}
         * from source neuron i to target neuron j.
         */
        public Builder connectDense(String source, String target, String receptor, double[][] delays,
                                    double[][] weights) {
            return connectDense(source, target, receptor, Double.NaN, java.util.Objects.requireNonNull(delays, "delays"),
                    weights);
        }

        private Builder connectDense(String source, String target, String receptor, double delay, double[][] delays,
                                     double[][] weights) {
            int s = require(source, "source");
            int t = requireLif(target);
            int ns = populations.get(s).size();
            int nt = populations.get(t).size();
            if (weights.length != ns) {
                throw new IllegalArgumentException("weights has " + weights.length + " rows, source " + source
                        + " has " + ns + " neurons");
            }
            int[] pre = new int[ns * nt];
            int[] post = new int[ns * nt];
            double[] w = new double[ns * nt];
            double[] d = delays == null ? null : new double[ns * nt];
            if (delays != null && delays.length != ns) {
                throw new IllegalArgumentException("delays has " + delays.length + " rows, source " + source
                        + " has " + ns + " neurons");
            }
            for (int i = 0; i < ns; i++) {
                if (weights[i] == null || weights[i].length != nt) {
                    throw new IllegalArgumentException("weights[" + i + "] has " + (weights[i] == null ? 0 : weights[i].length)
                            + " columns, target " + target + " has " + nt + " neurons");
                }
                if (delays != null && (delays[i] == null || delays[i].length != nt)) {
                    throw new IllegalArgumentException("delays[" + i + "] has " + (delays[i] == null ? 0 : delays[i].length)
                            + " columns, target " + target + " has " + nt + " neurons");
                }
                for (int j = 0; j < nt; j++) {
                    pre[i * nt + j] = i;
                    post[i * nt + j] = j;
                    w[i * nt + j] = weights[i][j];
                    if (d != null) {
                        d[i * nt + j] = delays[i][j];
                    }
                }
            }
            return add(s, t, receptor, delay, d, SynapseLayout.DENSE, null, pre, post, w);
        }

        /** Explicit synapse list: synapse k from {@code pre[k]} to {@code post[k]} with weight {@code w[k]}. */
        public Builder connectList(String source, String target, String receptor, double delay,
                                   int[] pre, int[] post, double[] w) {
            int s = require(source, "source");
            int t = requireLif(target);
            // no copies: the projection encodes the synapses into arrays of its own
            return add(s, t, receptor, delay, null, SynapseLayout.LIST, null, pre, post, w);
        }

        /**
         * Explicit synapse list with a delay per synapse: synapse k from {@code pre[k]} to
         * {@code post[k]} with delay {@code delays[k]} and weight {@code w[k]}.
         */
        public Builder connectList(String source, String target, String receptor, double[] delays,
                                   int[] pre, int[] post, double[] w) {
            int s = require(source, "source");
            int t = requireLif(target);
            return add(s, t, receptor, Double.NaN, delays, SynapseLayout.LIST, null, pre, post, w);
        }

        /**
         * Random projection: each (source i, target j) pair, in order i then j, is connected when
         * the next {@link SplitMix64#nextDouble()} drawn from {@code seed} is below {@code probability}.
         */
        public Builder connectRandom(String source, String target, String receptor, double delay,
                                     Projection.RandomConnectivity spec) {
            int s = require(source, "source");
            int t = requireLif(target);
            int ns = populations.get(s).size();
            int nt = populations.get(t).size();
            SplitMix64 rng = new SplitMix64(spec.seed());
            int[] rowStart = new int[ns + 1];
            org.eclipse.collections.impl.list.mutable.primitive.IntArrayList post =
                    new org.eclipse.collections.impl.list.mutable.primitive.IntArrayList();
            for (int i = 0; i < ns; i++) {
                for (int j = 0; j < nt; j++) {
                    if (rng.nextDouble() < spec.probability()) {
                        post.add(j);
                    }
                }
                rowStart[i + 1] = post.size();
            }
            // drawn by source then target: the rows are in synapse order, every weight the same
            projections.add(Projection.byRows(s, t, nt, receptorIndex(t, receptor), delay, SynapseLayout.RANDOM, spec,
                    rowStart, post, spec.weight()));
            return this;
        }

        /**
         * Procedural projection: synapses generated by {@code rule} from (seed, source neuron)
         * whenever a source neuron spikes, or once and stored if the rule says {@code store}.
         */
        public Builder connectProcedural(String source, String target, String receptor, ProceduralConnectivity rule) {
            int s = require(source, "source");
            int t = requireLif(target);
            int k = receptorIndex(t, receptor);
            projections.add(Projection.procedural(s, populations.get(s).size(), t, populations.get(t).size(), k, rule));
            return this;
        }

        private Builder add(int s, int t, String receptor, double delay, double[] delays, SynapseLayout layout,
                            Projection.RandomConnectivity spec, int[] pre, int[] post, double[] w) {
            int k = receptorIndex(t, receptor);
            projections.add(new Projection(s, populations.get(s).size(), t, populations.get(t).size(), k, delay,
                    delays, layout, spec, pre, post, w));
            return this;
        }

        private int receptorIndex(int t, String receptor) {
            NeuronParameters params = populations.get(t).params();
            int k;
            if (receptor == null) {
                if (params.receptorCount() != 1) {
                    throw new IllegalArgumentException("receptor must name one of " + params.receptorNames()
                            + " of target " + populations.get(t).name());
                }
                k = 0;
            } else {
                k = params.receptorIndex(receptor);
                if (k < 0) {
                    throw new IllegalArgumentException("receptor " + receptor + " is not one of "
                            + params.receptorNames() + " of target " + populations.get(t).name());
                }
            }
            return k;
        }

        private int require(String name, String role) {
            Integer i = index.get(name);
            if (i == null) {
                throw new IllegalArgumentException(role + " population " + name + " does not exist; populations: "
                        + index.keySet().stream().sorted().toList());
            }
            return i;
        }

        private int requireLif(String name) {
            int t = require(name, "target");
            if (populations.get(t).isInput()) {
                throw new IllegalArgumentException("target population " + name + " is an input population");
            }
            return t;
        }

        /** The network; at least one population is required. */
        public Network build() {
            if (populations.isEmpty()) {
                throw new IllegalArgumentException("a network needs at least one population");
            }
            return new Network(Collections.unmodifiableList(populations), projections);
        }
    }
}
