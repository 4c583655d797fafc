package org.eventsnn.gradients;

/**
 * Gradients of one loss: with respect to every projection's weights (synapse order, as
 * {@code Projection.weight(s)}) and delays, and to every input spike time (per input
 * population, in the order of the input's trains).
 */
public final class Gradients {
    private final double loss;
    private final double[][] weights;
    private final double[] delays;
    private final double[][] inputTimes;

    Gradients(double loss, double[][] weights, double[] delays, double[][] inputTimes) {
        this.loss = loss;
        this.weights = weights;
        this.delays = delays;
        this.inputTimes = inputTimes;
    }

    public double loss() {
        return loss;
    }

    public int projectionCount() {
        return weights.length;
    }

    /** dL/dw for projection p, synapse order (do not modify). */
    public double[] weights(int p) {
        return weights[p];
    }

    /** dL/d(delay) of projection p. */
    public double delay(int p) {
        return delays[p];
    }

    /** dL/dt of the input spikes of population {@code pop} (network index), input order; empty for LIF populations. */
    public double[] inputTimes(int pop) {
        return inputTimes[pop];
    }
}
