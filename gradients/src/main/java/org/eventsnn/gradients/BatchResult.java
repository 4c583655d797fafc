package org.eventsnn.gradients;

import org.eventsnn.core.model.Network;

/**
 * A mini-batch's outcome: per-sample first output spike times and predictions, the mean loss,
 * the mean weight gradients (summed in sample order), the mean per-synapse delay gradients if
 * asked for, and how often each neuron fired.
 */
public final class BatchResult {
    private final double[][] firstSpikes;
    private final int[] labels;
    private final int[] predictions;
    private final double meanLoss;
    private final double[][] meanWeightGradients;
    private final double[][] meanDelayGradients;
    private final int[] firingSamples;
    private final int droppedNeuronGradients;

    BatchResult(double[][] firstSpikes, int[] labels, int[] predictions, double meanLoss, double[][] meanWeightGradients,
                double[][] meanDelayGradients, int[] firingSamples, int droppedNeuronGradients) {
        this.meanDelayGradients = meanDelayGradients;
        this.firingSamples = firingSamples;
        this.droppedNeuronGradients = droppedNeuronGradients;
        this.firstSpikes = firstSpikes;
        this.labels = labels;
        this.predictions = predictions;
        this.meanLoss = meanLoss;
        this.meanWeightGradients = meanWeightGradients;
    }

    /** Number of samples in the batch. */
    public int size() {
        return labels.length;
    }

    /** First spike time of each output neuron of sample i (+Infinity if silent). */
    public double[] firstSpikes(int i) {
        return firstSpikes[i].clone();
    }

    /** The label of sample i. */
    public int label(int i) {
        return labels[i];
    }

    /**
     * The predicted class of sample i, or -1 if the outputs did not decide: for a first-spike
     * loss the output neuron that fired first (lowest index on ties, -1 if none fired), for a
     * {@link SpikeTrainLoss} the loss's prediction.
     */
    public int prediction(int i) {
        return predictions[i];
    }

    /** The output neuron that fired first (lowest index on ties), or -1 if none fired. */
    public static int predict(double[] firstSpikes) {
        int best = -1;
        for (int j = 0; j < firstSpikes.length; j++) {
            if (firstSpikes[j] != Double.POSITIVE_INFINITY && (best < 0 || firstSpikes[j] < firstSpikes[best])) {
                best = j;
            }
        }
        return best;
    }

    /** Number of samples whose prediction equals their label. */
    public int correct() {
        int c = 0;
        for (int i = 0; i < labels.length; i++) {
            if (prediction(i) == labels[i]) {
                c++;
            }
        }
        return c;
    }

    /** In how many samples global neuron g fired. */
    public int firingSamples(int g) {
        return firingSamples[g];
    }

    /** Mean loss over the batch (NaN for an empty batch). */
    public double meanLoss() {
        return meanLoss;
    }

    /**
     * How many (sample, neuron) pairs had their weight gradients left out of the mean for
     * exceeding the batch runner's limit ({@link BatchGradients#dropLargeNeuronGradients}).
     */
    public int droppedNeuronGradients() {
        return droppedNeuronGradients;
    }

    /** Mean dL/dw per projection (synapse order), or null if no gradients were computed. */
    public double[][] meanWeightGradients() {
        return meanWeightGradients;
    }

    /**
     * Mean dL/d(delay) of each synapse per projection (synapse order), or null unless the batch
     * runner was asked for them ({@link BatchGradients#withDelayGradients}).
     */
    public double[][] meanDelayGradients() {
        return meanDelayGradients;
    }
}
