package org.eventsnn.gradients;

import org.eventsnn.core.kernel.KernelLayer;
import org.eventsnn.core.model.Network;

/**
 * Where a layer kernel's input spikes come from, for backward passes: per input slot of one
 * layer the LIF population and neuron whose spike it is, or none for an input population's
 * spike; and, per sample, where such a spike's dL/dt goes. Batches need weight gradients only
 * (the sensitivities of input spike times and of delays are not summed), so arrivals from input
 * populations add nothing.
 */
final class KernelSources {
    /** Per slot: the LIF population of its source, or -1 for an input population. */
    private final int[] slotPopulation;
    private final int[] slotIndex;
    /** Per population: per spike ({@code neuron * capacity + c}), dL/dt; null for inputs. */
    private double[][] spikeSensitivity;
    private int[] capacity;

    KernelSources(Network net, KernelLayer layer) {
        int slots = layer.slotCount();
        slotPopulation = new int[slots];
        slotIndex = new int[slots];
        for (int k = 0; k < slots; k++) {
            int g = layer.slotNeuron(k);
            int q = net.populationOf(g);
            slotPopulation[k] = net.population(q).isInput() ? -1 : q;
            slotIndex[k] = g - net.offset(q);
        }
    }

    /**
     * The arrays this sample's sensitivities go to: per LIF population its spikes' dL/dt (spike c
     * of neuron i at {@code i * capacity[p] + c}).
     */
    void sample(double[][] spikeSensitivity, int[] capacity) {
        this.spikeSensitivity = spikeSensitivity;
        this.capacity = capacity;
    }

    /** True if the neuron in {@code slot} is a LIF neuron, whose spikes' sensitivities matter. */
    boolean isLif(int slot) {
        return slotPopulation[slot] >= 0;
    }

    /** Adds {@code dLda}, the sensitivity to the arrival time of spike {@code origin} of the LIF neuron in {@code slot}. */
    void addTime(int slot, int origin, double dLda) {
        int q = slotPopulation[slot];
        spikeSensitivity[q][slotIndex[slot] * capacity[q] + origin] += dLda;
    }
}
