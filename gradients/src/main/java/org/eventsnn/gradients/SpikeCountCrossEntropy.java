package org.eventsnn.gradients;

import org.eventsnn.core.base.Arguments;

/**
 * {@code count-ce}: cross-entropy over the window-averaged running spike counts of the output
 * neurons, {@code L = -log softmax(c / scale)[label]} with
 * <pre>
 *   c_j = 1/(T - start) integral from start to T of N_j(t) dt
 *       = sum over spikes t of neuron j in (start, T) of  r(t - start) (T - t) / (T - start),
 *   r(u) = 1 - exp(-u / tauCount)
 * </pre>
 * where N_j(t) is the number of spikes of neuron j in the readout window up to t, T the window
 * end and {@code start} the readout start; {@code r} switches a spike on smoothly over
 * {@code tauCount} after the start. A spike entering or leaving the window changes c
 * continuously (its weight is 0 at both edges). c_j is the mean of the running count, a rate:
 * n spikes spread evenly give about n/2.
 *
 * <p>Why this count: the count itself is piecewise constant in the weights, so its exact
 * derivative is 0 wherever it exists, which teaches nothing; a count with soft edges only has
 * gradients from spikes near the edges. {@code c} is a smooth function of the exact spike times
 * whose derivative is {@code -1/(T - start)} for every spike inside the window, so its exact
 * gradient (EventProp, checked against finite differences) moves every spike of the label
 * neuron earlier (raising its running count) and those of the others later. A neuron that never fires in the window has no gradient through
 * this loss (as with any spike-time loss); EventProp's silent-label penalty covers a label
 * neuron silent in the whole window. Prediction: the neuron with the largest c, lowest index on
 * ties; -1 if no output spike lies inside the window.
 */
public final class SpikeCountCrossEntropy implements SpikeTrainLoss {
    private final double tauCount;
    private final double start;
    private final double scale;

    /**
     * @param tauCount time over which a spike after the readout start is switched on (seconds, > 0)
     * @param start    readout start (seconds, >= 0): spikes before it do not count
     * @param scale    softmax temperature (> 0), 1 for raw counts
     */
    public SpikeCountCrossEntropy(double tauCount, double start, double scale) {
        this.tauCount = Arguments.requirePositive(tauCount, "tauCount");
        this.start = Arguments.requireNonNegative(start, "readoutStart");
        this.scale = Arguments.requirePositive(scale, "scale");
    }

    /** The smoothed count c_j of every output neuron. */
    public double[] counts(OutputSpikes spikes) {
        double[] c = new double[spikes.size()];
        for (int k = 0; k < spikes.count(); k++) {
            double t = spikes.time(k);
            if (t > start && t < spikes.window()) {
                c[spikes.neuron(k)] += ramp(t - start) * (spikes.window() - t) / (spikes.window() - start);
            }
        }
        return c;
    }

    private double ramp(double u) {
        return -Math.expm1(-u / tauCount);
    }

    private double rampSlope(double u) {
        return Math.exp(-u / tauCount) / tauCount;
    }

    @Override
    public double evaluate(OutputSpikes spikes, int label, double[] gradient) {
        Arguments.requireIndex(label, spikes.size(), "label");
        double[] c = counts(spikes);
        double max = Double.NEGATIVE_INFINITY;
        for (double v : c) {
            max = Math.max(max, v / scale);
        }
        double sum = 0;
        for (double v : c) {
            sum += Math.exp(v / scale - max);
        }
        double logSumExp = max + Math.log(sum);
        double[] dLdc = new double[c.length];
        for (int j = 0; j < c.length; j++) {
            dLdc[j] = (Math.exp(c[j] / scale - logSumExp) - (j == label ? 1 : 0)) / scale;
        }
        double end = spikes.window();
        double length = end - start;
        for (int k = 0; k < spikes.count(); k++) {
            double t = spikes.time(k);
            gradient[k] = t > start && t < end
                    ? dLdc[spikes.neuron(k)] * (rampSlope(t - start) * (end - t) - ramp(t - start)) / length
                    : 0;
        }
        if (c[label] / scale < max) {
            return logSumExp - c[label] / scale; // at least log 2: no cancellation to speak of
        }
        // the label leads: L = log(1 + sum over the others of exp((c_j - c_label) / scale)), which
        // logSumExp - c_label computes as a difference of two numbers of the counts' size, losing
        // all but a few digits of a small loss (1.9e-8 from counts of ~300: error ~6e-14)
        double others = 0;
        for (int j = 0; j < c.length; j++) {
            if (j != label) {
                others += Math.exp((c[j] - c[label]) / scale);
            }
        }
        return Math.log1p(others);
    }

    @Override
    public int predict(OutputSpikes spikes) {
        double[] c = counts(spikes);
        int best = -1;
        for (int j = 0; j < c.length; j++) {
            if (c[j] > 0 && (best < 0 || c[j] > c[best])) {
                best = j;
            }
        }
        return best;
    }
}
