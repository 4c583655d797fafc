package org.eventsnn.hardware;

import java.util.SplittableRandom;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.model.RandomNetworks;
import org.eventsnn.core.record.SpikeOrder;
import org.eventsnn.core.record.SpikeTrains;

/** Random networks of the fastdeep preset's shape and Yin-Yang input samples, for the chip's tests. */
final class YinYangSamples {
    private static final double TAU = 0.005;

    private YinYangSamples() {
    }

    /** A Yin-Yang network of the fastdeep preset's shape and neurons, with random weights. */
    static Network network(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        NeuronParameters lif = NeuronParameters.builder().tauMem(TAU).tauSyn(TAU).threshold(1).refractory(1).build();
        return Network.builder().add(Population.input("in", 5)).add(Population.lif("hidden", 120, lif))
                .add(Population.lif("out", 3, lif))
                .connectDense("in", "hidden", null, 0, RandomNetworks.weights(r, 5, 120, 1.5, 0.8))
                .connectDense("hidden", "out", null, 0, RandomNetworks.weights(r, 120, 3, 0.5, 0.8))
                .connectDense("in", "out", null, 0, RandomNetworks.weights(r, 5, 3, 0.5, 0.8)).build();
    }

    /** A Yin-Yang sample's five input spikes, as the data set encodes a random point. */
    static SpikeTrains input(long seed) {
        SplittableRandom r = new SplittableRandom(~seed);
        double x = r.nextDouble();
        double y = r.nextDouble();
        int[] neuron = {0, 1, 2, 3, 4};
        double[] time = {0.15 * TAU + x * 1.85 * TAU, 0.15 * TAU + y * 1.85 * TAU, 0.15 * TAU + (1 - x) * 1.85 * TAU,
                0.15 * TAU + (1 - y) * 1.85 * TAU, 0.9 * TAU};
        SpikeOrder.sort(time, neuron);
        return SpikeTrains.builder(4 * TAU).add("in", neuron, time).build();
    }
}
