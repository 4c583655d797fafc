package org.eventsnn.core.engine;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.PoissonDrive;

import java.util.Arrays;

/**
 * The neurons of one partition of the multi-threaded engine during a window, run one at a time
 * ({@link Partition} gathers their inputs): every neuron with synapses in the window's inbox
 * or an event of its own due in the window is visited, in ascending order, and runs through
 * its synapses, its Poisson arrivals and its own events in the global queue's order at each
 * instant (its spike, then its arrivals in queue order, its drive arrival, its release, its
 * check). Checks are lazy: tested against the neuron's next input or the window's end, solved
 * exactly only when the bound fails and the queue's further bounds do too, and moved to their bound for later windows. A neuron's
 * next event of its own or drive arrival registers it for the window to visit it in. Spikes go
 * to the window's {@link WindowSpikes} with their merge keys: a spike fired at the instant of
 * the neuron's event that predicted it carries that event's key, any other its own.
 */
final class WindowNeurons implements NeuronStates.Pending {
    private static final int NONE = -1;

    private final int lo;
    private final int hi;
    private final NeuronStates states;
    private final DriveStreams drives;
    private final WindowInbox inbox;
    private final WindowSpikes windowSpikes;
    private final PartitionSpikes spikes;
    /** The owned neurons to visit, by window number. */
    private final WakeLists wake = new WakeLists();
    private int[] wakeNeurons = new int[64];
    /** Per owned neuron ({@code g - lo}): the window it is to be visited in, or -1. */
    private final int[] wakeWindow;
    /** Per owned neuron: its pending event (time, kind or {@link #NONE}). */
    private final double[] pendingTime;
    private final int[] pendingKind;
    /** Per owned neuron: local number of its last spike, or {@code -2 - s} for spike s of the window's buffer. */
    private final int[] lastSpike;
    private WindowEnds windows;
    private double duration;
    private double windowEnd;
    /** The event of the visited neuron processed last: its time and merge key. */
    private double eventTime;
    private int eventRank;
    private long eventA;
    private long eventB;
    long driveArrivals;

    /** The neurons with global indices in {@code [lo, hi)}, taking synapses from {@code inbox} and recording spikes in {@code windowSpikes}, then {@code spikes}. */
    WindowNeurons(Network network, int lo, int hi, WindowInbox inbox, WindowSpikes windowSpikes, PartitionSpikes spikes) {
        this.lo = lo;
        this.hi = hi;
        this.inbox = inbox;
        this.windowSpikes = windowSpikes;
        this.spikes = spikes;
        int owned = hi - lo;
        pendingTime = new double[owned];
        pendingKind = new int[owned];
        wakeWindow = new int[owned];
        lastSpike = new int[owned];
        states = new NeuronStates(network, this, true);
        drives = new DriveStreams(network);
    }

    /** Starts a run in {@code runWindows}: initial states and drive trains; every neuron is visited in window 0. */
    void reset(WindowEnds runWindows, double runDuration) {
        windows = runWindows;
        duration = runDuration;
        driveArrivals = 0;
        Arrays.fill(lastSpike, -1);
        Arrays.fill(pendingKind, NONE);
        Arrays.fill(wakeWindow, -1);
        states.resetNeurons(lo, hi, duration);
        drives.reset(lo, hi);
        wake.clear();
        for (int g = lo; g < hi; g++) {
            if (states.dynamics(g) != null) {
                wake.add(0, g);
                wakeWindow[g - lo] = 0;
            }
        }
    }

    int populationOf(int g) {
        return states.populationOf(g);
    }

    /** True once neuron g is clamped beyond the run's end: inputs to it can no longer matter. */
    boolean isDoneForWindow(int g) {
        return states.isDoneForWindow(g);
    }

    /** Starts window k: {@link #due} holds for its times from now on. */
    void startWindow(int k) {
        windowEnd = windows.end(k);
    }

    /**
     * Runs window k's neurons: those with synapses in the inbox (sorted) and those registered for
     * the window.
     */
    void run(int k) {
        int woken = takeWoken(k);
        if (inbox.size() + woken >= (hi - lo) / 4) {
            visitAll(k);
        } else {
            visitSome(k, woken);
        }
    }

    /** Spike s of the window's buffer, neuron g's, became local spike {@code local} of the record. */
    void numbered(int g, int s, int local) {
        if (lastSpike[g - lo] == -2 - s) {
            lastSpike[g - lo] = local;
        }
    }

    @Override
    public void schedule(int g, double t, int kind) {
        pendingTime[g - lo] = t;
        pendingKind[g - lo] = kind;
    }

    @Override
    public void remove(int g) {
        pendingKind[g - lo] = NONE;
    }

    @Override
    public boolean hasSpikePending(int g) {
        return pendingKind[g - lo] == QuaternaryEventHeap.SPIKE;
    }

    /** Takes the neurons registered for window k into {@link #wakeNeurons}; returns how many (duplicates included). */
    private int takeWoken(int k) {
        int woken = wake.take(k);
        if (wakeNeurons.length < woken) {
            wakeNeurons = new int[Math.max(woken, 2 * wakeNeurons.length)];
        }
        wake.copyTaken(wakeNeurons);
        return woken;
    }

    /** Visits, in ascending order, every owned neuron with synapses in the inbox or registered for window k. */
    private void visitAll(int k) {
        int n = inbox.neurons();
        int j = 0;
        int next = n > 0 ? inbox.neuron(0) : hi;
        for (int g = lo; g < hi; g++) {
            if (g == next) {
                visit(g, inbox.first(j), inbox.first(j + 1), k);
                j++;
                next = j < n ? inbox.neuron(j) : hi;
            } else if (wakeWindow[g - lo] == k) {
                visit(g, 0, 0, k);
            }
        }
    }

    /**
     * {@link #visitAll} for a window in which few neurons have anything due: the inbox's neurons
     * in ascending order, then the {@code woken} neurons registered for window k that were not
     * among them, in the order registered (the order of visits does not change any result).
     */
    private void visitSome(int k, int woken) {
        for (int j = 0, n = inbox.neurons(); j < n; j++) {
            visit(inbox.neuron(j), inbox.first(j), inbox.first(j + 1), k);
        }
        for (int w = 0; w < woken; w++) {
            int g = wakeNeurons[w];
            if (wakeWindow[g - lo] == k) { // else visited since it was registered, or listed twice
                visit(g, 0, 0, k);
            }
        }
    }

    /** True for an event at t within the window being run (and the run, and the spikes' cutoff). */
    boolean due(double t) {
        return t < windowEnd && t <= duration && t <= windowSpikes.cutoff();
    }

    /**
     * Runs owned neuron g through window k: its synapses {@code [from, to)} of the inbox, its
     * drive arrivals and its own events, in the queue's order; then registers the window of its
     * next event of its own or drive arrival.
     */
    private void visit(int g, int from, int to, int k) {
        eventTime = Double.NaN;
        double drive = drives.next(g);
        PoissonDrive d = null;
        long train = 0; // the drive's stream, kept here during the visit
        int driveReceptor = 0;
        double driveWeight = 0;
        if (drive < Double.POSITIVE_INFINITY) {
            d = drives.of(g);
            train = drives.state(g);
            driveReceptor = d.receptor();
            driveWeight = d.weight();
        }
        int s = from;
        double ta = s < to ? inbox.time(s) : Double.POSITIVE_INFINITY;
        while (true) {
            boolean arrival = ta <= drive; // at one instant an arrival comes before a drive arrival
            double t = arrival ? ta : drive;
            if (!due(t)) {
                break;
            }
            if (!nothingDueBefore(g, t)) {
                resolve(g, t, QuaternaryEventHeap.SPIKE);
            }
            if (arrival) {
                noteEvent(t, WindowSpikes.ARRIVAL_RANK, inbox.spike(s), inbox.place(s));
                if (!states.isDoneForWindow(g)) {
                    states.receive(g, t, inbox.receptor(s), inbox.weight(s));
                }
                s++;
                ta = s < to ? inbox.time(s) : Double.POSITIVE_INFINITY;
            } else {
                noteEvent(t, WindowSpikes.DRIVE_RANK, g, 0);
                drive = drives.draw(d, t, train);
                train = drives.drawnState();
                driveArrivals++;
                if (!states.isDoneForWindow(g)) {
                    states.receive(g, t, driveReceptor, driveWeight);
                }
            }
        }
        if (d != null) {
            drives.keep(g, drive, train);
        }
        int i = g - lo;
        if (pendingKind[i] == QuaternaryEventHeap.CHECK && pendingTime[i] <= states.lastUpdate(g)) {
            // a lazy check: placed at its bound from the last update, as the queue places it,
            // which usually lies beyond the window's end and needs no further test
            noteEvent(pendingTime[i], WindowSpikes.CHECK_RANK, g, 0);
            states.checkReached(g, pendingTime[i]);
        }
        double last = Math.min(duration, windowSpikes.cutoff());
        if (windowEnd <= last) {
            resolve(g, windowEnd, NONE);
        } else {
            resolve(g, last, QuaternaryEventHeap.CHECK);
        }
        if (pendingKind[i] == QuaternaryEventHeap.CHECK && due(pendingTime[i])) {
            // it stays below until the window's end: a check there, as the queue makes it (a
            // bound from the last update, a few new bounds from later states, then the exact
            // crossing), so that an idle neuron is not visited window after window
            states.checkReached(g, windowEnd);
        }
        double next = Math.min(pendingKind[i] == NONE ? Double.POSITIVE_INFINITY : pendingTime[i], drive);
        int w = next <= duration ? windows.ofAfter(next, k) : windows.count();
        if (w >= windows.count()) {
            wakeWindow[i] = -1;
        } else if (wakeWindow[i] != w) {
            wake.add(w, g);
            wakeWindow[i] = w;
        }
    }

    /**
     * True if {@link #resolve} up to an input at t would do nothing: no pending event, or a check
     * after t or at t (which orders after the input), or a lazy check whose bound test holds
     * until t: the test of nearly every input, without {@code resolve}'s loop over pending events.
     */
    private boolean nothingDueBefore(int g, double t) {
        int i = g - lo;
        int kind = pendingKind[i];
        return kind == NONE
                || kind == QuaternaryEventHeap.CHECK && (pendingTime[i] >= t || states.staysBelowUntil(g, t));
    }

    /** The visited neuron's event at t with merge key (rank, a, b) is being processed. */
    private void noteEvent(double t, int rank, long a, long b) {
        eventTime = t;
        eventRank = rank;
        eventA = a;
        eventB = b;
    }

    /**
     * Processes neuron g's pending events up to time {@code limit}; events at {@code limit} only
     * if their kind orders at or before {@code lastKind} (the queue's order at equal times). A
     * check is lazy: left alone if a bound shows the neuron below threshold until {@code limit};
     * else reached as the queue reaches it ({@link NeuronStates#checkReached}: its bound, new
     * bounds, then the exact crossing), which solves far less often than solving at once.
     */
    private void resolve(int g, double limit, int lastKind) {
        int i = g - lo;
        boolean mayCross = false; // the bound test failed for the state as it is
        while (pendingKind[i] != NONE) {
            double t = pendingTime[i];
            int kind = pendingKind[i];
            if (t > limit || (t == limit && kind > lastKind)) {
                return;
            }
            if (kind == QuaternaryEventHeap.SPIKE) {
                fire(g, t);
                mayCross = false;
            } else if (kind == QuaternaryEventHeap.RELEASE) {
                noteEvent(t, WindowSpikes.RELEASE_RANK, g, 0);
                double current = states.release(g, t);
                if (lastSpike[i] <= -2) {
                    windowSpikes.setCurrentAtRelease(-2 - lastSpike[i], current);
                } else {
                    spikes.setCurrentAtRelease(lastSpike[i], current);
                }
                mayCross = false;
            } else if (mayCross || !states.staysBelowUntil(g, limit)) {
                // reached as the queue reaches its check: moved to its bound, bounded again
                // from the state at t (up to three times per state), then solved exactly
                mayCross = true;
                noteEvent(t, WindowSpikes.CHECK_RANK, g, 0);
                states.checkReached(g, t);
            } else {
                return;
            }
        }
    }

    private void fire(int g, double t) {
        states.advanceToOwnSpike(g, t);
        double current = states.totalCurrent(g);
        int s = t == eventTime // predicted at this instant: placed by the event that predicted it
                ? windowSpikes.add(t, g, current, -1, eventRank, eventA, eventB)
                : windowSpikes.add(t, g, current, -1, WindowSpikes.SPIKE_RANK, g, 0);
        lastSpike[g - lo] = -2 - s;
        if (states.resetAfterSpike(g, t, false)) {
            windowSpikes.setCurrentAtRelease(s, current);
        }
    }
}
