package org.eventsnn.gradients;

import java.util.Arrays;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeRecord;

/** The first spike of every neuron of an output population, and the loss gradient on those spikes. */
final class FirstSpikes {
    final double[] times;
    final boolean[] fired;
    final int[] spike;
    final double[] dLdt;
    final double loss;

    FirstSpikes(SimulationResult forward, int output, SpikeTimeLoss lossFunction, int label) {
        Network net = forward.network();
        OutputSpikes.requireLifOutput(net, output);
        int n = net.population(output).size();
        int lo = net.offset(output);
        times = new double[n];
        fired = new boolean[n];
        spike = new int[n];
        dLdt = new double[n];
        Arrays.fill(times, forward.duration());
        Arrays.fill(spike, -1);
        SpikeRecord rec = forward.record();
        for (int s = 0; s < rec.count(); s++) {
            int j = rec.neuron(s) - lo;
            if (j >= 0 && j < n && !fired[j]) {
                fired[j] = true;
                times[j] = rec.time(s);
                spike[j] = s;
            }
        }
        loss = lossFunction.evaluate(times, fired, label, dLdt);
    }

    /** dL/dt of spike s as a first output spike, else 0. */
    double lossGradientOf(int s, int[] firstOf) {
        int j = firstOf[s];
        return j < 0 ? 0 : dLdt[j];
    }
}
