package org.eventsnn.experiments.train;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.record.SpikeTrains;
import org.eventsnn.gradients.BatchGradients;
import org.eventsnn.gradients.BatchResult;
import org.eventsnn.gradients.SpikeTimeLoss;
import org.eventsnn.gradients.SpikeTrainLoss;

/**
 * How a task reads its output population: the loss and the batch run it takes. First-spike
 * losses ({@link SpikeTimeLoss}) may stop a sample once every output fired; losses on every
 * output spike ({@link SpikeTrainLoss}) need the whole window and predict by themselves.
 */
public interface Readout {
    /** Runs samples {@code samples} of a batch (with gradients if asked). */
    BatchResult run(BatchGradients batches, Network net, SpikeTrains[] inputs, int[] labels, int[] samples, int output,
                    boolean gradients);

    /** A readout by the first output spikes. */
    static Readout firstSpikes(SpikeTimeLoss loss) {
        return (b, net, in, labels, samples, output, gradients) -> b.run(net, in, labels, samples, output, loss, gradients);
    }

    /** A readout by every output spike. */
    static Readout allSpikes(SpikeTrainLoss loss) {
        return (b, net, in, labels, samples, output, gradients) -> b.run(net, in, labels, samples, output, loss, gradients);
    }
}
