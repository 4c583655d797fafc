package org.eventsnn.core.engine;

import java.util.Arrays;

/**
 * The windows of a multi-threaded run: window 0 is {@code [0, e_0)}, window k
 * {@code [e_(k-1), e_k)} with {@code e_k = e_(k-1) + length} rounded, as long as a window
 * starts within the run. Each end is the previous one plus the length, rounded, so a spike at
 * or after a window's start with a delay of at least the length arrives at or after its end
 * (rounding is monotone): the condition that makes the window's partitions independent.
 * Computed once per run and only read afterwards, so every thread may share it.
 */
final class WindowEnds {
    private final double[] end;
    private final double inverseLength;
    /**
     * At least the largest {@code |end[k] / length - (k + 1)|} as computed ({@code end[k]} times
     * the inverse length): a time whose scaled value lies further than this from every whole
     * number is in window {@code floor(t / length)}, read off without the ends.
     */
    private final double slack;

    /** The windows of {@code length > 0} seconds of a run of {@code duration} seconds. */
    WindowEnds(double length, double duration) {
        if (!(length > 0)) {
            throw new IllegalArgumentException("window length must be > 0, not " + length);
        }
        inverseLength = 1 / length;
        double[] ends = new double[16];
        int n = 0;
        double start = 0;
        while (start <= duration) {
            if (n == ends.length) {
                ends = Arrays.copyOf(ends, Math.multiplyExact(n, 2));
            }
            double e = start + length;
            if (!(e > start)) {
                throw new IllegalArgumentException("windows of " + length + " s cannot advance past " + start + " s");
            }
            ends[n++] = e;
            start = e;
        }
        end = Arrays.copyOf(ends, n);
        double drift = 0;
        for (int k = 0; k < n; k++) {
            drift = Math.max(drift, Math.abs(end[k] * inverseLength - (k + 1)));
        }
        slack = Math.max(1e-9, 2 * drift);
    }

    /** Number of windows. */
    int count() {
        return end.length;
    }

    /** Window k's start. */
    double start(int k) {
        return k == 0 ? 0 : end[k - 1];
    }

    /** Window k's end (excluded from it). */
    double end(int k) {
        return end[k];
    }

    /**
     * The window that holds time t, at least window {@code after + 1}; {@link #count} if t lies
     * after the run's end. Read off {@code x = t / length} (as {@code t} times the inverse
     * length) when x is further than {@link #slack} from a whole number: rounding is monotone, so
     * {@code t >= end[k]} gives {@code x >= end[k] / length >= k + 1 - slack} and
     * {@code t < end[k]} gives {@code x <= k + 1 + slack}; else estimated from the window length
     * and corrected against the ends.
     */
    int ofAfter(double t, int after) {
        int n = end.length;
        int low = after + 1;
        double x = t * inverseLength;
        if (x >= 0 && x < n) {
            int m = (int) x;
            double fraction = x - m; // exact
            if (fraction > slack && fraction < 1 - slack) {
                return Math.max(m, low);
            }
        }
        if (low >= n || t < end[low]) {
            return low;
        }
        // t is in a window after low: about (t - end[low]) / length windows after low + 1
        double ahead = (t - end[low]) * inverseLength;
        int k = ahead < n ? (int) Math.min(n, low + 1 + (long) ahead) : n;
        while (k > low + 1 && t < end[k - 1]) {
            k--;
        }
        while (k < n && t >= end[k]) {
            k++;
        }
        return k;
    }
}
