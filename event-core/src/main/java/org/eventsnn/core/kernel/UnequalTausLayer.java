package org.eventsnn.core.kernel;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.solver.LifDynamics;

/**
 * A {@link KernelLayer} with {@code tauSyn != tauMem} and no refractory period (docs/exactness.md,
 * "Layer kernels"). Per interval between inputs the factors of {@link LifDynamics} (membrane
 * decay, current decay, kernel) are computed once and shared by all neurons, each of which keeps
 * its membrane and current in two locals; the membrane and current at the interval's end and
 * {@code CrossingSolver.staysBelowOver} or {@code peaksBelow} rule out a crossing where they can,
 * else {@code CrossingSolver.next} solves it, as the engine does. For an integer
 * {@code tauMem / tauSyn} up to 8 the current's decay is a power of the membrane's; after a spike
 * whose crossing was found in {@code x = exp(-t/tauMem)} the rest of the interval takes its
 * factors from x and the interval's, without an exponential (docs/exactness.md, "Layer kernels").
 */
public final class UnequalTausLayer extends KernelLayer {
    private final LifDynamics dynamics;
    /** Per interval j (from sorted input j to the next, or to the window's end): its length and factors. */
    private double[] span = new double[1];
    private double[] membrane = new double[1];
    private double[] current = new double[1];
    private double[] kernel = new double[1];

    /** For population {@code population} of {@code net}, which {@link LayerKernels#unsuitedReason} accepts. */
    UnequalTausLayer(Network net, int population, int capacity) {
        super(net, population, capacity);
        dynamics = new LifDynamics(net.population(population).params());
    }

    /** The dynamics of this layer's neurons. */
    public LifDynamics dynamics() {
        return dynamics;
    }

    /** {@code exp(-D/tauMem)} over interval j of the last run (from sorted input j to the next, or to the window's end). */
    public double intervalMembraneDecay(int j) {
        return membrane[j];
    }

    /** {@code exp(-D/tauSyn)} over interval j of the last run. */
    public double intervalCurrentDecay(int j) {
        return current[j];
    }

    /** The kernel (membrane response to a unit current) over interval j of the last run. */
    public double intervalKernel(int j) {
        return kernel[j];
    }

    @Override
    void spikesGrew() {
        // no per-spike arrays of its own
    }

    @Override
    void ensureFactors(int n) {
        span = new double[n + 1];
        membrane = new double[n + 1];
        current = new double[n + 1];
        kernel = new double[n + 1];
    }

    @Override
    void factors(int m, double duration) {
        for (int j = 0; j < m; j++) {
            double dt = (j + 1 < m ? time[j + 1] : duration) - time[j];
            double em = dynamics.membraneDecay(dt);
            double ec = dynamics.currentDecay(0, dt, em);
            span[j] = dt;
            membrane[j] = em;
            current[j] = ec;
            kernel[j] = dynamics.kernel(0, dt, ec, em);
        }
    }

    @Override
    int neuron(int h, int m) {
        double u = 0;
        double cur = 0;
        int c = 0;
        for (int k = 0; k < m; k++) {
            cur += w[slot[k] * neurons + h];
            double dt = span[k];
            if (!(dt > 0)) {
                continue; // an empty interval: inputs at equal times all count before any test
            }
            double uEnd = u * membrane[k] + cur * kernel[k];
            double curEnd = cur * current[k];
            if (uEnd < theta && (solver.staysBelowOver(u, cur, uEnd, curEnd, Math.abs(cur))
                    || solver.peaksBelow(u, cur))) {
                u = uEnd;
                cur = curEnd;
                continue;
            }
            double t0 = time[k];
            double left = dt;
            double leftDecay = membrane[k]; // exp(-alpha left)
            int before = c;
            while (true) {
                double tc = solver.next(u, cur, left);
                if (tc == Double.POSITIVE_INFINITY) {
                    if (c != before) { // from the last spike; the current is the interval's, spikes leave it alone
                        double ec = dynamics.currentDecay(0, left, leftDecay);
                        u = u * leftDecay + cur * dynamics.kernel(0, left, ec, leftDecay);
                    } else {
                        u = uEnd;
                    }
                    cur = curEnd;
                    break;
                }
                if (c == capacity) {
                    return capacity + 1;
                }
                double x = solver.decayAtCrossing(tc);
                cur *= dynamics.currentDecay(0, tc, x);
                int at = h * capacity + c++;
                spikeTime[at] = t0 + tc;
                spikeCurrent[at] = cur;
                if (firstSpikeOnly) {
                    return c;
                }
                u = uReset;
                t0 += tc;
                left -= tc;
                // exp(-alpha left) for what is left: the former over exp(-alpha tc), within a few
                // ulps while the former is a normal number
                leftDecay = leftDecay >= Double.MIN_NORMAL ? leftDecay / x : dynamics.membraneDecay(left);
            }
        }
        return c;
    }
}
