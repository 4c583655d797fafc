package org.eventsnn.core.record;

import org.eventsnn.core.base.Arguments;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.Population;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Spikes of named populations over a window {@code [0, duration]}: per population, parallel
 * arrays of neuron indices and times, ordered by time. Used for input and output alike (the
 * {@code eventsnn-spikes} file format). Immutable.
 */
public final class SpikeTrains {
    private final double duration;
    private final Map<String, Train> trains;
    /**
     * The populations of the network these spikes last passed {@link #requireInputOf} for (a
     * network's population list is immutable, and one with new weights shares it), so that
     * training, which runs the same inputs every epoch, checks each once.
     */
    private volatile List<Population> checkedAgainst;

    private SpikeTrains(double duration, Map<String, Train> trains) {
        this.duration = duration;
        this.trains = Collections.unmodifiableMap(trains);
    }

    /** A builder for a window of the given duration (seconds, finite, >= 0). */
    public static Builder builder(double duration) {
        return new Builder(duration);
    }

    /** The window's length, seconds. */
    public double duration() {
        return duration;
    }

    /** Population names in insertion order. */
    public Set<String> populations() {
        return trains.keySet();
    }

    /** True if spikes of this population were given (possibly none). */
    public boolean has(String population) {
        return trains.containsKey(population);
    }

    /**
     * Neuron indices of the population's spikes (a copy).
     *
     * @throws IllegalArgumentException naming the population and those present if it is absent
     */
    public int[] neurons(String population) {
        return train(population).neuron.clone();
    }

    /**
     * Times of the population's spikes (a copy). A simulation result's spikes hold every LIF
     * population, silent ones with no times.
     *
     * @throws IllegalArgumentException naming the population and those present if it is absent
     */
    public double[] times(String population) {
        return train(population).time.clone();
    }

    private Train train(String population) {
        Train t = trains.get(population);
        if (t == null) {
            throw new IllegalArgumentException("no population '" + population + "' in these spikes; populations: "
                    + trains.keySet());
        }
        return t;
    }

    /** Number of spikes of the population (0 if it is absent: an input train may leave a population out). */
    public int count(String population) {
        Train t = trains.get(population);
        return t == null ? 0 : t.time.length;
    }

    /** Neuron of spike {@code i} of the population. */
    public int neuron(String population, int i) {
        return trains.get(population).neuron[i];
    }

    /** Time of spike {@code i} of the population. */
    public double time(String population, int i) {
        return trains.get(population).time[i];
    }

    /**
     * Copies the population's spikes into caller-supplied arrays, neurons into {@code neurons}
     * and times into {@code times} from index {@code at} on, without allocating; returns their
     * number ({@link #count}; 0 if the population is absent).
     *
     * @throws IllegalArgumentException if the arrays cannot hold them from {@code at}
     */
    public int copyInto(String population, int[] neurons, double[] times, int at) {
        Train t = trains.get(population);
        if (t == null) {
            return 0;
        }
        int n = t.time.length;
        if (at < 0 || at + n > neurons.length || at + n > times.length) {
            throw new IllegalArgumentException("copyInto: " + n + " spikes of '" + population + "' from index " + at
                    + " do not fit arrays of " + neurons.length + " neurons and " + times.length + " times");
        }
        System.arraycopy(t.neuron, 0, neurons, at, n);
        System.arraycopy(t.time, 0, times, at, n);
        return n;
    }

    /** This window with another duration (every spike must still lie inside it). */
    public SpikeTrains withDuration(double newDuration) {
        Builder b = new Builder(newDuration);
        trains.forEach((name, t) -> b.add(name, t.neuron, t.time));
        return b.build();
    }

    /**
     * Checks these spikes as input of {@code network}: every population exists and is an input
     * population, neuron indices are in range. Throws with the field and value at fault. Spikes
     * checked against the same populations before pass at once.
     */
    public void requireInputOf(Network network) {
        List<Population> populations = network.populations();
        if (populations == checkedAgainst) {
            return;
        }
        for (Map.Entry<String, Train> e : trains.entrySet()) {
            if (!network.hasPopulation(e.getKey())) {
                throw new IllegalArgumentException("populations." + e.getKey() + ": no such population in the model");
            }
            int p = network.populationIndex(e.getKey());
            Population pop = network.population(p);
            if (!pop.isInput()) {
                throw new IllegalArgumentException("populations." + e.getKey() + ": not an input population");
            }
            int[] n = e.getValue().neuron;
            for (int i = 0; i < n.length; i++) {
                if (n[i] >= pop.size()) {
                    throw new IllegalArgumentException("populations." + e.getKey() + ".neuron[" + i + "] = " + n[i]
                            + " is out of range: population has " + pop.size() + " neurons");
                }
            }
        }
        checkedAgainst = populations;
    }

    private static final class Train {
        final int[] neuron;
        final double[] time;

        Train(int[] neuron, double[] time) {
            this.neuron = neuron;
            this.time = time;
        }
    }

    /** Collects populations; {@link #add} validates each. */
    public static final class Builder {
        private final double duration;
        private final Map<String, Train> trains = new LinkedHashMap<>();

        private Builder(double duration) {
            this.duration = Arguments.requireNonNegative(duration, "duration");
        }

        /**
         * Adds a population's spikes: equal lengths, neuron indices >= 0, times finite, inside
         * {@code [0, duration]} and non-decreasing.
         */
        public Builder add(String population, int[] neuron, double[] time) {
            String field = "populations." + population;
            if (trains.containsKey(population)) {
                throw new IllegalArgumentException(field + ": given twice");
            }
            if (neuron.length != time.length) {
                throw new IllegalArgumentException(field + ": " + neuron.length + " neuron indices but "
                        + time.length + " times");
            }
            for (int i = 0; i < time.length; i++) {
                if (neuron[i] < 0) {
                    throw new IllegalArgumentException(field + ".neuron[" + i + "] = " + neuron[i] + " is negative");
                }
                double t = time[i];
                if (!Double.isFinite(t)) {
                    throw new IllegalArgumentException(field + ".time[" + i + "] = " + t + " is not a finite number");
                }
                if (t < 0 || t > duration) {
                    throw new IllegalArgumentException(field + ".time[" + i + "] = " + t + " is outside [0, "
                            + duration + "]");
                }
                if (i > 0 && t < time[i - 1]) {
                    throw new IllegalArgumentException(field + ".time[" + i + "] = " + t + " is earlier than time["
                            + (i - 1) + "] = " + time[i - 1] + ": times must be sorted");
                }
            }
            trains.put(population, new Train(neuron.clone(), time.clone()));
            return this;
        }

        /** The spike trains. */
        public SpikeTrains build() {
            return new SpikeTrains(duration, new LinkedHashMap<>(trains));
        }
    }
}
