package org.eventsnn.gradients;

import org.eventsnn.core.base.Arguments;

/**
 * Cross-entropy over the maximum membrane potentials of an output population (the EventProp
 * paper's MNIST loss): {@code L = -log softmax(Vmax / scale)[label]}. A neuron that fired has
 * reached its threshold, which is then its maximum, with no gradient through it.
 */
public final class MaxVoltageCrossEntropy {
    private final double scale;

    /** With {@code scale} 1: softmax over the raw maxima. */
    public MaxVoltageCrossEntropy() {
        this(1);
    }

    /** Softmax over the maxima divided by {@code scale} (&gt; 0). */
    public MaxVoltageCrossEntropy(double scale) {
        this.scale = Arguments.requirePositive(scale, "scale");
    }

    /** The loss; writes dL/dVmax_j into {@code gradient}. */
    public double evaluate(double[] vmax, int label, double[] gradient) {
        Arguments.requireIndex(label, vmax.length, "label");
        double max = Double.NEGATIVE_INFINITY;
        for (double v : vmax) {
            max = Math.max(max, v / scale);
        }
        double sum = 0;
        for (double v : vmax) {
            sum += Math.exp(v / scale - max);
        }
        double logSumExp = max + Math.log(sum);
        for (int j = 0; j < vmax.length; j++) {
            gradient[j] = (Math.exp(vmax[j] / scale - logSumExp) - (j == label ? 1 : 0)) / scale;
        }
        return logSumExp - vmax[label] / scale;
    }
}
