package org.eventsnn.core.engine;

/**
 * The next event of the single event queue ({@link Simulator}) among its
 * four sources, by time and then as documented in docs/exactness.md: spikes (input spikes and
 * the neurons' own, by neuron), arrivals ({@link #ARRIVAL}, in their own queue's order), Poisson
 * drive arrivals ({@link #DRIVE}), releases, checks (by neuron).
 * One instance per engine, refilled by {@link #choose} before each event.
 */
final class NextEvent {
    static final int ARRIVAL = 1;
    static final int DRIVE = 5;

    /** Time of the chosen event; +infinity if every source is empty. */
    double time;
    /** Its class: a neuron event's kind (0 also for an input spike), {@link #ARRIVAL} or {@link #DRIVE}. */
    int kind;
    /** Its neuron (input spike, neuron event or drive arrival). */
    int neuron;
    /** True if it is the input spike {@code inputTime[nextInput]}. */
    boolean fromInput;

    /** Chooses the earliest event of the four sources. */
    void choose(double[] inputTime, int[] inputNeuron, int nextInput, NeuronEventQueue neuronEvents,
                ArrivalQueue arrivals, TimeQueue driveEvents) {
        double t = Double.POSITIVE_INFINITY;
        int cls = 4;
        int id = Integer.MAX_VALUE;
        if (nextInput < inputTime.length) {
            t = inputTime[nextInput];
            cls = 0;
            id = inputNeuron[nextInput];
        }
        if (!neuronEvents.isEmpty()) {
            int g = neuronEvents.top();
            double tg = neuronEvents.topTime();
            int cg = neuronEvents.topKind();
            if (tg < t || (tg == t && (cg < cls || (cg == cls && g < id)))) {
                t = tg;
                cls = cg;
                id = g;
            }
        }
        boolean input = cls == 0 && nextInput < inputTime.length && id == inputNeuron[nextInput]
                && t == inputTime[nextInput];
        if (!arrivals.isEmpty()) {
            double ta = arrivals.topTime();
            if (ta < t || (ta == t && cls > ARRIVAL)) {
                t = ta;
                cls = ARRIVAL;
                input = false;
            }
        }
        if (!driveEvents.isEmpty()) {
            int g = driveEvents.topId();
            double td = driveEvents.topTime();
            if (td < t || (td == t && cls > ARRIVAL)) {
                t = td;
                cls = DRIVE;
                id = g;
                input = false;
            }
        }
        time = t;
        kind = cls;
        neuron = id;
        fromInput = input;
    }
}
