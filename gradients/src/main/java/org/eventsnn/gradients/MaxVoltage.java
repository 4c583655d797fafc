package org.eventsnn.gradients;

import java.util.Arrays;
import org.eventsnn.core.solver.ExpSumRoots;
import org.eventsnn.core.solver.LifDynamics;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.model.Projection;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeRecord;

/**
 * The maximum membrane potential of each neuron of an output population over the window, found
 * exactly from the recorded events: per interval between events, the maximum is at an end or
 * at a zero of {@code dV/dt}, an exponential sum with one term per time constant (closed form
 * for one receptor). Records where each maximum lies: inside an interval (dV/dt = 0), at an
 * arrival where the slope turns from rising to falling (a kink), or at the window's start/end.
 */
final class MaxVoltage {
    final double[] value;
    final double[] time;
    /** Log index of the arrival at which the maximum sits as a kink, else -1. */
    final int[] kinkEvent;
    /** dV/dt just before that arrival. */
    final double[] kinkSlope;
    /** The output population's index. */
    final int population;

    MaxVoltage(SimulationResult forward, int output) {
        Network net = forward.network();
        this.population = output;
        Population pop = net.population(output);
        if (pop.isInput()) {
            throw new IllegalArgumentException("the max-voltage loss needs a LIF output population");
        }
        DeltaSynapses.refuse(pop, "the max-voltage loss (and the silent-label penalty)");
        NeuronParameters par = pop.params();
        int n = pop.size();
        int nk = par.receptorCount();
        LifDynamics[] dynamics = LifDynamics.perNeuron(net);
        int lo = net.offset(output);
        IntervalMax[] intervals = new IntervalMax[n];
        for (int j = 0; j < n; j++) {
            LifDynamics d = dynamics[lo + j];
            intervals[j] = j > 0 && d == intervals[j - 1].dyn ? intervals[j - 1] : new IntervalMax(d);
        }
        value = new double[n];
        time = new double[n];
        kinkEvent = new int[n];
        kinkSlope = new double[n];
        double[] u = new double[n];
        double[] cur = new double[n * nk];
        double[] last = new double[n];
        boolean[] clamped = new boolean[n];
        Arrays.fill(kinkEvent, -1);
        for (int j = 0; j < n; j++) {
            u[j] = pop.initialV(j) - pop.params(j).leak();
            value[j] = pop.initialV(j);
        }
        SpikeRecord rec = forward.record();
        for (int e = 0; e < rec.eventCount(); e++) {
            int s = rec.eventSpike(e);
            int kind = rec.eventKind(e);
            if (kind == SpikeRecord.ARRIVAL) {
                Projection pr = net.projection(rec.eventProjection(e));
                if (pr.target() != output) {
                    continue;
                }
                int slot = rec.eventSlot(e);
                double a = rec.time(s) + (slot < 0 ? pr.delay() : pr.rowDelay(slot));
                int pre = rec.neuron(s) - net.offset(pr.source());
                int first = slot < 0 ? pr.rowStart(pre) : slot;
                for (int r = first, end = pr.arrivalEnd(pre, first, rec.time(s)); r < end; r++) {
                    int j = pr.rowPost(r);
                    if (last[j] < a) {
                        advance(intervals[j], j, a, u, cur, nk, last, clamped);
                        if (lastIntervalEndedAtMax) {
                            kinkEvent[j] = e; // maximum at this arrival: a kink if V falls after it
                            kinkSlope[j] = Math.max(0, intervals[j].alpha * (sum(cur, j, nk) - u[j]));
                        }
                    }
                    cur[j * nk + pr.receptor()] += pr.rowWeight(r);
                }
            } else {
                int j = rec.neuron(s) - lo;
                if (j < 0 || j >= n) {
                    continue;
                }
                double t = kind == SpikeRecord.SPIKE ? rec.time(s) : rec.time(s) + par.refractory();
                advance(intervals[j], j, t, u, cur, nk, last, clamped);
                if (kind == SpikeRecord.SPIKE) {
                    NeuronParameters own = intervals[j].dyn.params();
                    value[j] = own.threshold(); // reached at the spike: no gradient flows through it
                    time[j] = Double.NaN;
                    kinkEvent[j] = -1;
                    u[j] = own.reset() - own.leak();
                    clamped[j] = par.refractory() > 0;
                } else {
                    clamped[j] = false;
                }
            }
        }
        for (int j = 0; j < n; j++) {
            advance(intervals[j], j, forward.duration(), u, cur, nk, last, clamped);
        }
    }

    private static double sum(double[] cur, int j, int nk) {
        double s = 0;
        for (int k = 0; k < nk; k++) {
            s += cur[j * nk + k];
        }
        return s;
    }

    /** Moves neuron j to time t, updating its running maximum (until it first spikes) over the interval passed. */
    private void advance(IntervalMax interval, int j, double t, double[] u, double[] cur, int nk, double[] last,
                         boolean[] clamped) {
        double d = t - last[j];
        if (!(d > 0)) {
            return;
        }
        lastIntervalEndedAtMax = false;
        if (!clamped[j] && !Double.isNaN(time[j])) {
            interval.find(u[j], cur, j * nk, d);
            if (interval.peak() > value[j]) {
                value[j] = interval.peak();
                time[j] = interval.peakTime(last[j], t);
                kinkEvent[j] = -1;
                lastIntervalEndedAtMax = interval.bestAtEnd;
            }
        }
        u[j] = interval.dyn.evolve(u[j], cur, j * nk, d, clamped[j]);
        last[j] = t;
    }

    private boolean lastIntervalEndedAtMax;

    /** Maximum of u over [0, D] for one state, with its time. */
    static final class IntervalMax {
        final LifDynamics dyn;
        final double leak;
        final double alpha;
        final double[] coef;
        final double[] rate;
        final double[] roots;
        final double[] scratch;
        final ExpSumRoots zeros;
        double bestValue;
        double bestTime;
        boolean bestAtEnd;

        IntervalMax(LifDynamics dyn) {
            this.dyn = dyn;
            this.leak = dyn.params().leak();
            this.alpha = dyn.alpha();
            int nk = dyn.receptorCount();
            coef = new double[nk + 1];
            rate = new double[nk + 1];
            roots = new double[nk + 1];
            scratch = new double[nk];
            zeros = new ExpSumRoots(nk + 1);
            for (int k = 0; k < nk; k++) {
                if (dyn.beta(k) == alpha && nk > 1) {
                    throw new IllegalArgumentException("the max-voltage loss needs tauSyn != tauMem when a population "
                            + "has several receptors");
                }
            }
        }

        /** V (leak included) at the maximum the last {@link #find} found. */
        double peak() {
            return bestValue + leak;
        }

        /** The time of that maximum, for the interval from {@code start} to {@code end} searched: {@code end} itself where it lies there. */
        double peakTime(double start, double end) {
            return bestAtEnd ? end : start + bestTime;
        }

        /** The maximum over (0, D]: the start is the previous interval's end, already counted. */
        void find(double u0, double[] cur, int off, double d) {
            bestValue = Double.NEGATIVE_INFINITY;
            bestTime = 0;
            consider(u0, cur, off, d, d);
            bestAtEnd = bestTime == d;
            int nk = scratch.length;
            if (nk == 1 && dyn.beta(0) == alpha) {
                double c = cur[off];
                if (c != 0) {
                    double t = (c - u0) / (c * alpha);
                    if (t > 0 && t < d) {
                        considerInterior(u0, cur, off, t);
                    }
                }
                return;
            }
            // u(t) = A exp(-alpha t) + sum_k b_k exp(-beta_k t); u' is an exponential sum.
            double a = u0;
            for (int k = 0; k < nk; k++) {
                double b = cur[off + k] * alpha / (alpha - dyn.beta(k));
                a -= b;
                coef[k + 1] = -dyn.beta(k) * b;
                rate[k + 1] = dyn.beta(k);
            }
            coef[0] = -alpha * a;
            rate[0] = alpha;
            int m = zeros.find(coef, rate, nk + 1, d, roots);
            for (int i = 0; i < m; i++) {
                considerInterior(u0, cur, off, roots[i]);
            }
        }

        private void considerInterior(double u0, double[] cur, int off, double t) {
            double v = dyn.membrane(u0, cur, off, t);
            if (v > bestValue) {
                bestValue = v;
                bestTime = t;
                bestAtEnd = false;
            }
        }

        private void consider(double u0, double[] cur, int off, double t, double d) {
            double v = dyn.membrane(u0, cur, off, t);
            if (v > bestValue) {
                bestValue = v;
                bestTime = t;
            }
        }
    }
}
