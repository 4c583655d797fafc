package org.eventsnn.gradients;

import org.eventsnn.core.kernel.UnequalTausLayer;

/**
 * The maximum membrane potential of a neuron of an {@link UnequalTausLayer} that did not fire,
 * over the last run's window, found as {@link MaxVoltage} finds it from a record: per interval
 * between the layer's inputs the largest of its end and the zeros of {@code dV/dt}
 * ({@code MaxVoltage.IntervalMax}), noting where it lies: inside an interval, at the window's
 * end, or at an input where the slope turns (a kink, with the slope just before that input).
 * For EventProp's silent-label penalty. Keeps its buffers: one instance per thread.
 */
final class KernelMaxVoltage {
    /** The maximum of V. */
    double value;
    /** Its time. */
    double time;
    /** The sorted input at which it sits as a kink, else -1. */
    int kinkInput;
    /** dV/dt just before that input. */
    double kinkSlope;
    private final double[] current = new double[1];
    private MaxVoltage.IntervalMax interval;

    /** Finds neuron h's maximum over {@code [0, duration]}; h must not have fired in the last run. */
    void find(UnequalTausLayer layer, int h, double duration) {
        if (interval == null || interval.dyn != layer.dynamics()) {
            interval = new MaxVoltage.IntervalMax(layer.dynamics());
        }
        value = layer.dynamics().params().leak(); // at rest at the start
        time = 0;
        kinkInput = -1;
        kinkSlope = 0;
        double u = 0;
        double cur = 0;
        double last = 0;
        for (int k = 0, m = layer.inputCount(); k < m; k++) {
            double a = layer.inputTime(k);
            if (k > 0 && last < a) { // interval k - 1, from input k - 1 to this one
                boolean endedAtMax = advance(u, cur, last, a - last);
                double uEnd = u * layer.intervalMembraneDecay(k - 1) + cur * layer.intervalKernel(k - 1);
                cur *= layer.intervalCurrentDecay(k - 1);
                u = uEnd;
                if (endedAtMax) { // the maximum at this input: a kink if V falls after it
                    kinkInput = k;
                    kinkSlope = Math.max(0, layer.alpha() * (cur - u));
                }
            }
            last = a;
            cur += layer.weight(layer.inputSlot(k), h);
        }
        if (last < duration) {
            advance(u, cur, last, duration - last);
        }
    }

    /** Interval of length d from {@code start} with membrane u and current c: updates the maximum; true if it now ends there. */
    private boolean advance(double u, double c, double start, double d) {
        current[0] = c;
        interval.find(u, current, 0, d);
        if (interval.peak() > value) {
            value = interval.peak();
            time = interval.peakTime(start, start + d);
            kinkInput = -1;
            return interval.bestAtEnd;
        }
        return false;
    }
}
