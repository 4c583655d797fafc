package org.eventsnn.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeTrains;
import org.junit.jupiter.api.Test;

/** The Java API's pitfalls: unknown population names fail with the valid ones; no bare null receptor needed. */
class UnknownNamesTest {
    private static final double[][] WEIGHTS = {{2.0, 0.5}, {1.5, 3.0}};

    private static Network network() {
        return Network.builder()
                .add(Population.input("in", 2))
                .add(Population.lif("out", 2, NeuronParameters.builder().build()))
                .connectDense("in", "out", 0.001, WEIGHTS)
                .build();
    }

    @Test
    void anUnknownPopulationIndexNamesTheValidOnes() {
        Network net = network();
        assertEquals(1, net.populationIndex("out"));
        assertTrue(net.hasPopulation("in"));
        assertFalse(net.hasPopulation("nope"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.populationIndex("nope"));
        assertTrue(e.getMessage().contains("'nope'") && e.getMessage().contains("'in'") && e.getMessage().contains("'out'"),
                e.getMessage());
    }

    @Test
    void unknownPopulationsInSpikesNameTheValidOnes() {
        SpikeTrains input = SpikeTrains.builder(0.05).add("in", new int[] {0, 1}, new double[] {0.001, 0.0015}).build();
        SimulationResult r = new Simulator(network()).run(input);
        assertTrue(r.spikes().times("out").length > 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.spikes().times("nope"));
        assertTrue(e.getMessage().contains("'nope'") && e.getMessage().contains("out"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> r.spikes().neurons("nope"));
        assertEquals(0, input.count("elsewhere"), "count stays 0 for a population an input leaves out");
    }

    @Test
    void theReceptorLessOverloadMatchesTheNullReceptor() {
        Network a = network();
        Network b = Network.builder()
                .add(Population.input("in", 2))
                .add(Population.lif("out", 2, NeuronParameters.builder().build()))
                .connectDense("in", "out", null, 0.001, WEIGHTS)
                .build();
        assertArrayEquals(b.projection(0).weights(), a.projection(0).weights(), 0.0);
        assertEquals(b.projection(0).receptor(), a.projection(0).receptor());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Network.builder().add(Population.input("in", 2)).connectDense("in", "outt", 0, WEIGHTS));
        assertTrue(e.getMessage().contains("outt") && e.getMessage().contains("in"), e.getMessage());
    }
}
