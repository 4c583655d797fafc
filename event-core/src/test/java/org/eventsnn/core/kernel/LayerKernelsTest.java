package org.eventsnn.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.record.SpikeTrains;
import org.junit.jupiter.api.Test;

/** The layer kernels against the event queue (docs/exactness.md, "Layer kernels"), by {@link KernelVsQueue}. */
class LayerKernelsTest {
    /**
     * With no refractory period, an input that arrives exactly when the neuron fires finds the
     * membrane reset, as in the queue (arrivals, then releases, at one instant): one spike there,
     * not a second one at the same time.
     */
    @Test
    void anInputAtTheInstantOfASpikeFindsTheMembraneReset() {
        SplittableRandom r = new SplittableRandom(21);
        for (int k = 0; k < 100; k++) {
            NeuronParameters p = NeuronParameters.builder().tauMem(0.01).tauSyn(0.01).threshold(1).refractory(0).build();
            double[][] w = {{r.nextDouble(3, 10)}, {r.nextDouble(-1, 1)}};
            Network net = Network.builder().add(Population.input("in", 2)).add(Population.lif("out", 1, p))
                    .connectDense("in", "out", 0.0, w).build();
            LayerKernels kernels = new LayerKernels(net);
            kernels.run(SpikeTrains.builder(0.05).add("in", new int[] {0}, new double[] {0.0}).build());
            double first = kernels.spikeTime(1, 0, 0);
            SpikeTrains in = SpikeTrains.builder(0.05).add("in", new int[] {0, 1}, new double[] {0.0, first}).build();
            KernelVsQueue cmp = new KernelVsQueue(net, in);
            assertEquals(KernelVsQueue.Outcome.AGREE, cmp.compare(kernels), "weights " + w[0][0] + ", " + w[1][0]);
            assertTrue(kernels.spikeCount(1, 0) < 2 || kernels.spikeTime(1, 0, 1) > first, "a second spike at " + first);
        }
    }

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
