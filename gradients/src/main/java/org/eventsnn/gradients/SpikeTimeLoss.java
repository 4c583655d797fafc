package org.eventsnn.gradients;

/**
 * A loss on the first spike times {@code t_j} of an output population (docs/simulation.md, "eventsnn gradient"). A
 * neuron that never fired enters with the window end as its time and no gradient through it.
 */
public interface SpikeTimeLoss {
    /**
     * The loss of one sample; writes {@code dL/dt_j} into {@code gradient} (0 where
     * {@code fired[j]} is false).
     *
     * @param times first spike time of each output neuron, the window end if it did not fire
     * @param fired whether each output neuron fired
     * @param label the sample's class (ignored by losses that do not use it)
     */
    double evaluate(double[] times, boolean[] fired, int label, double[] gradient);
}
