package org.eventsnn.core.engine;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.model.Projection;
import org.eventsnn.core.solver.CrossingSolver;
import org.eventsnn.core.solver.LifDynamics;
import org.eventsnn.core.solver.Span;

/**
 * The neurons of one population, simulated for {@link LayeredSimulation}, when they share one
 * parameter set with one receptor (as every preset's do): the operations {@link NeuronStates}
 * and {@link LayeredSimulation} perform for each neuron, in the same order on the same numbers,
 * so the spikes and their currents are the same to the bit. The state sits in flat arrays
 * indexed within the population, with the single pending event of each neuron kept beside it,
 * and the one dynamics and solver need no per-neuron lookup (a fastdeep sample's forward pass
 * took 10 % less time than through {@link NeuronStates}). Not thread-safe; reused between runs.
 */
final class UniformPopulation {
    /** Where the population's spikes go. */
    interface SpikeSink {
        /** Records a spike of global neuron g at time t with its total synaptic current; returns its id. */
        int add(double t, int g, double current);

        /** Records the total synaptic current of spike {@code spike}'s neuron when its refractory period ends. */
        void setCurrentAtRelease(int spike, double current);

        /** Records the current of an observed (replayed) spike at its time. */
        void setCurrentAtSpike(int spike, double current);
    }

    private static final int NONE = -1;

    private final Population population;
    private final int offset;
    private final LifDynamics dynamics;
    private final CrossingSolver solver;
    private final double resetU;
    private final double refractory;
    private final SpikeSink sink;
    private final double[] u;
    /** The current of the single receptor. */
    private final double[] current;
    private final double[] lastUpdate;
    private final double[] pendingTime;
    private final int[] pendingKind;
    private final boolean[] clamped;
    private final boolean[] doneForWindow;
    private final int[] lastSpike;
    private final Span sharedSpan = new Span(1);
    private final Span ownSpan = new Span(1);
    private double duration;

    /** True if population {@code pop} can be simulated this way. */
    static boolean suits(Population pop) {
        return !pop.isInput() && !pop.hasNeuronParams() && pop.params().receptorCount() == 1;
    }

    /** For population {@code p} of {@code network}, which {@link #suits} this. */
    UniformPopulation(Network network, int p, SpikeSink sink) {
        this.population = network.population(p);
        this.offset = network.offset(p);
        this.sink = sink;
        NeuronParameters params = population.params();
        dynamics = new LifDynamics(params);
        solver = new CrossingSolver(params);
        resetU = params.reset() - params.leak();
        refractory = params.refractory();
        int n = population.size();
        u = new double[n];
        current = new double[n];
        lastUpdate = new double[n];
        pendingTime = new double[n];
        pendingKind = new int[n];
        clamped = new boolean[n];
        doneForWindow = new boolean[n];
        lastSpike = new int[n];
    }

    /**
     * Puts every neuron into its initial state for a window ending at {@code duration} and, if
     * {@code predicting} (not in a replay, whose spikes are observed), predicts its first event.
     */
    void reset(double duration, boolean predicting) {
        this.duration = duration;
        double leak = population.params().leak();
        for (int i = 0; i < u.length; i++) {
            u[i] = population.initialV(i) - leak;
            current[i] = 0;
            lastUpdate[i] = 0;
            clamped[i] = false;
            doneForWindow[i] = false;
            lastSpike[i] = -1;
            if (predicting) {
                predict(i);
            } else {
                pendingKind[i] = NONE;
            }
        }
    }

    /**
     * The arrival at time t over row slots {@code [from, to)} of projection {@code pr} (a spike's
     * row, or with per-synapse delays the part of it arriving at t): each target first processes
     * its events up to t (its own spike at t comes first), then takes the synaptic jump.
     */
    void arrive(double t, Projection pr, int from, int to) {
        for (int r = from; r < to; r++) {
            int i = pr.rowPost(r);
            if (doneForWindow[i]) {
                continue;
            }
            // most often the pending event is a lazy check that holds: decided here without resolving
            boolean check = pendingKind[i] == QuaternaryEventHeap.CHECK;
            if (!check || !staysBelowUntil(i, t)) {
                resolve(i, t, QuaternaryEventHeap.SPIKE, check);
                if (doneForWindow[i]) {
                    continue; // it has just fired for the rest of the window: its state no longer matters
                }
            }
            jump(i, t, pr.rowWeight(r));
        }
    }

    /**
     * {@link #arrive} after {@link #resolveAll}{@code (t)}: each target's events up to t are
     * processed already (its lazy check tested against t, as {@link #arrive} would test it), so it
     * only advances to t, takes the jump and predicts.
     */
    void arriveResolved(double t, Projection pr, int from, int to) {
        for (int r = from; r < to; r++) {
            int i = pr.rowPost(r);
            if (doneForWindow[i]) {
                continue;
            }
            jump(i, t, pr.rowWeight(r));
        }
    }

    /** Neuron i, whose events before t are processed, advances to t, takes a synaptic jump and predicts its next event. */
    private void jump(int i, double t, double weight) {
        advance(i, t);
        current[i] += weight;
        if (!clamped[i]) {
            predict(i);
        }
    }

    /**
     * Part of {@link #finish}, once no arrival is left: every neuron's events up to time
     * {@code limit}, in the order and with the operations {@link #finish} would perform, its lazy
     * checks tested against the window's end as there. A check that holds leaves the neuron
     * without events for the rest of the window; one that fails gives the exact next crossing,
     * processed if not after {@code limit}. So no spike after {@code limit} is found, and a later
     * call with a later limit continues where this one stopped.
     */
    void finishUntil(double limit) {
        double end = Math.min(limit, duration);
        for (int i = 0; i < u.length; i++) {
            while (pendingKind[i] != NONE) {
                int kind = pendingKind[i];
                if (kind == QuaternaryEventHeap.CHECK) {
                    if (staysBelowUntil(i, duration)) {
                        pendingKind[i] = NONE; // as in finish, nothing more happens to it
                    } else {
                        predictExactly(i);
                    }
                    continue;
                }
                double t = pendingTime[i];
                if (t > end) {
                    break;
                }
                if (kind == QuaternaryEventHeap.SPIKE) {
                    fire(i, t);
                } else {
                    release(i, t);
                }
            }
        }
    }

    /**
     * {@link #arrive} in a replay, where nothing is predicted: each target's only pending event
     * is the end of its refractory period, processed first if it lies before t (at t the arrival
     * comes first, as in the queue).
     */
    void arriveReplayed(double t, Projection pr, int from, int to) {
        for (int r = from; r < to; r++) {
            int i = pr.rowPost(r);
            if (doneForWindow[i]) {
                continue;
            }
            releaseReplayedBefore(i, t);
            advance(i, t);
            current[i] += pr.rowWeight(r);
        }
    }

    /**
     * Neuron i's observed spike {@code spike} at time t in a replay, as the queue's replay fires
     * it: a release before t is processed, the neuron advances to t, the spike gets its current
     * ({@link Simulator#replayedCurrent} with {@code thresholdNoise}) and the neuron is reset.
     * Returns the neuron's previous spike if its release was still pending (the neuron fired
     * again within its refractory period, or at its very end), which is then never released;
     * else -1.
     */
    int fireReplayed(int i, double t, int spike, double thresholdNoise) {
        releaseReplayedBefore(i, t);
        int unreleased = pendingKind[i] == QuaternaryEventHeap.RELEASE ? lastSpike[i] : -1;
        advanceToOwnSpike(i, t);
        double total = Simulator.replayedCurrent(totalCurrent(i), population.params(), thresholdNoise);
        sink.setCurrentAtSpike(spike, total);
        resetAfterSpike(i, t, spike, total, false);
        return unreleased;
    }

    /** {@link #finish} in a replay: the releases within the window. */
    void finishReplayed() {
        for (int i = 0; i < u.length; i++) {
            if (pendingKind[i] == QuaternaryEventHeap.RELEASE && !(pendingTime[i] > duration)) {
                releaseReplayed(i, pendingTime[i]);
            }
        }
    }

    /** In a replay: neuron i's release, if it is pending before time t. */
    private void releaseReplayedBefore(int i, double t) {
        if (pendingKind[i] == QuaternaryEventHeap.RELEASE && pendingTime[i] < t) {
            releaseReplayed(i, pendingTime[i]);
        }
    }

    /** {@link #release} in a replay: nothing is predicted after it. */
    private void releaseReplayed(int i, double t) {
        advance(i, t);
        clamped[i] = false;
        pendingKind[i] = NONE;
        sink.setCurrentAtRelease(lastSpike[i], totalCurrent(i));
    }

    /** Processes every neuron's pending events before time t (and its spikes at t). */
    void resolveAll(double t) {
        for (int i = 0; i < u.length; i++) {
            resolve(i, t, QuaternaryEventHeap.SPIKE);
        }
    }

    /** Lets every neuron run to the window's end. */
    void finish() {
        for (int i = 0; i < u.length; i++) {
            resolve(i, duration, QuaternaryEventHeap.CHECK);
        }
    }

    /**
     * Processes neuron i's pending events up to time {@code limit}; events at {@code limit} only if
     * their kind orders at or before {@code lastKind}.
     */
    private void resolve(int i, double limit, int lastKind) {
        resolve(i, limit, lastKind, false);
    }

    /**
     * {@link #resolve(int, double, int)}, told by {@code checkFailed} that the pending lazy check
     * has just been tested against {@code limit} and failed, so that it is not tested again
     * (the test depends on nothing else, so it would fail again).
     */
    private void resolve(int i, double limit, int lastKind, boolean checkFailed) {
        boolean failed = checkFailed;
        while (pendingKind[i] != NONE) {
            double t = pendingTime[i];
            int kind = pendingKind[i];
            if (t > limit || (t == limit && kind > lastKind)) {
                return;
            }
            if (kind == QuaternaryEventHeap.SPIKE) {
                fire(i, t);
            } else if (kind == QuaternaryEventHeap.RELEASE) {
                release(i, t);
            } else if (failed || !staysBelowUntil(i, limit)) {
                failed = false;
                predictExactly(i);
            } else {
                return;
            }
        }
    }

    private void fire(int i, double t) {
        advanceToOwnSpike(i, t);
        double total = totalCurrent(i);
        int spike = sink.add(t, offset + i, total);
        resetAfterSpike(i, t, spike, total, true);
    }

    /**
     * Resets neuron i after its spike number {@code spike} at time t, with {@code total} its
     * current then: refractory until its release, or free at once (its current at release is
     * the spike's, and it predicts its next event unless {@code predicting} is false: a replay).
     */
    private void resetAfterSpike(int i, double t, int spike, double total, boolean predicting) {
        lastSpike[i] = spike;
        u[i] = resetU;
        if (refractory > 0) {
            clamped[i] = true;
            doneForWindow[i] = t + refractory > duration;
            pendingTime[i] = t + refractory;
            pendingKind[i] = QuaternaryEventHeap.RELEASE;
        } else {
            if (predicting) {
                predict(i);
            } else {
                pendingKind[i] = NONE;
            }
            sink.setCurrentAtRelease(spike, total);
        }
    }

    private void release(int i, double t) {
        advance(i, t);
        clamped[i] = false;
        double total = totalCurrent(i);
        predict(i);
        sink.setCurrentAtRelease(lastSpike[i], total);
    }

    /** {@link #advance} to the neuron's own spike, a span no other neuron shares: the shared factors are left alone. */
    private void advanceToOwnSpike(int i, double t) {
        double dt = t - lastUpdate[i];
        if (dt > 0) {
            dynamics.fill(ownSpan, dt);
            u[i] = dynamics.evolveOne(u[i], current[i], ownSpan, clamped[i]);
            current[i] *= ownSpan.currentDecay[0];
            lastUpdate[i] = t;
        }
    }

    private void advance(int i, double t) {
        double dt = t - lastUpdate[i];
        if (dt > 0) {
            if (!sharedSpan.holds(dynamics, dt)) {
                dynamics.fill(sharedSpan, dt);
            }
            u[i] = dynamics.evolveOne(u[i], current[i], sharedSpan, clamped[i]);
            current[i] *= sharedSpan.currentDecay[0];
            lastUpdate[i] = t;
        }
    }

    /** {@link NeuronStates}' total current: a sum from 0, so a current of -0 counts as +0 there too. */
    private double totalCurrent(int i) {
        return 0.0 + current[i];
    }

    /** A lazy check at the last update, or the exact crossing if the neuron is already at threshold. */
    private void predict(int i) {
        if (solver.reached(u[i])) {
            predictExactly(i);
        } else {
            pendingTime[i] = lastUpdate[i];
            pendingKind[i] = QuaternaryEventHeap.CHECK;
        }
    }

    private void predictExactly(int i) {
        double from = lastUpdate[i];
        double dt = solver.next(u[i], current[i], duration - from);
        if (dt == Double.POSITIVE_INFINITY) {
            pendingKind[i] = NONE;
        } else {
            pendingTime[i] = from + dt;
            pendingKind[i] = QuaternaryEventHeap.SPIKE;
        }
    }

    /** The test of a lazy check, as {@link NeuronStates#staysBelowUntil} makes it for one receptor. */
    private boolean staysBelowUntil(int i, double limit) {
        double span = limit - lastUpdate[i];
        if (solver.staysBelowFor(u[i], current[i], span)) {
            return true;
        }
        if (!(span > 0)) {
            return false;
        }
        if (!sharedSpan.holds(dynamics, span)) {
            dynamics.fill(sharedSpan, span);
        }
        double c = current[i];
        return solver.staysBelowOver(u[i], totalCurrent(i), dynamics.membraneAfterOne(u[i], c, sharedSpan),
                0.0 + c * sharedSpan.currentDecay[0], 0.0 + Math.abs(c))
                || solver.peaksBelow(u[i], c);
    }
}
