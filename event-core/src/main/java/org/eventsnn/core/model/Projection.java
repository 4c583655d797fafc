package org.eventsnn.core.model;

import org.eventsnn.core.base.Arguments;

import java.util.Arrays;

/**
 * Synapses from one population to a LIF population, all with the same receptor and delay.
 * Synapses are numbered in the order of the model file ({@link SynapseLayout}); the engine
 * reads them grouped by source neuron (compressed rows), built once here.
 */
public final class Projection {
    private final int source;
    private final int target;
    private final int receptor;
    private final double delay;
    private final SynapseLayout layout;
    private final RandomConnectivity random;
    private final int[] pre;
    private final int[] post;
    private final double[] weights;
    // compressed rows by source neuron, shared between copies with other weights
    private final int[] rowStart;
    private final int[] rowSynapse;
    private final int[] rowPost;
    private final double[] rowWeight;

    Projection(int source, int sourceSize, int target, int targetSize, int receptor, double delay,
               SynapseLayout layout, RandomConnectivity random, int[] pre, int[] post, double[] weights) {
        this.source = source;
        this.target = target;
        this.receptor = receptor;
        this.delay = Arguments.requireNonNegative(delay, "delay");
        this.layout = layout;
        this.random = random;
        if (pre.length != post.length || pre.length != weights.length) {
            throw new IllegalArgumentException("synapse lists differ in length: source " + pre.length
                    + ", target " + post.length + ", weight " + weights.length);
        }
        for (int s = 0; s < pre.length; s++) {
            Arguments.requireIndex(pre[s], sourceSize, "source[" + s + "]");
            Arguments.requireIndex(post[s], targetSize, "target[" + s + "]");
            Arguments.requireFinite(weights[s], "weight[" + s + "]");
        }
        this.pre = pre;
        this.post = post;
        this.weights = weights;
        this.rowStart = new int[sourceSize + 1];
        for (int p : pre) {
            rowStart[p + 1]++;
        }
        for (int i = 0; i < sourceSize; i++) {
            rowStart[i + 1] += rowStart[i];
        }
        int[] fill = Arrays.copyOf(rowStart, sourceSize);
        this.rowSynapse = new int[pre.length];
        for (int s = 0; s < pre.length; s++) {
            rowSynapse[fill[pre[s]]++] = s;
        }
        this.rowPost = new int[pre.length];
        for (int r = 0; r < pre.length; r++) {
            rowPost[r] = post[rowSynapse[r]];
        }
        this.rowWeight = rowWeights(weights);
    }

    private Projection(Projection p, double[] weights, double delay) {
        this.source = p.source;
        this.target = p.target;
        this.receptor = p.receptor;
        this.delay = Arguments.requireNonNegative(delay, "delay");
        this.layout = p.layout;
        this.random = p.random;
        this.pre = p.pre;
        this.post = p.post;
        this.weights = weights;
        this.rowStart = p.rowStart;
        this.rowSynapse = p.rowSynapse;
        this.rowPost = p.rowPost;
        this.rowWeight = rowWeights(weights);
    }

    private double[] rowWeights(double[] w) {
        double[] r = new double[w.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = w[rowSynapse[i]];
        }
        return r;
    }

    /** This projection with other weights (same synapses, in synapse order). */
    Projection withWeights(double[] newWeights) {
        if (newWeights.length != weights.length) {
            throw new IllegalArgumentException("weights: expected " + weights.length + " values, got " + newWeights.length);
        }
        double[] w = newWeights.clone();
        for (int s = 0; s < w.length; s++) {
            Arguments.requireFinite(w[s], "weight[" + s + "]");
        }
        return new Projection(this, w, delay);
    }

    /**
     * True if {@code o} has this projection's synapses (the same arrays, as copies with other
     * weights share them), source, target, receptor and delay: it differs at most in weights.
     */
    boolean differsOnlyInWeights(Projection o) {
        return source == o.source && target == o.target && receptor == o.receptor
                && Double.compare(delay, o.delay) == 0 && pre == o.pre && post == o.post && rowStart == o.rowStart
                && rowSynapse == o.rowSynapse && rowPost == o.rowPost;
    }

    /** This projection with another delay. */
    Projection withDelay(double newDelay) {
        return new Projection(this, weights, newDelay);
    }

    /** Index of the source population in its network. */
    public int source() {
        return source;
    }

    /** Index of the target population in its network. */
    public int target() {
        return target;
    }

    /** Index of the target's receptor that this projection feeds. */
    public int receptor() {
        return receptor;
    }

    /** Delay of every synapse, seconds. */
    public double delay() {
        return delay;
    }

    /** How the synapses were given: dense weights, a connection list or random connectivity. */
    public SynapseLayout layout() {
        return layout;
    }

    /** The generator settings of a {@link SynapseLayout#RANDOM} projection, else null. */
    public RandomConnectivity random() {
        return random;
    }

    /** Number of synapses. */
    public int synapseCount() {
        return pre.length;
    }

    /** Source neuron (index within the source population) of synapse {@code s}. */
    public int pre(int s) {
        return pre[s];
    }

    /** Target neuron (index within the target population) of synapse {@code s}. */
    public int post(int s) {
        return post[s];
    }

    /** Weight of synapse {@code s}. */
    public double weight(int s) {
        return weights[s];
    }

    /** A copy of all weights in synapse order. */
    public double[] weights() {
        return weights.clone();
    }

    /** First compressed-row slot of source neuron {@code i}; its row ends at {@code rowStart(i + 1)}. */
    public int rowStart(int i) {
        return rowStart[i];
    }

    /** Synapse number of compressed-row slot {@code r}. */
    public int rowSynapse(int r) {
        return rowSynapse[r];
    }

    /** Target neuron of compressed-row slot {@code r}. */
    public int rowPost(int r) {
        return rowPost[r];
    }

    /** Weight of compressed-row slot {@code r}. */
    public double rowWeight(int r) {
        return rowWeight[r];
    }

    /** Settings of a randomly connected projection: probability, weight of every synapse, seed. */
    public static final class RandomConnectivity {
        private final double probability;
        private final double weight;
        private final long seed;

        /** Connect each pair with {@code probability}, every synapse of {@code weight}, drawn from {@code seed}. */
        public RandomConnectivity(double probability, double weight, long seed) {
            this.probability = Arguments.requireProbability(probability, "random.probability");
            this.weight = Arguments.requireFinite(weight, "random.weight");
            this.seed = seed;
        }

        /** Probability that a (source, target) pair is connected. */
        public double probability() {
            return probability;
        }

        /** Weight of every synapse. */
        public double weight() {
            return weight;
        }

        /** Seed of the SplitMix64 stream that decides the connections. */
        public long seed() {
            return seed;
        }
    }
}
