package org.eventsnn.core.kernel;

import java.util.Arrays;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.model.Projection;
import org.eventsnn.core.record.SpikeTrains;

/**
 * A feed-forward network simulated layer by layer ({@link KernelLayer}), for training: networks
 * whose LIF populations each share one parameter set with one current receptor, without delays
 * (the Yin-Yang presets'), with {@code tauSyn = tauMem} ({@link EqualTausLayer}, Fast and Deep's)
 * or without refractory period ({@link UnequalTausLayer}). A training sample costs about 0.55-0.6
 * of the event queue's (docs/throughput.md). Its spikes are not the queue's bits: they agree
 * within the budgets stated in docs/exactness.md ("Layer kernels"), property-tested against the
 * queue. Where it does not apply ({@link #unsuitedReason}) or a run cannot complete ({@link #run}
 * returns false), callers use the event queue. Keeps its buffers; one instance per thread.
 */
public final class LayerKernels {
    /**
     * Longest window in membrane time constants for an {@link EqualTausLayer}: the absolute form's sums grow as
     * {@code e^(t/tauMem)} and lose about one bit per doubling of {@code t/tauMem} to cancellation.
     */
    public static final double MAX_WINDOW_IN_TAU_MEM = 8;

    /** Spikes kept per neuron at first; more where a neuron fires more often. */
    private static final int CAPACITY = 4;

    private Network network;
    /** LIF populations in an order where every source comes before its targets. */
    private final int[] order;
    private final KernelLayer[] layers;
    /** Scratch for a layer's inputs, before sorting. */
    private int[] inSlot = new int[64];
    private double[] inTime = new double[64];
    private int[] inOrigin = new int[64];

    /**
     * Kernels for {@code network}.
     *
     * @throws IllegalArgumentException with {@link #unsuitedReason} if it is not null
     */
    public LayerKernels(Network network) {
        String why = unsuitedReason(network);
        if (why != null) {
            throw new IllegalArgumentException("no layer kernels for this network: " + why);
        }
        this.network = network;
        int pops = network.populations().size();
        layers = new KernelLayer[pops];
        boolean[] done = new boolean[pops];
        int lif = 0;
        for (int p = 0; p < pops; p++) {
            done[p] = network.population(p).isInput();
            lif += done[p] ? 0 : 1;
        }
        order = new int[lif];
        for (int n = 0; n < lif; ) { // feed-forward: each pass places at least one population
            for (int p = 0; p < pops; p++) {
                if (!done[p] && sourcesDone(network, p, done)) {
                    NeuronParameters q = network.population(p).params();
                    layers[p] = q.receptorTau(0) == q.tauMem() ? new EqualTausLayer(network, p, CAPACITY)
                            : new UnequalTausLayer(network, p, CAPACITY);
                    order[n++] = p;
                    done[p] = true;
                }
            }
        }
    }

    /**
     * Null if the kernels can simulate {@code net}, else why not: a population is not an input
     * or a plain LIF population sharing one parameter set and starting at rest, with one
     * current receptor, {@code threshold > leak}, and no refractory period unless
     * {@code tauSyn = tauMem}; a projection has
     * delays, is not stored, or duplicates another between the same populations; the network
     * is not feed-forward.
     */
    public static String unsuitedReason(Network net) {
        if (!net.isFeedForward()) {
            return "it is not feed-forward";
        }
        for (Population pop : net.populations()) {
            if (pop.poisson() != null) {
                return "population " + pop.name() + " has a Poisson drive";
            }
            if (pop.isInput()) {
                continue;
            }
            NeuronParameters p = pop.params();
            if (pop.hasNeuronParams() || pop.hasInitialV()) {
                return "population " + pop.name() + " has per-neuron parameters or initial potentials";
            }
            if (p.receptorCount() != 1 || p.isDeltaReceptor(0)) {
                return "population " + pop.name() + " does not have one current receptor";
            }
            if (p.receptorTau(0) != p.tauMem() && p.refractory() != 0) {
                return "population " + pop.name() + " has tauSyn != tauMem and a refractory period";
            }
            if (!(p.threshold() - p.leak() > 0)) {
                return "population " + pop.name() + " has threshold <= leak";
            }
        }
        for (int i = 0; i < net.projections().size(); i++) {
            Projection j = net.projection(i);
            if (!j.isStored() || j.hasSynapseDelays() || j.delay() != 0) {
                return "projection " + i + " has delays or generated synapses";
            }
            for (int k = 0; k < i; k++) {
                if (net.projection(k).source() == j.source() && net.projection(k).target() == j.target()) {
                    return "projections " + k + " and " + i + " join the same populations";
                }
            }
        }
        return null;
    }

    /** True if these kernels, made for a network like {@code other}, can take its weights ({@link #useWeightsOf}). */
    public boolean fits(Network other) {
        return other == network || network.differsOnlyInWeights(other);
    }

    /** From now on, simulates {@code other}, which differs from the current network only in its weights ({@link #fits}). */
    public void useWeightsOf(Network other) {
        if (other == network) {
            return;
        }
        if (!network.differsOnlyInWeights(other)) {
            throw new IllegalArgumentException("the network differs in more than its weights");
        }
        network = other;
        for (int p : order) {
            layers[p].loadWeights(other);
        }
    }

    /** The network simulated. */
    public Network network() {
        return network;
    }

    /**
     * Simulates every LIF population over {@code input}'s window, every spike of it. Returns
     * false, leaving the results incomplete, if the window is longer than
     * {@link #MAX_WINDOW_IN_TAU_MEM} of the tauMem of an {@link EqualTausLayer} or a neuron fires
     * more than 256 times; the caller then uses the event queue.
     *
     * @throws IllegalArgumentException if {@code input} is not an input of the network
     */
    public boolean run(SpikeTrains input) {
        return run(input, -1);
    }

    /**
     * {@link #run(SpikeTrains)}, but the neurons of LIF population {@code firstSpikesOf}, which
     * must feed no other population, stop at their first spike (all a first-spike readout needs;
     * -1: none stop).
     *
     * @throws IllegalArgumentException if {@code input} is not an input of the network, or
     *     {@code firstSpikesOf} is not -1 or a LIF population that feeds none
     */
    public boolean run(SpikeTrains input, int firstSpikesOf) {
        if (firstSpikesOf != -1 && (firstSpikesOf < 0 || firstSpikesOf >= layers.length || layers[firstSpikesOf] == null
                || feedsAnother(firstSpikesOf))) {
            throw new IllegalArgumentException("firstSpikesOf: population " + firstSpikesOf
                    + " is not a LIF population that feeds no other");
        }
        for (int p : order) {
            layers[p].firstSpikeOnly = p == firstSpikesOf;
        }
        input.requireInputOf(network); // once per input and network layout
        double duration = input.duration();
        for (int p : order) {
            if (layers[p] instanceof EqualTausLayer && !(duration * layers[p].alpha() <= MAX_WINDOW_IN_TAU_MEM)) {
                return false;
            }
        }
        for (int p : order) {
            int m = gather(layers[p], input); // before reading the scratch arrays, which it may replace
            if (!layers[p].run(inSlot, inTime, inOrigin, m, duration)) {
                return false;
            }
        }
        return true;
    }

    /** Collects every spike of the layer's sources into the scratch arrays; returns their number. */
    private int gather(KernelLayer layer, SpikeTrains input) {
        int m = 0;
        for (int q = 0; q < network.populations().size(); q++) {
            if (layer.slotOf(q, 0) < 0) {
                continue;
            }
            Population src = network.population(q);
            if (src.isInput()) {
                ensure(m + input.count(src.name()));
                int n = input.copyInto(src.name(), inSlot, inTime, m);
                int base = layer.slotOf(q, 0);
                for (int i = 0; i < n; i++) {
                    inSlot[m] += base;
                    inOrigin[m++] = i;
                }
            } else {
                KernelLayer from = layers[q];
                for (int h = 0; h < from.neurons(); h++) {
                    int c = from.spikeCount(h);
                    ensure(m + c);
                    for (int k = 0; k < c; k++) {
                        inSlot[m] = layer.slotOf(q, h);
                        inTime[m] = from.spikeTime(h, k);
                        inOrigin[m++] = k;
                    }
                }
            }
        }
        return m;
    }

    private void ensure(int size) {
        if (inSlot.length < size) {
            int n = Math.max(size, 2 * inSlot.length);
            inSlot = Arrays.copyOf(inSlot, n);
            inTime = Arrays.copyOf(inTime, n);
            inOrigin = Arrays.copyOf(inOrigin, n);
        }
    }

    /** The kernel of LIF population {@code p} (network index), with the last run's state; null for an input population. */
    public KernelLayer layer(int p) {
        return layers[p];
    }

    /** LIF populations in simulation order (every source before its targets). */
    public int[] order() {
        return order.clone();
    }

    /** Spikes of neuron {@code i} of LIF population {@code p} in the last complete run. */
    public int spikeCount(int p, int i) {
        return layers[p].spikeCount(i);
    }

    /** Time of spike {@code c} of neuron {@code i} of LIF population {@code p} in the last complete run. */
    public double spikeTime(int p, int i, int c) {
        return layers[p].spikeTime(i, c);
    }

    private boolean feedsAnother(int p) {
        for (int i = 0; i < network.projections().size(); i++) { // no iterator: called for every run
            if (network.projection(i).source() == p) {
                return true;
            }
        }
        return false;
    }

    private static boolean sourcesDone(Network net, int p, boolean[] done) {
        for (Projection j : net.projections()) {
            if (j.target() == p && !done[j.source()]) {
                return false;
            }
        }
        return true;
    }
}
