package org.eventsnn.gradients;

/**
 * A loss on every spike of an output population (not only the first ones), for networks whose
 * outputs fire several times. Its gradient is with respect to each spike's time; EventProp
 * carries it back exactly ({@link EventProp#computeAllSpikes}).
 */
public interface SpikeTrainLoss {
    /**
     * The loss of one sample; writes {@code dL/dt_k} of each output spike k into
     * {@code gradient} (length {@code spikes.count()}).
     */
    double evaluate(OutputSpikes spikes, int label, double[] gradient);

    /** The predicted class of one sample, or -1 when the outputs do not decide. */
    int predict(OutputSpikes spikes);
}
