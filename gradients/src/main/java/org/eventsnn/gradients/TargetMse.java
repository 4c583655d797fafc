package org.eventsnn.gradients;

import org.eventsnn.core.base.Arguments;

/**
 * {@code target-mse} (jaxsnn): {@code L = sum_j ((t_j - target_j) / tauMem)^2}, with fixed
 * targets, or per label (one target for the label's neuron, another for the rest). Targets are
 * spike times, so not negative (no spike can meet one, and a minus sign there is a slip).
 */
public final class TargetMse implements SpikeTimeLoss {
    private final double[] targets;
    private final double correct;
    private final double wrong;
    private final double tauMem;

    private TargetMse(double[] targets, double correct, double wrong, double tauMem) {
        this.targets = targets;
        this.correct = correct;
        this.wrong = wrong;
        this.tauMem = Arguments.requirePositive(tauMem, "tauMem");
    }

    /** The same targets for every sample. */
    public static TargetMse fixed(double[] targets, double tauMem) {
        for (int j = 0; j < targets.length; j++) {
            Arguments.requireNonNegative(targets[j], "targets[" + j + "]");
        }
        return new TargetMse(targets.clone(), Double.NaN, Double.NaN, tauMem);
    }

    /** Target {@code correct} for the label's neuron, {@code wrong} for the others. */
    public static TargetMse byLabel(double correct, double wrong, double tauMem) {
        return new TargetMse(null, Arguments.requireNonNegative(correct, "correct target"),
                Arguments.requireNonNegative(wrong, "wrong target"), tauMem);
    }

    @Override
    public double evaluate(double[] times, boolean[] fired, int label, double[] gradient) {
        if (targets != null && targets.length != times.length) {
            throw new IllegalArgumentException("targets: " + targets.length + " given for " + times.length
                    + " output neurons");
        }
        double loss = 0;
        for (int j = 0; j < times.length; j++) {
            double target = targets != null ? targets[j] : j == label ? correct : wrong;
            double d = (times[j] - target) / tauMem;
            loss += d * d;
            gradient[j] = fired[j] ? 2 * d / tauMem : 0;
        }
        return loss;
    }
}
