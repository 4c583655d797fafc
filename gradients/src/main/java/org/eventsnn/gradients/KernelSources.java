package org.eventsnn.gradients;

import org.eventsnn.core.kernel.KernelLayer;
import org.eventsnn.core.model.Network;

/**
 * Where a layer kernel's input spikes come from, for backward passes: per input slot of one
 * layer its source population and neuron, and the projection joining them; and, per sample, where
 * an input spike's dL/dt goes (its LIF source spike's sensitivity, or the input train's
 * gradient) along with its projection's delay gradient.
 */
final class KernelSources {
    private final int[] slotPopulation;
    private final int[] slotIndex;
    /** Per source population: the projection into this layer, or -1. */
    private final int[] projectionFrom;
    /** Per population: per spike ({@code neuron * capacity + c}), dL/dt; null for inputs. */
    private double[][] spikeSensitivity;
    private int[] capacity;
    private double[][] inputTimes;
    private double[] delays;

    KernelSources(Network net, KernelLayer layer) {
        int slots = layer.slotCount();
        slotPopulation = new int[slots];
        slotIndex = new int[slots];
        for (int k = 0; k < slots; k++) {
            int g = layer.slotNeuron(k);
            slotPopulation[k] = net.populationOf(g);
            slotIndex[k] = g - net.offset(slotPopulation[k]);
        }
        projectionFrom = new int[net.populations().size()];
        java.util.Arrays.fill(projectionFrom, -1);
        for (int i = 0; i < net.projections().size(); i++) {
            if (net.projection(i).target() == layer.population()) {
                projectionFrom[net.projection(i).source()] = i;
            }
        }
    }

    /**
     * The arrays this sample's sensitivities go to: per LIF population its spikes' dL/dt (spike c of
     * neuron i at {@code i * capacity[p] + c}), per input population its spikes' gradient in train
     * order, and per projection its delay gradient.
     */
    void sample(double[][] spikeSensitivity, int[] capacity, double[][] inputTimes, double[] delays) {
        this.spikeSensitivity = spikeSensitivity;
        this.capacity = capacity;
        this.inputTimes = inputTimes;
        this.delays = delays;
    }

    /** Adds {@code dLda}, the sensitivity to the arrival time of spike {@code origin} of the neuron in {@code slot}. */
    void addTime(int slot, int origin, double dLda) {
        int q = slotPopulation[slot];
        double[] spikes = spikeSensitivity[q];
        if (spikes != null) {
            spikes[slotIndex[slot] * capacity[q] + origin] += dLda;
        } else {
            inputTimes[q][origin] += dLda;
        }
        delays[projectionFrom[q]] += dLda;
    }
}
