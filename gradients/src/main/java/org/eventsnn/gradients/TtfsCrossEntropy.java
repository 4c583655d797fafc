package org.eventsnn.gradients;

import org.eventsnn.core.base.Arguments;

/**
 * {@code ttfs-ce}: {@code L = -log softmax(-t / tau0)[label] + alpha (exp(t_label / tau1) - 1)}.
 */
public final class TtfsCrossEntropy implements SpikeTimeLoss {
    private final double tau0;
    private final double alpha;
    private final double tau1;

    /** Without the regulariser. */
    public TtfsCrossEntropy(double tau0) {
        this(tau0, 0, 1);
    }

    /** With softmax time scale {@code tau0} (&gt; 0), regulariser weight {@code alpha} (&gt;= 0) and time scale {@code tau1} (&gt; 0). */
    public TtfsCrossEntropy(double tau0, double alpha, double tau1) {
        this.tau0 = Arguments.requirePositive(tau0, "tau0");
        this.alpha = Arguments.requireNonNegative(alpha, "alpha");
        this.tau1 = Arguments.requirePositive(tau1, "tau1");
    }

    @Override
    public double evaluate(double[] times, boolean[] fired, int label, double[] gradient) {
        Arguments.requireIndex(label, times.length, "label");
        double maxZ = Double.NEGATIVE_INFINITY;
        for (double t : times) {
            maxZ = Math.max(maxZ, -t / tau0);
        }
        double sum = 0;
        for (double t : times) {
            sum += Math.exp(-t / tau0 - maxZ);
        }
        double logSumExp = maxZ + Math.log(sum);
        double loss = times[label] / tau0 + logSumExp;
        for (int j = 0; j < times.length; j++) {
            double softmax = Math.exp(-times[j] / tau0 - logSumExp);
            gradient[j] = fired[j] ? ((j == label ? 1 : 0) - softmax) / tau0 : 0;
        }
        if (alpha > 0) {
            double e = Math.exp(times[label] / tau1);
            loss += alpha * (e - 1);
            if (fired[label]) {
                gradient[label] += alpha * e / tau1;
            }
        }
        return loss;
    }
}
