package org.eventsnn.core.kernel;

import org.eventsnn.core.engine.SimulationLimitException;
import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.record.SpikeRecord;
import org.eventsnn.core.record.SpikeTrains;

/**
 * Compares one run of the layer kernels with the event queue's on the same network and input
 * (docs/exactness.md, "Layer kernels").
 *
 * <p>Counts: every neuron fires as often in both, unless the draw grazes: moving every LIF
 * population's {@code theta = threshold - leak} by {@link #CUT} relative, up or down, changes
 * some neuron's count under the queue (a peak that near threshold, or a spike that near the
 * window's end, may go either way under rounding). Grazing draws are reported, not compared.
 *
 * <p>Times, spike c of a neuron at {@code s = t / tauMem} (the kernels'), in units of tauMem,
 * to first order: the rounding of the membrane, {@code 8 + n} units of 2^-53 (n inputs so far)
 * of the magnitude of its terms, {@code M = sum_j |w_j| (1 + s + s_j) e^-(s - s_j) + |u_reset|
 * + theta}, plus what the inputs' differences between the two runs (none for the network's
 * input, the measured one for an upstream spike) and the neuron's own previous spike's
 * difference move the membrane by, {@code sum_j |w_j| |1 - (s - s_j)| e^-(s - s_j) ds_j +
 * (|u_reset| + sum_j |w_j| e^-(s - s_j)) ds_prev}, both over the membrane's slope
 * {@code |du/ds| = |I - theta|} at the spike; plus Lambert W's own error {@code dW <= 10
 * 2^-53 |W| (1 + 1 / (1 + W))} ({@code W = -theta / I} at the crossing); plus 4 ulp of t. The
 * current at the spike (which gradients read) against the queue's carried to the kernels' time
 * by {@code e^-(t_k - t_q) / tauMem}: within {@code (8 + n) 2^-53 (1 + s) sum_j |w_j|
 * e^-(s - s_j) + 10 2^-53 (2 + W) I + sum_j |w_j| e^-(s - s_j) ds_j} (the current is
 * {@code -theta / W}: W's error moves it by {@code I dW / |W|}, the carry takes back
 * {@code I dW}; the rounding of W's argument cancels the same way), unless an input arrives
 * within the time budget of the spike (the current jumps there, and the two runs may place the
 * spike on either side of it; at one instant the queue records the current before the arrival).
 */
final class KernelVsQueue {
    /** Relative move of theta that decides whether a draw grazes. */
    static final double CUT = 1e-9;
    /** Units of 2^-53 of the membrane's magnitude allowed for rounding, besides one per input. */
    private static final double ROUNDING = 8;
    private static final double U = 0x1p-53;
    /** LambertW.w0OnNegativeAxis's stated error, in units of {@code 2^-53 (|W| + |z| W'(z))}. */
    private static final double LAMBERT_W = 10;
    private static final long LIMIT = 1_000_000;

    enum Outcome { AGREE, GRAZING, REFUSED }

    private final Network net;
    private final SpikeTrains input;
    /** Per global neuron and spike: the queue's times and currents, and the kernels' time difference (once compared). */
    private final double[][] queueTimes;
    private final double[][] queueCurrents;
    private final double[][] diff;
    /** Spikes compared; the most spikes of a LIF neuron under the queue (MAX_VALUE if it ran away). */
    int spikes;
    /** The largest spike-time difference of an {@link UnequalTausLayer} found so far, as a share of its first-order budget. */
    double worstShareOfBudget;
    /** The largest current difference at an {@link EqualTausLayer}'s spike found so far, as a share of its budget. */
    double worstShareOfCurrentBudget;
    int maxQueueCount;

    KernelVsQueue(Network net, SpikeTrains input) {
        this.net = net;
        this.input = input;
        SpikeRecord rec;
        try {
            rec = queue(net, input);
        } catch (SimulationLimitException e) {
            rec = null; // a runaway neuron: the kernels must refuse
        }
        double[][] times = rec == null ? null : byNeuron(net, rec, false);
        queueTimes = times;
        queueCurrents = rec == null ? null : byNeuron(net, rec, true);
        diff = new double[net.neuronCount()][];
        for (int g = 0; g < diff.length && times != null; g++) {
            diff[g] = new double[times[g].length];
            maxQueueCount = net.population(net.populationOf(g)).isInput() ? maxQueueCount
                    : Math.max(maxQueueCount, times[g].length);
        }
        maxQueueCount = times == null ? Integer.MAX_VALUE : maxQueueCount;
    }

    static SpikeRecord queue(Network net, SpikeTrains input) {
        return Simulator.withEventQueue(net, LIMIT).run(input).record();
    }

    /** Per global neuron, its spike times in the record, or with {@code current} the synaptic current at each. */
    static double[][] byNeuron(Network net, SpikeRecord rec, boolean current) {
        int[] count = new int[net.neuronCount()];
        for (int i = 0; i < rec.count(); i++) {
            count[rec.neuron(i)]++;
        }
        double[][] t = new double[count.length][];
        for (int g = 0; g < t.length; g++) {
            t[g] = new double[count[g]];
            count[g] = 0;
        }
        for (int i = 0; i < rec.count(); i++) {
            t[rec.neuron(i)][count[rec.neuron(i)]++] = current ? rec.currentAtSpike(i) : rec.time(i);
        }
        return t;
    }

    /** True if moving every theta by {@link #CUT} relative, up or down, changes some neuron's spike count under the queue. */
    boolean grazes() {
        for (int sign = -1; sign <= 1; sign += 2) {
            Network moved = net;
            for (int p = 0; p < net.populations().size(); p++) {
                Population pop = net.population(p);
                if (!pop.isInput()) {
                    NeuronParameters q = pop.params();
                    double theta = q.threshold() - q.leak();
                    moved = moved.withParams(p, q.toBuilder().threshold(q.leak() + theta * (1 + sign * CUT)).build());
                }
            }
            double[][] t;
            try {
                t = byNeuron(moved, queue(moved, input), false);
            } catch (SimulationLimitException e) {
                return true;
            }
            for (int g = 0; g < t.length; g++) {
                if (t[g].length != queueTimes[g].length) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Runs {@code kernels} (made for this network) and compares; throws an AssertionError for a
     * count that differs outside grazing draws, a run refused although no neuron fires more than
     * 256 times and the draw does not graze, or a time or current outside its budget.
     */
    Outcome compare(LayerKernels kernels) {
        if (!kernels.run(input)) {
            if (maxQueueCount > 256 || grazes()) {
                return Outcome.REFUSED;
            }
            throw new AssertionError("the kernels refused a run in which no neuron fires more than 256 times");
        }
        for (int p : kernels.order()) {
            EqualTausLayer layer = (EqualTausLayer) kernels.layer(p); // KernelDraws draws tauSyn = tauMem only
            for (int h = 0; h < layer.neurons(); h++) {
                if (layer.spikeCount(h) != queueTimes[net.offset(p) + h].length) {
                    if (grazes()) {
                        return Outcome.GRAZING;
                    }
                    throw new AssertionError("neuron " + h + " of " + net.population(p).name() + " fires "
                            + layer.spikeCount(h) + " times, under the queue " + queueTimes[net.offset(p) + h].length
                            + " times: " + java.util.Arrays.toString(queueTimes[net.offset(p) + h]));
                }
            }
            for (int h = 0; h < layer.neurons(); h++) {
                for (int c = 0; c < layer.spikeCount(h); c++) {
                    check(p, layer, h, c);
                }
            }
        }
        return Outcome.AGREE;
    }

    /**
     * For any kind of layer: every neuron fires as often as under the queue (else the draw must
     * graze, {@link Outcome#GRAZING}), every spike within {@code budget} seconds of the queue's;
     * returns the largest difference, or NaN for a grazing or refused draw (refused only where
     * a neuron fires more than 256 times under the queue).
     */
    double largestTimeDifference(LayerKernels kernels, double budget) {
        if (!kernels.run(input)) {
            if (maxQueueCount > 256 || grazes()) {
                return Double.NaN;
            }
            throw new AssertionError("the kernels refused a run in which no neuron fires more than 256 times");
        }
        double largest = 0;
        for (int p : kernels.order()) {
            KernelLayer layer = kernels.layer(p);
            for (int h = 0; h < layer.neurons(); h++) {
                double[] queue = queueTimes[net.offset(p) + h];
                if (layer.spikeCount(h) != queue.length) {
                    if (grazes()) {
                        return Double.NaN;
                    }
                    throw new AssertionError("neuron " + h + " of " + net.population(p).name() + " fires "
                            + layer.spikeCount(h) + " times, under the queue " + queue.length + " times");
                }
                for (int c = 0; c < queue.length; c++) {
                    double d = Math.abs(layer.spikeTime(h, c) - queue[c]);
                    if (!(d <= budget)) {
                        throw new AssertionError("spike " + c + " of neuron " + h + " of " + net.population(p).name()
                                + ": kernels " + layer.spikeTime(h, c) + " s, queue " + queue[c] + " s");
                    }
                    if (layer instanceof UnequalTausLayer unequal) {
                        checkUnequal(p, unequal, h, c);
                    }
                    largest = Math.max(largest, d);
                    spikes++;
                }
            }
        }
        return largest;
    }

    /**
     * Spike c of neuron h of an {@link UnequalTausLayer} against the queue's within a first-order
     * budget (the class comment's, for {@code tauSyn != tauMem}): with the neuron's previous spike
     * at {@code t_p} (or 0), an input j's share of the membrane at t is {@code F_j = K(t - t_j)}
     * if it came after {@code t_p}, else {@code e^-beta (t_p - t_j) K(t - t_p)}, where
     * {@code K(D) = alpha D e^-alpha D expm1((alpha - beta) D) / ((alpha - beta) D)} is the
     * membrane's response to a unit current; the rounding is {@code (8 + n)} units of 2^-53 of
     * {@code M = |u_reset| e^-alpha (t - t_p) + theta + sum_j |w_j| (F_j + e^-beta (t - t_j))}
     * (every intermediate state of the interval steps, decayed to t, is bounded by those terms,
     * as each input's share only grows by its current), and the moves are the measured
     * differences of the inputs and of {@code t_p} times the membrane's derivatives in them
     * ({@code K' = alpha (e^-beta D - K)}); both over the slope {@code alpha |I - theta|} at the
     * spike, plus 4 ulp of t.
     */
    private void checkUnequal(int p, UnequalTausLayer layer, int h, int c) {
        double alpha = layer.alpha();
        double beta = layer.dynamics().beta(0);
        double uReset = Math.abs(layer.reset());
        double t = layer.spikeTime(h, c);
        double tp = c > 0 ? layer.spikeTime(h, c - 1) : 0;
        double magnitude = uReset * Math.exp(-alpha * (t - tp)) + layer.theta();
        double moved = 0;
        double movedReset = c > 0 ? alpha * uReset * Math.exp(-alpha * (t - tp)) : 0;
        int inputs = c;
        for (int j = 0; j < layer.inputCount() && layer.inputTime(j) <= t; j++) {
            double w = Math.abs(layer.weight(layer.inputSlot(j), h));
            double tj = layer.inputTime(j);
            int g = layer.slotNeuron(layer.inputSlot(j));
            double dtj = net.population(net.populationOf(g)).isInput() ? 0 : diff[g][layer.inputOrigin(j)];
            double current = Math.exp(-beta * (t - tj));
            if (tj >= tp) {
                double k = response(alpha, beta, t - tj);
                magnitude += w * (k + current);
                moved += w * alpha * (current + k) * dtj;
            } else {
                double carried = Math.exp(-beta * (tp - tj));
                double k = response(alpha, beta, t - tp);
                magnitude += w * (carried * k + current);
                moved += w * beta * carried * k * dtj;
                movedReset += w * carried * (beta * k + alpha * (Math.exp(-beta * (t - tp)) + k));
            }
            inputs++;
        }
        int g = net.offset(p) + h;
        if (c > 0) {
            moved += movedReset * diff[g][c - 1];
        }
        double slope = alpha * Math.abs(layer.spikeCurrent(h, c) - layer.theta());
        double budget = ((ROUNDING + inputs) * U * magnitude + moved) / slope + 4 * Math.ulp(t);
        double err = Math.abs(t - queueTimes[g][c]);
        diff[g][c] = err;
        worstShareOfBudget = Math.max(worstShareOfBudget, err / budget);
        if (!(err <= budget)) {
            throw new AssertionError("spike " + c + " of neuron " + h + " of " + net.population(p).name() + " at " + t
                    + ", under the queue " + queueTimes[g][c] + ": error " + err + " above its first-order budget "
                    + budget + " (rounding " + (ROUNDING + inputs) * U * magnitude / slope + ", moved inputs "
                    + moved / slope + ")");
        }
    }

    /** The membrane's response at D to a unit current at 0 decaying at beta, computed without cancellation. */
    private static double response(double alpha, double beta, double d) {
        double x = (alpha - beta) * d;
        return alpha * d * Math.exp(-alpha * d) * (x == 0 ? 1 : Math.expm1(x) / x);
    }

    private void check(int p, EqualTausLayer layer, int h, int c) {
        NeuronParameters par = net.population(p).params();
        double uReset = Math.abs(par.reset() - par.leak());
        double alpha = layer.alpha();
        double t = layer.spikeTime(h, c);
        double s = t * alpha;
        double magnitude = uReset + layer.theta();
        double moved = 0;
        double current = 0;
        double movedCurrent = 0;
        int inputs = 0;
        for (int j = 0; j < layer.inputCount() && layer.inputTime(j) <= t; j++) {
            double w = Math.abs(layer.weight(layer.inputSlot(j), h));
            double lag = s - layer.inputScaledTime(j);
            double x = Math.exp(-lag);
            magnitude += w * (1 + s + layer.inputScaledTime(j)) * x;
            current += w * x;
            int g = layer.slotNeuron(layer.inputSlot(j));
            double ds = net.population(net.populationOf(g)).isInput() ? 0 : diff[g][layer.inputOrigin(j)] * alpha;
            moved += w * Math.abs(1 - lag) * x * ds;
            movedCurrent += w * x * ds;
            inputs++;
        }
        int g = net.offset(p) + h;
        if (c > 0) {
            moved += (uReset + current) * diff[g][c - 1] * alpha;
        }
        double slope = Math.abs(layer.spikeCurrent(h, c) - layer.theta());
        double units = ROUNDING + inputs;
        // W's own error: the crossing is W0 of its argument (u = theta there, so W = -theta / I),
        // within LAMBERT_W units of 2^-53 (|W| + |z| W'(z)), and z W'(z) = W / (1 + W)
        double w = Math.max(-1, -layer.theta() / layer.spikeCurrent(h, c)); // I >= theta at a crossing, but for rounding
        double wError = LAMBERT_W * U * Math.abs(w) * (1 + 1 / (1 + w)); // unbounded at the branch point, a grazing peak
        double rounding = (units * U * magnitude / slope + wError) / alpha;
        double budget = rounding + moved / slope / alpha + 4 * Math.ulp(t);
        double err = Math.abs(t - queueTimes[g][c]);
        diff[g][c] = err;
        spikes++;
        // the queue's current carried to the kernels' time, against the kernels', unless an input
        // arrives between the two spike times (give or take the budget)
        boolean tie = false;
        for (int j = 0; j < layer.inputCount(); j++) {
            tie |= Math.abs(layer.inputTime(j) - t) <= budget + err && layer.weight(layer.inputSlot(j), h) != 0;
        }
        double currentErr = Math.abs(layer.spikeCurrent(h, c) - queueCurrents[g][c] * Math.exp((queueTimes[g][c] - t) * alpha));
        // W's error dW moves the crossing by dW and the current -theta / W by I dW / |W|; after the
        // carry, I dW (1 + W) / |W| is left, at most LAMBERT_W 2^-53 (2 + W) I
        double currentBudget = units * U * (1 + s) * current + LAMBERT_W * U * (2 + w) * layer.spikeCurrent(h, c)
                + movedCurrent;
        if (!tie) {
            worstShareOfCurrentBudget = Math.max(worstShareOfCurrentBudget, currentErr / currentBudget);
        }
        if (!tie && !(currentErr <= currentBudget)) {
            throw new AssertionError("current at spike " + c + " of neuron " + h + " of " + net.population(p).name()
                    + ": " + layer.spikeCurrent(h, c) + ", under the queue " + queueCurrents[g][c] + ", error "
                    + currentErr + " above its budget " + currentBudget);
        }
        if (!(err <= budget)) {
            throw new AssertionError("spike " + c + " of neuron " + h + " of " + net.population(p).name() + " at " + t
                    + ", under the queue " + queueTimes[g][c] + ": error " + err + " above its budget " + budget
                    + " (rounding " + rounding + ", moved inputs " + moved / slope / alpha + ")");
        }
    }
}
