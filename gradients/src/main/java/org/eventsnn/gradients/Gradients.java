package org.eventsnn.gradients;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeRecord;

/**
 * Gradients of one loss: with respect to every projection's weights and every synapse's delay
 * (synapse order, as {@code Projection.weight(s)} and {@code Projection.delay(s)}), to each
 * projection's delays shifted together, and to every input spike time (per input population,
 * in the order of the input's trains).
 */
public final class Gradients {
    private final double loss;
    private double[][] weights;
    private final double[] delays;
    private double[][] synapseDelays;
    private final double[][] inputTimes;
    /** Where {@link #weights} goes back on {@link #release}, or null. */
    private WeightGradientPool pool;
    /** Where {@link #synapseDelays} goes back on {@link #release}, or null. */
    private SynapseDelayBuffers delayPool;

    Gradients(double loss, double[][] weights, double[] delays, double[][] synapseDelays, double[][] inputTimes) {
        this(loss, weights, delays, synapseDelays, inputTimes, null, null);
    }

    /**
     * With weight gradients taken from {@code pool} and per-synapse delay gradients from
     * {@code delayPool} (either null), to give back on {@link #release}.
     */
    Gradients(double loss, double[][] weights, double[] delays, double[][] synapseDelays, double[][] inputTimes,
              WeightGradientPool pool, SynapseDelayBuffers delayPool) {
        this.pool = pool;
        this.delayPool = delayPool;
        this.loss = loss;
        this.weights = weights;
        this.delays = delays;
        this.synapseDelays = synapseDelays;
        this.inputTimes = inputTimes;
    }

    /**
     * Weight gradients only, from {@code pool}, for a batch sum, which reads nothing else:
     * {@link #delay}, {@link #delays} and {@link #inputTimes} fail.
     */
    static Gradients weightsOnly(double loss, double[][] weights, WeightGradientPool pool) {
        return new Gradients(loss, weights, null, null, null, pool, null);
    }

    /**
     * Per input population (by network index), dL/dt of each input spike in the order of the
     * input's train: {@code perSpike[s]} for every recorded input spike s, 0 for input spikes a
     * shortened record never reached; empty arrays for LIF populations.
     */
    static double[][] inputTimes(SimulationResult forward, double[] perSpike) {
        Network net = forward.network();
        double[][] out = new double[net.populations().size()][];
        for (int p = 0; p < out.length; p++) {
            out[p] = new double[forward.input().count(net.population(p).name())];
        }
        SpikeRecord rec = forward.record();
        for (int s = 0; s < rec.count(); s++) {
            int idx = rec.inputIndex(s);
            if (idx >= 0) {
                out[net.populationOf(rec.neuron(s))][idx] = perSpike[s];
            }
        }
        return out;
    }

    /**
     * Gives the weight and per-synapse delay gradients back to the pools they came from, for a
     * later sample of the same method, once the caller (a batch sum) has read them; afterwards
     * {@link #weights} fails and {@link #delays} gives null.
     */
    void release() {
        if (pool != null) {
            pool.give(weights);
            pool = null;
        }
        if (delayPool != null && synapseDelays != null) {
            delayPool.give(synapseDelays);
        }
        delayPool = null;
        weights = null;
        synapseDelays = null;
    }

    /** The loss these are gradients of. */
    public double loss() {
        return loss;
    }

    /** Number of projections (as in the network). */
    public int projectionCount() {
        return weights.length;
    }

    /** dL/dw for projection p, synapse order (do not modify). */
    public double[] weights(int p) {
        return weights[p];
    }

    /**
     * dL/d(delay) of projection p; with per-synapse delays, the derivative of shifting all of
     * them by the same amount (the sum of the per-synapse derivatives).
     */
    public double delay(int p) {
        return requireComputed(delays)[p];
    }

    /**
     * dL/d(delay of synapse s) of projection p, synapse order (do not modify): the derivative in
     * one synapse's delay with all others fixed, for one delay per projection as for one per
     * synapse. They sum to {@link #delay(int)} (up to rounding). Null from a method told to
     * leave them out ({@link GradientMethod#withoutSynapseDelayGradients}).
     */
    public double[] delays(int p) {
        return synapseDelays == null ? null : synapseDelays[p];
    }

    private static <T> T requireComputed(T values) {
        if (values == null) {
            throw new IllegalStateException("not computed: these are the weight gradients of a sample of a batch");
        }
        return values;
    }

    /** dL/dt of the input spikes of population {@code pop} (network index), input order; empty for LIF populations. */
    public double[] inputTimes(int pop) {
        return requireComputed(inputTimes)[pop];
    }
}
