package org.eventsnn.hardware;

import java.util.function.DoubleUnaryOperator;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.model.Projection;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeOrder;
import org.eventsnn.core.record.SpikeRecord;
import org.eventsnn.core.record.SpikeTrains;

/**
 * A model network as a chip realises it: the model's populations and projections, every LIF
 * neuron with the parameters of the chip neuron it occupies ({@link Population#withNeuronParams})
 * and every weight through a map (the chip's quantizer). Each neuron receives the same synapses,
 * in the same order, as it would laid out as a population of its own, so its spikes are those
 * bit for bit; and the network keeps the model's few populations, so feed-forward models run on
 * the layered engine rather than the event queue.
 */
final class ChipNetwork {
    final Network physical;
    private final Network model;

    /**
     * @param params parameters of each model neuron by global index (ignored for inputs)
     * @param rowsPerNeuron limit on a neuron's incoming synapses
     * @throws IllegalArgumentException for a projection with a delay per synapse, a procedural
     *     one, or a neuron with more than {@code rowsPerNeuron} incoming synapses
     */
    ChipNetwork(Network model, NeuronParameters[] params, DoubleUnaryOperator weights, int rowsPerNeuron) {
        this.model = model;
        requireRealisable(model, rowsPerNeuron);
        double[][] w = new double[model.projections().size()][];
        for (int j = 0; j < w.length; j++) {
            w[j] = model.projection(j).weights();
            for (int s = 0; s < w[j].length; s++) {
                w[j][s] = weights.applyAsDouble(w[j][s]);
            }
        }
        Network net = model.withAllWeights(w);
        for (int p = 0; p < model.populations().size(); p++) {
            Population pop = model.population(p);
            if (!pop.isInput()) {
                NeuronParameters[] each = new NeuronParameters[pop.size()];
                System.arraycopy(params, model.offset(p), each, 0, each.length);
                net = net.withNeuronParams(p, each);
            }
        }
        physical = net;
    }

    private static void requireRealisable(Network model, int rowsPerNeuron) {
        int[] fanIn = new int[model.neuronCount()];
        for (Projection pr : model.projections()) {
            Population source = model.population(pr.source());
            Population target = model.population(pr.target());
            if (pr.hasSynapseDelays() || !pr.isStored()) {
                throw new IllegalArgumentException("projection " + source.name() + " -> " + target.name()
                        + (pr.isStored() ? " has a delay per synapse; the chip takes one delay per projection"
                        : " is procedural; the chip needs stored synapses"));
            }
            for (int s = 0; s < pr.synapseCount(); s++) {
                int g = model.offset(pr.target()) + pr.post(s);
                if (++fanIn[g] > rowsPerNeuron) {
                    throw new IllegalArgumentException("neuron " + pr.post(s) + " of " + target.name() + " needs more than "
                            + rowsPerNeuron + " synapse rows, the chip's limit per neuron");
                }
            }
        }
    }

    /**
     * The chip's spikes in {@code run} (of {@link #physical}) as observed: the LIF spikes,
     * counted population by population, neuron by neuron and in time order within a neuron, are
     * moved by {@code timeShift[k]} for the k-th of them (null: not moved), so that no two spikes
     * share a shift, and clamped to the window; every population's spikes are then ordered by
     * time and neuron.
     */
    SpikeTrains toModel(SimulationResult run, double[] timeShift) {
        SpikeRecord record = run.record();
        SpikeTrains.Builder b = SpikeTrains.builder(run.duration());
        int shifted = 0; // the LIF spikes of the populations before this one
        for (int p = 0; p < model.populations().size(); p++) {
            Population pop = model.population(p);
            if (pop.isInput()) {
                continue;
            }
            int lo = model.offset(p);
            int hi = lo + pop.size();
            int n = record.countOf(lo, hi);
            int[] neuron = new int[n];
            double[] time = new double[n];
            record.copyOf(lo, hi, neuron, time);
            int[] rank = timeShift == null ? null : neuronMajorRanks(neuron, pop.size());
            for (int k = 0; k < n; k++) {
                double t = rank == null ? time[k] : time[k] + timeShift[shifted + rank[k]];
                time[k] = Math.max(0, Math.min(run.duration(), t));
            }
            shifted += n;
            SpikeOrder.sort(time, neuron);
            b.add(pop.name(), neuron, time);
        }
        return b.build();
    }

    /**
     * For spikes in time order of neurons {@code [0, size)}: each one's position when they are
     * ordered by neuron, keeping time order within a neuron.
     */
    private static int[] neuronMajorRanks(int[] neuron, int size) {
        int[] start = new int[size + 1];
        for (int n : neuron) {
            start[n + 1]++;
        }
        for (int i = 0; i < size; i++) {
            start[i + 1] += start[i];
        }
        int[] rank = new int[neuron.length];
        for (int k = 0; k < neuron.length; k++) {
            rank[k] = start[neuron[k]]++;
        }
        return rank;
    }

    /** Number of LIF spikes in {@code record} (for the jitter draws). */
    static int lifSpikeCount(SpikeRecord record) {
        int n = 0;
        for (int s = 0; s < record.count(); s++) {
            n += record.inputIndex(s) < 0 ? 1 : 0;
        }
        return n;
    }
}
