package org.eventsnn.hardware;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.model.Projection;
import org.eventsnn.core.record.SpikeOrder;
import org.eventsnn.core.record.SpikeTrains;

/**
 * The reference {@link ChipNetwork} is tested against (the chip's layout until 2026-12-07, which
 * left every chip run to the event queue): a model network laid out neuron by neuron, every LIF
 * neuron a population of its own (named {@code name#i}) with its own parameters, every synapse keeps its
 * source, target, receptor and delay, and weights pass through a map (the chip's quantizer).
 * Input populations are unchanged, so the model's input spikes drive it directly.
 */
final class PerNeuronNetwork {
    final Network physical;
    private final Network model;
    /** Physical population of each model neuron (global index), -1 for inputs. */
    private final int[] physicalPopulation;

    /**
     * @param params parameters of each model neuron by global index (ignored for inputs)
     * @param rowsPerNeuron limit on a neuron's incoming synapses
     */
    PerNeuronNetwork(Network model, NeuronParameters[] params, DoubleUnaryOperator weights, int rowsPerNeuron) {
        this.model = model;
        Network.Builder b = Network.builder();
        physicalPopulation = new int[model.neuronCount()];
        int next = 0;
        for (int p = 0; p < model.populations().size(); p++) {
            Population pop = model.population(p);
            if (pop.isInput()) {
                b.add(pop);
                for (int i = 0; i < pop.size(); i++) {
                    physicalPopulation[model.offset(p) + i] = -1;
                }
                next++;
                continue;
            }
            for (int i = 0; i < pop.size(); i++) {
                int g = model.offset(p) + i;
                b.add(pop.hasInitialV() ? Population.lif(name(pop, i), 1, params[g], new double[] {pop.initialV(i)})
                        : Population.lif(name(pop, i), 1, params[g]));
                physicalPopulation[g] = next++;
            }
        }
        int[] fanIn = new int[model.neuronCount()];
        for (Projection pr : model.projections()) {
            Population source = model.population(pr.source());
            Population target = model.population(pr.target());
            String receptor = target.params().receptorName(pr.receptor());
            if (pr.hasSynapseDelays() || !pr.isStored()) {
                throw new IllegalArgumentException("projection " + source.name() + " -> " + target.name()
                        + (pr.isStored() ? " has a delay per synapse; the chip takes one delay per projection"
                        : " is procedural; the chip needs stored synapses"));
            }
            // group synapses by (source part, target neuron), keeping synapse order
            Map<Long, List<Integer>> groups = new LinkedHashMap<>();
            for (int s = 0; s < pr.synapseCount(); s++) {
                long key = ((long) (source.isInput() ? 0 : pr.pre(s)) << 32) | pr.post(s);
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
                int g = model.offset(pr.target()) + pr.post(s);
                if (++fanIn[g] > rowsPerNeuron) {
                    throw new IllegalArgumentException("neuron " + pr.post(s) + " of " + target.name() + " needs more than "
                            + rowsPerNeuron + " synapse rows, the chip's limit per neuron");
                }
            }
            for (List<Integer> group : groups.values()) {
                int first = group.get(0);
                int[] pre = new int[group.size()];
                int[] post = new int[group.size()];
                double[] w = new double[group.size()];
                for (int k = 0; k < w.length; k++) {
                    int s = group.get(k);
                    pre[k] = source.isInput() ? pr.pre(s) : 0;
                    w[k] = weights.applyAsDouble(pr.weight(s));
                }
                String from = source.isInput() ? source.name() : name(source, pr.pre(first));
                b.connectList(from, name(target, pr.post(first)), receptor, pr.delay(), pre, post, w);
            }
        }
        physical = b.build();
    }

    private static String name(Population pop, int i) {
        return pop.name() + "#" + i;
    }

    /** Physical spikes as the model's, the k-th LIF spike (population, neuron, time order) moved by {@code timeShift[k]}: every LIF population's spikes by time, then neuron. */
    SpikeTrains toModel(SpikeTrains spikes, double[] timeShift) {
        SpikeTrains.Builder b = SpikeTrains.builder(spikes.duration());
        int shifted = 0;
        for (int p = 0; p < model.populations().size(); p++) {
            Population pop = model.population(p);
            if (pop.isInput()) {
                continue;
            }
            List<double[]> list = new ArrayList<>();
            for (int i = 0; i < pop.size(); i++) {
                String n = name(pop, i);
                for (int k = 0; k < spikes.count(n); k++) {
                    list.add(new double[] {spikes.time(n, k), i});
                }
            }
            int[] neuron = new int[list.size()];
            double[] time = new double[list.size()];
            for (int k = 0; k < time.length; k++) {
                double[] e = list.get(k);
                double t = e[0] + (timeShift == null ? 0 : timeShift[shifted + k]);
                time[k] = Math.max(0, Math.min(spikes.duration(), t));
                neuron[k] = (int) e[1];
            }
            shifted += time.length;
            SpikeOrder.sort(time, neuron);
            b.add(pop.name(), neuron, time);
        }
        return b.build();
    }
}
