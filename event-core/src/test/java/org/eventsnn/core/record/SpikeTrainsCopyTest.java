package org.eventsnn.core.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@link SpikeTrains#copyInto}: the copies {@code neurons} and {@code times} give, into caller-supplied arrays. */
class SpikeTrainsCopyTest {
    private static final SpikeTrains TRAINS = SpikeTrains.builder(0.05)
            .add("a", new int[] {2, 0, 1}, new double[] {0.001, 0.002, 0.0035})
            .add("b", new int[] {}, new double[] {})
            .build();

    @Test
    void copiesFromTheGivenIndexAndLeavesTheRest() {
        int[] neurons = {-1, -1, -1, -1, -1, -1};
        double[] times = {-1, -1, -1, -1, -1, -1};
        assertEquals(3, TRAINS.copyInto("a", neurons, times, 2));
        assertArrayEquals(new int[] {-1, -1, 2, 0, 1, -1}, neurons);
        assertArrayEquals(new double[] {-1, -1, 0.001, 0.002, 0.0035, -1}, times);
        assertArrayEquals(TRAINS.neurons("a"), Arrays.copyOfRange(neurons, 2, 5));
        assertArrayEquals(TRAINS.times("a"), Arrays.copyOfRange(times, 2, 5));
    }

    @Test
    void anEmptyOrAbsentPopulationCopiesNothing() {
        int[] neurons = {7};
        double[] times = {7};
        assertEquals(0, TRAINS.copyInto("b", neurons, times, 0));
        assertEquals(0, TRAINS.copyInto("absent", neurons, times, 1));
        assertArrayEquals(new int[] {7}, neurons);
        assertArrayEquals(new double[] {7}, times);
    }

    @Test
    void arraysTooShortAreRefusedNamingThePopulation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TRAINS.copyInto("a", new int[4], new double[4], 2));
        assertTrue(e.getMessage().contains("'a'") && e.getMessage().contains("from index 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TRAINS.copyInto("a", new int[3], new double[2], 0));
        assertThrows(IllegalArgumentException.class, () -> TRAINS.copyInto("a", new int[3], new double[3], -1));
    }
}
