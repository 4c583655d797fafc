package org.eventsnn.gradients;

import java.util.Arrays;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.Projection;

/**
 * Sums a batch's sample results strictly in sample order, one sample at a time as they become
 * available, so the sum can proceed while other samples are still being simulated. A sample's
 * weight (and, if summed, delay) gradients into a neuron are left out when the largest of them in magnitude, divided by
 * the batch size, exceeds the limit. Not thread-safe: callers take turns.
 */
final class BatchSum {
    private final int size;
    private final double gradientLimit;
    private final double[][] first;
    private final int[] labels;
    private final int[] predictions;
    private final int[] firing;
    /** Summed weight gradients, or null without gradients. */
    private final double[][] grads;
    /** Summed per-synapse delay gradients, or null unless asked for. */
    private final double[][] delayGrads;
    /** Per neuron, for the sample being added: its gradients are left out; and whether one of them is NaN. */
    private final boolean[] drop;
    private final boolean[] notANumber;
    /**
     * Target neuron (network index) of each synapse of each projection, synapse order, looked up
     * once per batch; null without a gradient limit, where every sample's gradients are added
     * whole. Per sample and synapse, {@code Projection.post} goes through the slot map, which is
     * not the identity on rows reordered by per-synapse delays.
     */
    private final int[][] targetOf;
    private double loss;
    private int dropped;
    private int added;

    /** A sum of {@code size} samples; with {@code withDelayGradients} it also sums each synapse's delay gradient. */
    BatchSum(Network net, int size, boolean withGradients, boolean withDelayGradients, double neuronGradientLimit) {
        this.size = size;
        this.gradientLimit = neuronGradientLimit * size;
        first = new double[size][];
        labels = new int[size];
        predictions = new int[size];
        firing = new int[net.neuronCount()];
        drop = new boolean[net.neuronCount()];
        notANumber = new boolean[net.neuronCount()];
        grads = withGradients ? new double[net.projections().size()][] : null;
        for (int p = 0; withGradients && p < grads.length; p++) {
            grads[p] = new double[net.projection(p).synapseCount()];
        }
        delayGrads = withGradients && withDelayGradients ? Optimizer.allocateLike(grads) : null;
        targetOf = withGradients && gradientLimit != Double.POSITIVE_INFINITY ? targets(net) : null;
    }

    private static int[][] targets(Network net) {
        int[][] t = new int[net.projections().size()][];
        for (int p = 0; p < t.length; p++) {
            Projection pr = net.projection(p);
            t[p] = new int[pr.synapseCount()];
            int base = net.offset(pr.target());
            for (int r = 0; r < t[p].length; r++) {
                t[p][pr.rowSynapse(r)] = base + pr.rowPost(r);
            }
        }
        return t;
    }

    /** How many samples have been added: the index of the next one. */
    int added() {
        return added;
    }

    /** Adds the next sample in order. */
    void add(BatchGradients.SampleResult r) {
        first[added] = r.firstSpikes;
        labels[added] = r.label;
        predictions[added] = r.prediction;
        loss += r.loss;
        for (int g = 0; g < firing.length; g++) {
            if (r.fired[g]) {
                firing[g]++;
            }
        }
        if (grads != null) {
            // without a limit (no targets looked up) no neuron is dropped
            int droppedNow = targetOf == null ? 0 : markDropped(r.gradients);
            dropped += droppedNow;
            for (int p = 0; p < grads.length; p++) {
                double[] src = r.gradients.weights(p);
                double[] delaySrc = delayGrads == null ? null : r.gradients.delays(p);
                if (droppedNow == 0) {
                    addAll(grads[p], src);
                    if (delaySrc != null) {
                        addAll(delayGrads[p], delaySrc);
                    }
                    continue;
                }
                int[] target = targetOf[p];
                for (int s = 0; s < src.length; s++) {
                    if (!drop[target[s]]) {
                        grads[p][s] += src[s];
                        if (delaySrc != null) {
                            delayGrads[p][s] += delaySrc[s];
                        }
                    }
                }
            }
            r.gradients.release(); // summed: its method may reuse the arrays
        }
        added++;
    }

    /** The batch's outcome, once every sample has been added. */
    BatchResult result() {
        if (added != size) {
            throw new IllegalStateException(added + " of " + size + " samples summed");
        }
        if (size > 0) {
            divide(grads, size);
            divide(delayGrads, size);
        }
        return new BatchResult(first, labels, predictions, size > 0 ? loss / size : Double.NaN, grads, delayGrads,
                firing, dropped);
    }

    private static void addAll(double[] sum, double[] add) {
        for (int s = 0; s < add.length; s++) {
            sum[s] += add[s];
        }
    }

    private static void divide(double[][] sums, int size) {
        for (int p = 0; sums != null && p < sums.length; p++) {
            for (int s = 0; s < sums[p].length; s++) {
                sums[p][s] /= size;
            }
        }
    }

    /**
     * Marks in {@link #drop} the neurons whose gradients this sample leaves out, and returns how
     * many: those with some synapse into them whose |dL/dw| exceeds the limit and none whose
     * dL/dw is NaN. These are the neurons whose largest |dL/dw|, as {@link Math#max} takes it
     * (NaN if any is NaN), exceeds the limit; a comparison per synapse finds them without a
     * running maximum per neuron.
     */
    private int markDropped(Gradients g) {
        Arrays.fill(drop, false);
        Arrays.fill(notANumber, false);
        boolean any = false;
        for (int p = 0; p < g.projectionCount(); p++) {
            double[] w = g.weights(p);
            int[] target = targetOf[p];
            for (int s = 0; s < w.length; s++) {
                double a = Math.abs(w[s]);
                if (!(a <= gradientLimit)) { // rare: above the limit, or NaN
                    any = true;
                    if (a != a) {
                        notANumber[target[s]] = true;
                    } else {
                        drop[target[s]] = true;
                    }
                }
            }
        }
        int count = 0;
        for (int k = 0; any && k < drop.length; k++) {
            drop[k] &= !notANumber[k];
            count += drop[k] ? 1 : 0;
        }
        return count;
    }
}
