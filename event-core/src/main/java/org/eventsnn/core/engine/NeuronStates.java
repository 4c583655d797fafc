package org.eventsnn.core.engine;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.solver.CrossingSolver;
import org.eventsnn.core.solver.LifDynamics;
import org.eventsnn.core.solver.Span;

import java.util.Arrays;

/**
 * The state of every LIF neuron of a network during one simulation ({@code u = V - leak}, one
 * current per receptor, refractory clamp) with the rules both simulators share: closed-form
 * evolution between events, and after every change of state a pending event for the neuron, kept
 * in a {@link Pending} store: a check at a rigorous lower bound of its next crossing (cheap;
 * most inputs come before it), its exact next crossing, or nothing if it cannot cross within the
 * window. Reaching a check computes the exact crossing from the state at the last update,
 * without evolving it. With lazy checks (for a caller that knows each neuron's next input) a
 * check is scheduled at the last update instead and its bound is only tested, against that next
 * input, by {@link #staysBelowUntil}: most checks are never reached, and testing needs no
 * division; with one synaptic time constant, where the membrane has at most one peak, most of
 * the rest are decided by the membrane and current at the next input. Neurons with several fast
 * receptors ({@link EpochGrid#of}) keep coefficients on epochs beside {@code u} and the
 * currents, so that the targets of a row share its arrival time's factors (docs/exactness.md,
 * "Epoch coefficients"); {@code u} and the currents at the last update are still what
 * predictions, bounds and checks read. Not thread-safe.
 */
final class NeuronStates {
    /** Where each neuron's single pending event is kept. */
    interface Pending {
        /** Schedules (or reschedules) the neuron's pending event. */
        void schedule(int neuron, double t, int kind);

        /** Drops the neuron's pending event, if any. */
        void remove(int neuron);

        /** True if the neuron's pending event is a predicted spike. */
        boolean hasSpikePending(int neuron);
    }

    /** The epoch factors of up to {@code 2^SHARED_FACTORS_BITS} recent arrival times are kept. */
    private static final int SHARED_FACTORS_BITS = 8;
    private static final int SHARED_FACTORS = 1 << SHARED_FACTORS_BITS;
    /** New bounds at most at as many checks per state, before it is solved exactly. */
    private static final int MAX_REBOUNDS = 3;

    private final Network network;
    private final Pending pending;
    private final boolean lazyChecks;
    private final int[] populationOf;
    private final int[] currentOffset;
    private final LifDynamics[] dynamics;
    private final CrossingSolver[] solvers;
    private final double[] u;
    private final double[] currents;
    private final double[] lastUpdate;
    private final boolean[] clamped;
    /** Clamped until after the window: its state can no longer matter (unless traced). */
    private final boolean[] doneForWindow;
    private double duration;
    private boolean predicting;
    /** The factors of the last span a neuron advanced over, for the next neuron with the same one. */
    private final Span sharedSpan;
    /** The factors of a span no other neuron shares (up to a neuron's own spike). */
    private final Span ownSpan;
    /** Checks a neuron reached and answered with a new bound since its state last changed. */
    private final byte[] rebounds;
    /** A neuron's receptor currents at a check, for its new bound. */
    private final double[] currentsAtCheck;
    /** Per neuron, the grid of its epochs, or null where the state is kept as {@code u} and currents alone. */
    private final EpochGrid[] grids;
    /** False where no neuron is on epochs, so that the plain path reads no grid per input. */
    private final boolean anyOnEpochs;
    /** On epochs: the membrane's coefficient {@code A}, the currents' {@code C_k}, the epoch's number. */
    private final double[] membraneCoefficient;
    private final double[] currentCoefficients;
    private final long[] epoch;
    /**
     * The epoch factors of recent arrival times, by a hash of the time, for the next neuron of the
     * same grid that receives at one of them: the targets of a row one after the other (the
     * queue), or neuron by neuron the inputs of a window, which come from few spikes (the
     * multi-threaded engine). Values of (grid, t) alone, so what is kept changes no bit.
     */
    private final EpochFactors[] sharedFactors;
    /** The epoch factors at a neuron's own spike or release. */
    private final EpochFactors ownFactors;

    /** With {@code lazyChecks}, checks are scheduled at the last update and tested by {@link #staysBelowUntil}. */
    NeuronStates(Network network, Pending pending, boolean lazyChecks) {
        this.network = network;
        this.pending = pending;
        this.lazyChecks = lazyChecks;
        int n = network.neuronCount();
        populationOf = new int[n];
        currentOffset = new int[n + 1];
        dynamics = LifDynamics.perNeuron(network);
        solvers = new CrossingSolver[n];
        for (int g = 0; g < n; g++) {
            if (dynamics[g] != null) {
                boolean shared = g > 0 && dynamics[g] == dynamics[g - 1];
                solvers[g] = shared ? solvers[g - 1] : new CrossingSolver(dynamics[g].params());
            }
        }
        for (int p = 0; p < network.populations().size(); p++) {
            Population pop = network.population(p);
            int receptors = pop.isInput() ? 0 : pop.params().receptorCount();
            for (int i = 0; i < pop.size(); i++) {
                int g = network.offset(p) + i;
                populationOf[g] = p;
                currentOffset[g + 1] = currentOffset[g] + receptors;
            }
        }
        u = new double[n];
        currents = new double[currentOffset[n]];
        lastUpdate = new double[n];
        clamped = new boolean[n];
        doneForWindow = new boolean[n];
        int receptors = 0;
        for (int g = 0; g < n; g++) {
            receptors = Math.max(receptors, currentOffset[g + 1] - currentOffset[g]);
        }
        sharedSpan = new Span(receptors);
        ownSpan = new Span(receptors);
        rebounds = new byte[n];
        currentsAtCheck = new double[receptors];
        grids = EpochGrid.perNeuron(dynamics);
        boolean onEpochs = false;
        for (EpochGrid grid : grids) {
            onEpochs |= grid != null;
        }
        anyOnEpochs = onEpochs;
        membraneCoefficient = new double[onEpochs ? n : 0];
        currentCoefficients = new double[onEpochs ? currents.length : 0];
        epoch = new long[onEpochs ? n : 0];
        sharedFactors = new EpochFactors[onEpochs ? SHARED_FACTORS : 0];
        for (int i = 0; i < sharedFactors.length; i++) {
            sharedFactors[i] = new EpochFactors(receptors);
        }
        ownFactors = new EpochFactors(receptors);
    }

    /**
     * Puts every LIF neuron of populations {@code [from, to)} into its initial state and predicts
     * its first event, for a window ending at {@code duration}; with {@code predicting} false
     * (replay) no crossing is ever predicted.
     */
    void reset(int from, int to, double duration, boolean predicting) {
        this.duration = duration;
        this.predicting = predicting;
        int lo = network.offset(from);
        int hi = to == network.populations().size() ? network.neuronCount() : network.offset(to);
        Arrays.fill(currents, currentOffset[lo], currentOffset[hi], 0);
        Arrays.fill(lastUpdate, lo, hi, 0);
        Arrays.fill(clamped, lo, hi, false);
        Arrays.fill(doneForWindow, lo, hi, false);
        for (int p = from; p < to; p++) {
            Population pop = network.population(p);
            if (pop.isInput()) {
                continue;
            }
            for (int i = 0; i < pop.size(); i++) {
                int g = network.offset(p) + i;
                u[g] = pop.initialV(i) - pop.params(i).leak();
                startOnEpoch(g);
                predict(g);
            }
        }
    }

    /**
     * Puts the LIF neurons with global indices in {@code [lo, hi)} into their initial state and
     * predicts their first events, for a window ending at {@code duration}: what one partition
     * of the multi-threaded engine owns. Other neurons are left alone.
     */
    void resetNeurons(int lo, int hi, double duration) {
        this.duration = duration;
        this.predicting = true;
        Arrays.fill(currents, currentOffset[lo], currentOffset[hi], 0);
        Arrays.fill(lastUpdate, lo, hi, 0);
        Arrays.fill(clamped, lo, hi, false);
        Arrays.fill(doneForWindow, lo, hi, false);
        for (int g = lo; g < hi; g++) {
            if (dynamics[g] != null) {
                int p = populationOf[g];
                int i = g - network.offset(p);
                u[g] = network.population(p).initialV(i) - network.population(p).params(i).leak();
                startOnEpoch(g);
                predict(g);
            }
        }
    }

    /** True if neuron g keeps its state on epochs; the flag first, so that the plain path reads no grid. */
    private boolean onEpochs(int g) {
        return anyOnEpochs && grids[g] != null;
    }

    /** Neuron g's coefficients for its initial state at time 0 (epoch 0, {@code T0 = 0}, no current). */
    private void startOnEpoch(int g) {
        if (onEpochs(g)) {
            membraneCoefficient[g] = u[g];
            Arrays.fill(currentCoefficients, currentOffset[g], currentOffset[g + 1], 0);
            epoch[g] = 0;
        }
    }

    int populationOf(int g) {
        return populationOf[g];
    }

    /** The time neuron g's state was last updated (advanced or changed). */
    double lastUpdate(int g) {
        return lastUpdate[g];
    }

    /** Neuron g's dynamics, null for an input. */
    LifDynamics dynamics(int g) {
        return dynamics[g];
    }

    /** True once the neuron is clamped beyond the window's end: inputs to it can no longer matter. */
    boolean isDoneForWindow(int g) {
        return doneForWindow[g];
    }

    /**
     * Evolves neuron g (off epochs) in closed form up to time t. The decay factors of the last
     * span are kept: the neurons of a layer receive the same input spikes one after the other, so
     * most advance over the same span as the neuron before.
     */
    private void advance(int g, double t) {
        double dt = t - lastUpdate[g];
        if (dt > 0) {
            u[g] = dynamics[g].evolve(u[g], currents, currentOffset[g], sharedSpan(g, dt), clamped[g]);
            lastUpdate[g] = t;
        }
    }

    /**
     * {@link #advance} to the neuron's own spike, a span no other neuron shares: the factors kept
     * for the others are left alone.
     */
    void advanceToOwnSpike(int g, double t) {
        if (onEpochs(g)) {
            grids[g].fill(ownFactors, t);
            advanceOnEpoch(g, t, ownFactors);
            return;
        }
        double dt = t - lastUpdate[g];
        if (dt > 0) {
            dynamics[g].fill(ownSpan, dt);
            u[g] = dynamics[g].evolve(u[g], currents, currentOffset[g], ownSpan, clamped[g]);
            lastUpdate[g] = t;
        }
    }

    /**
     * Neuron g (on epochs) at time t from its coefficients, with the factors {@code f} at t:
     * carried to t's epoch if its own is earlier, then {@code I_k = C_k exp(-beta_k s)} and,
     * unless clamped, {@code u = A exp(-alpha s) + sum_k c_k I_k}.
     */
    private void advanceOnEpoch(int g, double t, EpochFactors f) {
        if (!(t - lastUpdate[g] > 0)) {
            return;
        }
        EpochGrid grid = f.grid;
        int k0 = currentOffset[g];
        int receptors = currentOffset[g + 1] - k0;
        long shift = f.epoch - epoch[g];
        if (shift != 0) {
            epoch[g] = f.epoch;
            membraneCoefficient[g] *= grid.membraneShift(shift);
            for (int k = 0; k < receptors; k++) {
                currentCoefficients[k0 + k] *= grid.currentShift(shift, k);
            }
        }
        double v = membraneCoefficient[g] * f.membraneDecay;
        for (int k = 0; k < receptors; k++) {
            double current = currentCoefficients[k0 + k] * f.currentDecay[k];
            currents[k0 + k] = current;
            v += grid.response[k] * current;
        }
        if (!clamped[g]) {
            u[g] = v;
        }
        lastUpdate[g] = t;
    }

    /** The epoch factors at t of neuron g's grid, kept for the next neuron that needs them. */
    private EpochFactors sharedFactors(int g, double t) {
        long bits = Double.doubleToRawLongBits(t) * 0x9E3779B97F4A7C15L;
        EpochFactors f = sharedFactors[(int) (bits >>> (64 - SHARED_FACTORS_BITS))];
        if (!f.holds(grids[g], t)) {
            grids[g].fill(f, t);
        }
        return f;
    }

    /**
     * Sets neuron g's membrane coefficient (on epochs, at its last update t, in t's epoch, with the
     * factors {@code f} at t) from its {@code u} and currents: after a reset or a release.
     */
    private void membraneOnEpoch(int g, EpochFactors f) {
        EpochGrid grid = f.grid;
        int k0 = currentOffset[g];
        double free = u[g];
        for (int k = 0; k < currentOffset[g + 1] - k0; k++) {
            free -= grid.response[k] * currents[k0 + k];
        }
        membraneCoefficient[g] = free * f.membraneGrowth;
    }

    /** Neuron g's factors over dt, kept for the next neuron that needs the same span. */
    private Span sharedSpan(int g, double dt) {
        if (!sharedSpan.holds(dynamics[g], dt)) {
            dynamics[g].fill(sharedSpan, dt);
        }
        return sharedSpan;
    }

    /**
     * {@link #receive}'s jump for a neuron on epochs, up to its prediction: a method of its own so
     * that {@code receive} stays small enough for the compiler to inline where no neuron is on
     * epochs (the microcircuit).
     */
    private void receiveOnEpoch(int g, double t, int receptor, double weight) {
        EpochGrid grid = grids[g];
        EpochFactors f = sharedFactors(g, t);
        advanceOnEpoch(g, t, f);
        int k = currentOffset[g] + receptor;
        currentCoefficients[k] += weight * f.currentGrowth[receptor];
        // unused while clamped: the release sets the membrane's coefficient again
        membraneCoefficient[g] -= grid.response[receptor] * weight * f.membraneGrowth;
        currents[k] += weight;
    }

    /**
     * A synaptic jump of {@code weight} on receptor {@code receptor} of neuron g at time t: evolves
     * g to t, adds the jump and, unless g is refractory, predicts its next event.
     */
    void receive(int g, double t, int receptor, double weight) {
        if (onEpochs(g)) {
            receiveOnEpoch(g, t, receptor, weight);
        } else {
            advance(g, t);
            if (dynamics[g].isDelta(receptor)) {
                jump(g, t, weight);
                return;
            }
            currents[currentOffset[g] + receptor] += weight;
        }
        if (!clamped[g] && (weight > 0 || pending.hasSpikePending(g))) {
            predict(g);
        }
        // else a jump down: the membrane stays below where it was heading for all time (every
        // kernel is >= 0), so a pending check is still early enough (a lazy one tests the state
        // as it is when tested), no pending event still means no crossing in the window, and a
        // delta jump's check at this instant still fires after the instant's other arrivals
    }

    /**
     * A delta synapse's arrival at time t (g already advanced to t): {@code u} jumps by
     * {@code weight}, unless g is refractory (its potential is held at reset, so the jump is
     * lost). A jump to or above threshold makes g fire at t, but only after every other arrival,
     * drive arrival and release at t: it schedules a check at t, which the event order puts after
     * them, and a later arrival at t (inhibition) that brings u back below threshold replaces it.
     * So what fires at t depends on the sum of the jumps at t, not on their order.
     */
    private void jump(int g, double t, double weight) {
        if (clamped[g]) {
            return;
        }
        u[g] += weight;
        if (predicting && solvers[g].reached(u[g])) {
            pending.schedule(g, t, QuaternaryEventHeap.CHECK);
        } else {
            predict(g);
        }
    }

    double totalCurrent(int g) {
        double s = 0;
        for (int k = currentOffset[g]; k < currentOffset[g + 1]; k++) {
            s += currents[k];
        }
        return s;
    }

    /**
     * Resets neuron g after its spike at time t (already advanced to t) and schedules the end of
     * its refractory period, or without one its next event; true if it is free again at once.
     */
    boolean resetAfterSpike(int g, double t, boolean traced) {
        NeuronParameters params = dynamics[g].params();
        u[g] = params.reset() - params.leak();
        if (params.refractory() > 0) { // on epochs, the membrane's coefficient is set again at the release
            clamped[g] = true;
            doneForWindow[g] = !traced && t + params.refractory() > duration;
            pending.schedule(g, t + params.refractory(), QuaternaryEventHeap.RELEASE);
            return false;
        }
        if (onEpochs(g)) {
            if (!ownFactors.holds(grids[g], t)) {
                grids[g].fill(ownFactors, t);
            }
            membraneOnEpoch(g, ownFactors);
        }
        predict(g);
        return true;
    }

    /**
     * Ends neuron g's refractory period at time t and predicts its next event; returns its total
     * synaptic current at that moment.
     */
    double release(int g, double t) {
        if (onEpochs(g)) {
            grids[g].fill(ownFactors, t);
            advanceOnEpoch(g, t, ownFactors);
            membraneOnEpoch(g, ownFactors);
        } else {
            advance(g, t);
        }
        clamped[g] = false;
        double current = totalCurrent(g);
        predict(g);
        return current;
    }

    /** Schedules neuron g's next event after a change of its state (made at its last update). */
    private void predict(int g) {
        double t = lastUpdate[g];
        rebounds[g] = 0;
        if (!predicting) {
            pending.remove(g); // spikes come from an observed record: nothing to predict
            return;
        }
        if (lazyChecks) {
            if (solvers[g].reached(u[g])) {
                predictExactly(g);
            } else {
                pending.schedule(g, t, QuaternaryEventHeap.CHECK);
            }
            return;
        }
        double bound = solvers[g].lowerBound(u[g], currents, currentOffset[g]);
        if (bound == 0) {
            predictExactly(g);
        } else if (t + bound > duration) {
            pending.remove(g);
        } else {
            pending.schedule(g, t + bound, QuaternaryEventHeap.CHECK);
        }
    }

    /**
     * Neuron g's check came due at {@code now}. If the lower bound from its state at its last
     * update lies later (the check was kept through a jump down), the check moves there. Else,
     * up to {@link #MAX_REBOUNDS} times per state, a new bound from its state at {@code now}
     * ({@link #boundAgainAt}); else its exact crossing. Spikes come from {@link #predictExactly}
     * on the state at the last update alone, so they do not depend on how many checks came first.
     */
    void checkReached(int g, double now) {
        double t = lastUpdate[g];
        double bound = solvers[g].lowerBound(u[g], currents, currentOffset[g]);
        if (t + bound > duration) {
            pending.remove(g);
        } else if (t + bound > now) {
            pending.schedule(g, t + bound, QuaternaryEventHeap.CHECK);
        } else if (rebounds[g] >= MAX_REBOUNDS || !boundAgainAt(g, now)) {
            predictExactly(g);
        }
    }

    /**
     * A neuron's check is due: instead of solving, bounds its crossing again from its state at
     * {@code now} (evaluated, not stored), which its input usually changes before that bound
     * is reached. False, and nothing scheduled, if that state is too close to threshold for its
     * rounding to be covered by the bound's safety factor.
     */
    private boolean boundAgainAt(int g, double now) {
        double span = now - lastUpdate[g];
        if (!(span > 0)) {
            return false;
        }
        rebounds[g]++;
        Span s = sharedSpan(g, span);
        int k0 = currentOffset[g];
        int receptors = currentOffset[g + 1] - k0;
        for (int k = 0; k < receptors; k++) {
            currentsAtCheck[k] = currents[k0 + k] * s.currentDecay[k];
        }
        double uNow = dynamics[g].membraneAfter(u[g], currents, k0, s);
        double bound = solvers[g].lowerBoundClear(uNow, currentsAtCheck, 0, Math.abs(u[g]) + currentMagnitude(g));
        if (bound == 0) {
            return false;
        } else if (now + bound > duration) {
            pending.remove(g);
        } else {
            pending.schedule(g, now + bound, QuaternaryEventHeap.CHECK);
        }
        return true;
    }

    /**
     * Schedules neuron g's exact next crossing, if any in the window, solved from its state at its
     * last update, which stays as it is: a check reached without further input changes nothing,
     * so a neuron's state and spikes depend only on its inputs, never on when checks happen.
     */
    void predictExactly(int g) {
        double from = lastUpdate[g];
        double dt = solvers[g].next(u[g], currents, currentOffset[g], duration - from);
        if (dt == Double.POSITIVE_INFINITY) {
            pending.remove(g);
        } else {
            pending.schedule(g, from + dt, QuaternaryEventHeap.SPIKE);
        }
    }

    /**
     * True if a rigorous lower bound shows that neuron g, in its state at its last update, stays
     * below threshold until after {@code limit}: the test of a lazy check.
     */
    boolean staysBelowUntil(int g, double limit) {
        double span = limit - lastUpdate[g];
        CrossingSolver solver = solvers[g];
        if (solver.staysBelowFor(u[g], currents, currentOffset[g], span)) {
            return true;
        }
        return span > 0 && solver.hasOneTimeConstant() && staysBelowByValueAt(g, span);
    }

    /**
     * {@link CrossingSolver#staysBelowOver} for neuron g over the span to its next input: the
     * neuron advances over that span at the input, so its factors are no extra work.
     */
    private boolean staysBelowByValueAt(int g, double span) {
        Span s = sharedSpan(g, span);
        LifDynamics d = dynamics[g];
        int k0 = currentOffset[g];
        return solvers[g].staysBelowOver(u[g], totalCurrent(g), d.membraneAfter(u[g], currents, k0, s),
                d.currentAfter(currents, k0, s), currentMagnitude(g));
    }

    private double currentMagnitude(int g) {
        double s = 0;
        for (int k = currentOffset[g]; k < currentOffset[g + 1]; k++) {
            s += Math.abs(currents[k]);
        }
        return s;
    }

    /** Membrane potential and total current of neuron g at time {@code s >= } its last update, without changing it. */
    void sample(int g, double s, double[] out) {
        int k0 = currentOffset[g];
        double[] copy = Arrays.copyOfRange(currents, k0, currentOffset[g + 1]);
        double v = dynamics[g].evolve(u[g], copy, 0, s - lastUpdate[g], clamped[g]);
        double sum = 0;
        for (double c : copy) {
            sum += c;
        }
        out[0] = v + dynamics[g].params().leak();
        out[1] = sum;
    }
}
