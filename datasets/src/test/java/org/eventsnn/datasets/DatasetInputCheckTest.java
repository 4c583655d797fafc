package org.eventsnn.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.eventsnn.core.record.SpikeTrains;
import org.junit.jupiter.api.Test;

/** The datasets' constructors name the sample and value they reject. */
class DatasetInputCheckTest {
    @Test
    void aFeatureThatIsNotFiniteIsNamed() {
        double[][] features = {{0.1, 0.2}, {0.3, Double.NaN}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Dataset("d", features, new int[] {0, 1}, 2));
        assertEquals("dataset d sample 1 feature 1 must be a finite number, got NaN", e.getMessage());
    }

    @Test
    void aLabelOutsideTheClassesIsNamed() {
        double[][] features = {{0.1}, {0.3}, {0.5}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Dataset("d", features, new int[] {0, 2, 1}, 2));
        assertEquals("dataset d label of sample 1 must be in [0, 2), got 2", e.getMessage());
    }

    @Test
    void labelledSpikesNameABadLabelAndABadNeuron() {
        SpikeTrains ok = SpikeTrains.builder(1.0).add("in", new int[] {0}, new double[] {0.1}).build();
        SpikeTrains beyond = SpikeTrains.builder(1.0).add("in", new int[] {3}, new double[] {0.2}).build();
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
                () -> new LabelledSpikes("in", 3, 2, 1.0, new SpikeTrains[] {ok, ok}, new int[] {1, -1}));
        assertEquals("label of sample 1 must be in [0, 2), got -1", label.getMessage());
        IllegalArgumentException neuron = assertThrows(IllegalArgumentException.class,
                () -> new LabelledSpikes("in", 3, 2, 1.0, new SpikeTrains[] {ok, beyond}, new int[] {1, 0}));
        assertEquals("sample 1 neuron must be in [0, 3), got 3", neuron.getMessage());
    }
}
