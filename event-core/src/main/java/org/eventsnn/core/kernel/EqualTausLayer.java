package org.eventsnn.core.kernel;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.solver.LambertW;

/**
 * A {@link KernelLayer} with {@code tauMem = tauSyn}, simulated in closed form
 * (docs/exactness.md, "Layer kernels"). In {@code s = t / tauMem}, after the inputs so far (input j at {@code s_j}
 * with weight {@code w_j}) a neuron's current is {@code I = e^-s P} and its membrane
 * {@code u = e^-s (s P - Q)}, with {@code P = sum w_j e^(s_j)} and {@code Q = sum w_j s_j e^(s_j)}.
 * Per interval between inputs the membrane's one turning point {@code s* = 1 + Q/P} decides
 * whether it reaches {@code theta = threshold - leak}; a crossing is
 * {@code s = Q/P - W0(-(theta/P) e^(Q/P))} by {@link LambertW#w0OnNegativeAxis} (no correction
 * step, so the one exponential of a crossing is that of W's argument), or the project's
 * {@link CrossingSolver} where {@code Q/P} would overflow the exponential. A spike
 * holds u at the reset for the refractory period; after it Q is set so that {@code u = reset}.
 *
 * <p>Besides {@link KernelLayer}'s state, gradient methods may read each input's factors and
 * each spike's decay {@code e^-s}.
 */
public final class EqualTausLayer extends KernelLayer {
    /** The refractory period in units of tauMem. */
    private final double refractory;
    /** Per sorted input j (and the window's end at index m): s_j, e^(s_j), s_j e^(s_j), e^(-s_j). */
    private double[] s = new double[1];
    private double[] e = new double[1];
    private double[] f = new double[1];
    private double[] ie = new double[1];
    private double end;
    /** Per spike ({@code h * capacity + c}): e^-s. */
    private double[] spikeDecay;

    /** For population {@code population} of {@code net}, which {@link LayerKernels#unsuitedReason} accepts. */
    EqualTausLayer(Network net, int population, int capacity) {
        super(net, population, capacity);
        refractory = net.population(population).params().refractory() * alpha;
        spikeDecay = new double[neurons * capacity];
    }

    /** {@code t_j / tauMem} of sorted input j. */
    public double inputScaledTime(int j) {
        return s[j];
    }

    /** {@code exp(t_j / tauMem)} of sorted input j. */
    public double inputGrowth(int j) {
        return e[j];
    }

    /** {@code exp(-t / tauMem)} at spike c of neuron h. */
    public double spikeDecay(int h, int c) {
        return spikeDecay[h * capacity + c];
    }

    @Override
    void spikesGrew() {
        spikeDecay = new double[neurons * capacity];
    }

    @Override
    void ensureFactors(int n) {
        s = new double[n + 1];
        e = new double[n + 1];
        f = new double[n + 1];
        ie = new double[n + 1];
    }

    @Override
    void factors(int m, double duration) {
        for (int j = 0; j < m; j++) {
            double sj = time[j] * alpha;
            double ej = Math.exp(sj);
            s[j] = sj;
            e[j] = ej;
            f[j] = sj * ej;
            ie[j] = 1 / ej;
        }
        end = duration * alpha;
        s[m] = end;
        ie[m] = Math.exp(-end);
    }

    @Override
    int neuron(int h, int m) {
        double pSum = 0;
        double qSum = 0;
        double free = Double.NEGATIVE_INFINITY; // s where the last refractory period ends
        int c = 0;
        for (int k = 0; k < m; k++) {
            double wk = w[slot[k] * neurons + h];
            pSum += wk * e[k];
            qSum += wk * f[k];
            double a = s[k];
            double b = s[k + 1];
            if (!(b > a) || free >= b) {
                continue; // an empty interval, or clamped throughout
            }
            double ea = ie[k];
            if (free >= a) { // the refractory period ends here or inside: u = reset there (also after a spike at a)
                a = free;
                double ef = Math.exp(free);
                ea = 1 / ef;
                qSum = free * pSum - uReset * ef;
            }
            double eb = ie[k + 1];
            while (pSum * ea > theta) { // else the current, falling, stays below theta, and u cannot reach it
                double ratio = qSum / pSum;
                double peak = 1 + ratio;
                if (!(peak > a) || !crosses(pSum, qSum, a, b, ea, eb, peak)) {
                    break;
                }
                double sc;
                double decay;
                if (ratio <= 600) {
                    double w0 = LambertW.w0OnNegativeAxis(-(theta / pSum) * Math.exp(ratio));
                    sc = ratio - w0;
                    boolean inside = sc >= a && sc <= b;
                    if (!(sc == sc)) {
                        sc = peak; // rounding put W's argument just below -1/e: a grazing peak
                    }
                    sc = Math.min(Math.max(sc, a), b);
                    // on W's path u = theta at s, so e^-s = theta / (s P - Q) = -theta / (P W)
                    decay = inside ? -theta / (pSum * w0) : Math.exp(-sc);
                } else {
                    double ua = (a * pSum - qSum) * ea;
                    sc = a + solver.next(ua, pSum * ea, (b - a) / alpha) * alpha;
                    if (!(sc <= b)) {
                        break;
                    }
                    decay = Math.exp(-sc);
                }
                if (c == capacity) {
                    return capacity + 1;
                }
                int at = h * capacity + c++;
                spikeTime[at] = sc / alpha;
                spikeDecay[at] = decay;
                spikeCurrent[at] = pSum * decay;
                if (firstSpikeOnly) {
                    return c;
                }
                free = sc + refractory;
                if (free >= end) {
                    return c;
                }
                if (free >= b) {
                    break;
                }
                a = free;
                double ef = Math.exp(free);
                ea = 1 / ef;
                qSum = free * pSum - uReset * ef;
            }
        }
        return c;
    }

    /**
     * Whether the membrane, below theta at {@code a} and rising there (its turning point
     * {@code peak} lies after {@code a}), reaches theta by {@code b}: at the end if it rises
     * throughout, else at the peak, whose value is {@code P e^-peak}. Before its exponential two
     * bounds rule out a peak below {@code theta (1 - 1e-9)}, far beyond the few ulps by which
     * {@code ea} and the rounded {@code peak - a} differ from the exact {@code e^-a} and distance
     * (docs/exactness.md, "Layer kernels"), so that the exponential's test would say the same:
     * {@code e^-peak = e^-a e^-x <= ea / T(x)} with {@code x = peak - a > 0} and T the Taylor
     * polynomial of {@code e^x} to degree 4, below it for {@code x >= 0} (it rules out most
     * peaks in the long last interval, where the peak lies close after {@code a}), then the
     * chord of the convex {@code e^-s}.
     */
    private boolean crosses(double pSum, double qSum, double a, double b, double ea, double eb, double peak) {
        if ((b * pSum - qSum) * eb >= theta) {
            return true;
        }
        if (peak >= b) {
            return false; // rising throughout, below theta at the end
        }
        if (peakBelowByTaylor(pSum, ea, peak - a, theta)) {
            return false; // e^-peak <= ea / T(x): the peak value is below theta
        }
        if (pSum * (ea + (peak - a) / (b - a) * (eb - ea)) < theta * (1 - 1e-9)) {
            return false; // e^-s lies below its chord: the peak value is below theta
        }
        return pSum * Math.exp(-peak) >= theta;
    }

    /**
     * True if {@code P e^-(a + x)}, with {@code ea} within a few ulps of {@code e^-a} and
     * {@code x >= 0}, lies below {@code theta (1 - 1e-9)}: {@code P ea < theta (1 - 1e-9) T(x)},
     * T the Taylor polynomial of {@code e^x} to degree 4, which lies below {@code e^x} for
     * {@code x >= 0}. No division, no exponential.
     */
    static boolean peakBelowByTaylor(double pSum, double ea, double x, double theta) {
        double taylor = 1 + x * (1 + x * (1 / 2.0 + x * (1 / 6.0 + x * (1 / 24.0))));
        return pSum * ea < theta * (1 - 1e-9) * taylor;
    }
}
