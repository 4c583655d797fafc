package org.eventsnn.core.engine;

import org.eventsnn.core.base.Arguments;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeRecord;
import org.eventsnn.core.record.SpikeTrains;

/**
 * Runs a network for its spikes only, for whoever needs no gradients (evaluation, prediction,
 * reports): the same spikes, currents, early stops and spike limit as {@link Simulator}, bit for
 * bit. Where {@link Simulator} would run the layered engine, the record is one of spikes only
 * ({@link SpikeRecord#hasEventLog} false), spared the processed-event log; other runs (recurrent
 * networks, early stops under a spike limit) go to a {@link Simulator},
 * whose record keeps its log. Not thread-safe; keeps its buffers between runs.
 */
public final class SpikesOnlySimulator {
    private Network network;
    private final long maxSpikes;
    /** The queue-free engine; null where {@link Simulator} would not use it. */
    private final LayeredSimulation layered;
    /** For the runs the layered engine does not take; made when first needed. */
    private Simulator general;
    private double[] inputTime = new double[16];
    private int[] inputNeuron = new int[16];
    private int[] inputIndex = new int[16];
    /** A record handed back by {@link #recycle}, reused by the next run; or null. */
    private SpikeRecord spare;
    private int expectedSpikes = 16;

    /** For {@code network} without a spike limit. */
    public SpikesOnlySimulator(Network network) {
        this(network, Long.MAX_VALUE);
    }

    /** Failing as {@link Simulator#Simulator(Network, long)} does beyond {@code maxSpikes} spikes per run. */
    public SpikesOnlySimulator(Network network, long maxSpikes) {
        this.network = network;
        this.maxSpikes = maxSpikes;
        this.layered = LayeredSimulation.suits(network) ? new LayeredSimulation(network, maxSpikes) : null;
    }

    /** The network this simulator runs (the latest adopted one). */
    public Network network() {
        return network;
    }

    /** The spikes of {@link Simulator#run(SpikeTrains)}. */
    public SimulationResult run(SpikeTrains input) {
        input.requireInputOf(network);
        return simulate(input, -1, true);
    }

    /** The spikes of {@link Simulator#runUntilAllFired}: the record ends once population {@code population} has fired. */
    public SimulationResult runUntilAllFired(SpikeTrains input, int population) {
        return runUntilAllFired(input, population, true);
    }

    /** The spikes of {@link Simulator#runUntilAllFired(SpikeTrains, int, boolean)}. */
    public SimulationResult runUntilAllFired(SpikeTrains input, int population, boolean firedAfterEnd) {
        input.requireInputOf(network);
        Arguments.requireIndex(population, network.populations().size(), "population");
        return simulate(input, population, firedAfterEnd);
    }

    /**
     * Hands back a result of this simulator that the caller will not use again, for the next run
     * to reuse ({@link Simulator#recycle}); results for another network are ignored.
     */
    public void recycle(SimulationResult done) {
        if (done.network() != network) {
            return;
        }
        if (!done.record().hasEventLog()) {
            spare = done.record();
        } else if (general != null) {
            general.recycle(done);
        }
    }

    /**
     * Runs {@code next} instead if it differs at most in weights and per-synapse delays
     * ({@link Simulator#adopt}); false, changing nothing, otherwise.
     */
    boolean adopt(Network next) {
        if (!network.differsOnlyInWeightsAndSynapseDelays(next)) {
            return false;
        }
        if (general != null) {
            general.adopt(next); // it runs the same network, so it adopts too
        }
        network = next;
        if (layered != null) {
            layered.adopt(next);
        }
        return true;
    }

    private SimulationResult simulate(SpikeTrains input, int stopPopulation, boolean firedAfterEnd) {
        if (layered == null || (stopPopulation >= 0 && maxSpikes != Long.MAX_VALUE)) {
            if (general == null) {
                general = new Simulator(network, maxSpikes);
            }
            return stopPopulation < 0 ? general.run(input) : general.runUntilAllFired(input, stopPopulation, firedAfterEnd);
        }
        int total = InputSpikes.count(input);
        if (total > inputTime.length) {
            int n = Math.max(total, 2 * inputTime.length);
            inputTime = new double[n];
            inputNeuron = new int[n];
            inputIndex = new int[n];
        }
        InputSpikes.insertSorted(network, input, true, inputTime, inputNeuron, inputIndex, 0);
        SpikeRecord record = spare != null ? spare : new SpikeRecord(expectedSpikes, 1);
        spare = null;
        record.clear();
        record.keepSpikesOnly();
        layered.run(input.duration(), inputTime, inputNeuron, inputIndex, total, stopPopulation, firedAfterEnd, record);
        expectedSpikes = Math.max(16, record.count() + record.count() / 4);
        return new SimulationResult(network, input, record, null);
    }
}
