package org.eventsnn.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.record.SpikeTrains;
import org.junit.jupiter.api.Test;

/** The layer kernels against the event queue (docs/exactness.md, "Layer kernels"), by {@link KernelVsQueue}. */
class LayerKernelsTest {
    /** A layer fed by more spikes than the scratch arrays first hold, on kernels that never ran. */
    @Test
    void aLayerOfManyInputsRunsOnNewKernels() {
        NeuronParameters p = NeuronParameters.builder().tauMem(0.01).tauSyn(0.01).threshold(1).refractory(1).build();
        int n = 300;
        double[][] w = new double[n][1];
        int[] neuron = new int[n];
        double[] time = new double[n];
        for (int i = 0; i < n; i++) {
            w[i][0] = 0.02;
            neuron[i] = i;
            time[i] = 1e-4 * i;
        }
        Network net = Network.builder().add(Population.input("in", n)).add(Population.lif("out", 1, p))
                .connectDense("in", "out", 0.0, w).build();
        SpikeTrains in = SpikeTrains.builder(0.05).add("in", neuron, time).build();
        assertEquals(KernelVsQueue.Outcome.AGREE, new KernelVsQueue(net, in).compare(new LayerKernels(net)));
    }
}
