package org.eventsnn.gradients;

import org.eventsnn.core.Network;
import org.eventsnn.core.Projection;

/**
 * A mini-batch's outcome: per-sample first output spike times and predictions, the mean loss,
 * the mean weight gradients (summed in sample order) and how often each neuron fired.
 */
public final class BatchResult {
    private final double[][] firstSpikes;
    private final int[] labels;
    private final double meanLoss;
    private final double[][] meanWeightGradients;
    private final int[] firingSamples;
    private final int droppedNeuronGradients;

    private BatchResult(double[][] firstSpikes, int[] labels, double meanLoss, double[][] meanWeightGradients,
                        int[] firingSamples, int droppedNeuronGradients) {
        this.firingSamples = firingSamples;
        this.droppedNeuronGradients = droppedNeuronGradients;
        this.firstSpikes = firstSpikes;
        this.labels = labels;
        this.meanLoss = meanLoss;
        this.meanWeightGradients = meanWeightGradients;
    }

    /**
     * Sums the samples in order; a sample's weight gradients into a neuron are left out when the
     * largest of them in magnitude, divided by the batch size, exceeds {@code neuronGradientLimit}.
     */
    static BatchResult sum(Network net, BatchGradients.SampleResult[] results, boolean withGradients,
                           double neuronGradientLimit) {
        int n = results.length;
        double[] largestInto = new double[net.neuronCount()];
        int dropped = 0;
        double[][] first = new double[n][];
        int[] labels = new int[n];
        double loss = 0;
        int[] firing = new int[net.neuronCount()];
        double[][] grads = null;
        if (withGradients) {
            grads = new double[net.projections().size()][];
            for (int p = 0; p < grads.length; p++) {
                grads[p] = new double[net.projection(p).synapseCount()];
            }
        }
        for (int i = 0; i < n; i++) {
            first[i] = results[i].firstSpikes;
            labels[i] = results[i].label;
            loss += results[i].loss;
            for (int g = 0; g < firing.length; g++) {
                if (results[i].fired[g]) {
                    firing[g]++;
                }
            }
            if (withGradients) {
                Gradients g = results[i].gradients;
                dropped += largestGradientInto(net, g, neuronGradientLimit * n, largestInto);
                for (int p = 0; p < grads.length; p++) {
                    double[] src = g.weights(p);
                    Projection pr = net.projection(p);
                    int base = net.offset(pr.target());
                    for (int s = 0; s < src.length; s++) {
                        if (largestInto[base + pr.post(s)] >= 0) {
                            grads[p][s] += src[s];
                        }
                    }
                }
            }
        }
        if (withGradients && n > 0) {
            for (double[] g : grads) {
                for (int s = 0; s < g.length; s++) {
                    g[s] /= n;
                }
            }
        }
        return new BatchResult(first, labels, n > 0 ? loss / n : Double.NaN, grads, firing, dropped);
    }

    /**
     * Sets {@code largest[g]} to the largest |dL/dw| over the synapses into neuron g, or to -1
     * where that exceeds {@code limit} (the neuron's gradients are dropped); returns how many
     * neurons were.
     */
    private static int largestGradientInto(Network net, Gradients g, double limit, double[] largest) {
        java.util.Arrays.fill(largest, 0);
        for (int p = 0; p < g.projectionCount(); p++) {
            double[] w = g.weights(p);
            Projection pr = net.projection(p);
            int base = net.offset(pr.target());
            for (int s = 0; s < w.length; s++) {
                int post = base + pr.post(s);
                largest[post] = Math.max(largest[post], Math.abs(w[s]));
            }
        }
        int dropped = 0;
        for (int k = 0; k < largest.length; k++) {
            if (largest[k] > limit) {
                largest[k] = -1;
                dropped++;
            }
        }
        return dropped;
    }

    public int size() {
        return labels.length;
    }

    /** First spike time of each output neuron of sample i (+Infinity if silent). */
    public double[] firstSpikes(int i) {
        return firstSpikes[i].clone();
    }

    public int label(int i) {
        return labels[i];
    }

    /**
     * The predicted class of sample i: the output neuron that fired first (lowest index on ties),
     * or -1 if none fired.
     */
    public int prediction(int i) {
        return predict(firstSpikes[i]);
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
}
