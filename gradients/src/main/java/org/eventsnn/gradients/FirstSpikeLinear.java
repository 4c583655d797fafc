package org.eventsnn.gradients;

import org.eventsnn.core.base.Arguments;

/** {@code first-spike-linear}: {@code L = sum_j c_j t_j}. */
public final class FirstSpikeLinear implements SpikeTimeLoss {
    private final double[] coefficients;

    /** {@code L = sum_j coefficients[j] t_j}; one finite coefficient per output neuron. */
    public FirstSpikeLinear(double[] coefficients) {
        for (int j = 0; j < coefficients.length; j++) {
            Arguments.requireFinite(coefficients[j], "coefficients[" + j + "]");
        }
        this.coefficients = coefficients.clone();
    }

    @Override
    public double evaluate(double[] times, boolean[] fired, int label, double[] gradient) {
        if (times.length != coefficients.length) {
            throw new IllegalArgumentException("coefficients: " + coefficients.length + " given for "
                    + times.length + " output neurons");
        }
        double loss = 0;
        for (int j = 0; j < times.length; j++) {
            loss += coefficients[j] * times[j];
            gradient[j] = fired[j] ? coefficients[j] : 0;
        }
        return loss;
    }
}
