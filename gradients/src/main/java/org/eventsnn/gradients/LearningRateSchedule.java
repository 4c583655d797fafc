package org.eventsnn.gradients;

import org.eventsnn.core.base.Arguments;

/** Learning rate as a function of the epoch (counted from 0). */
@FunctionalInterface
public interface LearningRateSchedule {
    /** The learning rate of {@code epoch} (from 0). */
    double rate(int epoch);

    /** The same rate every epoch. */
    static LearningRateSchedule constant(double rate) {
        Arguments.requirePositive(rate, "learningRate");
        return epoch -> rate;
    }

    /** {@code rate * factor^floor(epoch / every)}: Fast and Deep's step decay. */
    static LearningRateSchedule step(double rate, int every, double factor) {
        Arguments.requirePositive(rate, "learningRate");
        Arguments.requireAtLeast(every, 1, "decay step");
        Arguments.requirePositive(factor, "decay factor");
        return epoch -> rate * Math.pow(factor, epoch / every);
    }

    /** {@code rate * factor^epoch}. */
    static LearningRateSchedule exponential(double rate, double factor) {
        Arguments.requirePositive(rate, "learningRate");
        Arguments.requirePositive(factor, "decay factor");
        return epoch -> rate * Math.pow(factor, epoch);
    }
}
