package org.eventsnn.core.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Population;
import org.junit.jupiter.api.Test;

/**
 * {@link SpikeTrains#requireInputOf}: it remembers the populations it last passed, so a check
 * against another network's populations (even after one that passed) is made again, and a
 * network with new weights, which shares its populations, passes without one.
 */
class SpikeTrainsInputCheckTest {
    private static final SpikeTrains SPIKES = SpikeTrains.builder(0.01)
            .add("in", new int[] {0, 2}, new double[] {0.001, 0.002})
            .build();

    private static Network network(int inputs) {
        return Network.builder().add(Population.input("in", inputs))
                .add(Population.lif("out", 1, NeuronParameters.builder().build()))
                .connectDense("in", "out", 0.0, new double[inputs][1]).build();
    }

    @Test
    void eachNetworkIsCheckedAgainAfterAnotherPassed() {
        Network wide = network(3);
        Network narrow = network(2);
        for (int round = 0; round < 2; round++) {
            SPIKES.requireInputOf(wide);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SPIKES.requireInputOf(narrow));
            assertEquals("populations.in.neuron[1] = 2 is out of range: population has 2 neurons", e.getMessage());
        }
    }

    @Test
    void newWeightsKeepThePopulationsSoThatTheCheckHolds() {
        Network net = network(3);
        Network reweighted = net.withWeights(0, new double[] {1, 2, 3});
        assertSame(net.populations(), reweighted.populations());
        SPIKES.requireInputOf(net);
        SPIKES.requireInputOf(reweighted);
        Network wrong = Network.builder().add(Population.lif("in", 3, NeuronParameters.builder().build())).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SPIKES.requireInputOf(wrong));
        assertEquals("populations.in: not an input population", e.getMessage());
    }
}
