package org.eventsnn.gradients;

import java.util.Arrays;
import org.eventsnn.core.model.Network;

/**
 * Where a gradient method puts a sample's per-synapse delay gradients: while they are returned
 * ({@link Gradients#delays}), a set from a pool that a batch sum gives back once it has added
 * them ({@link Gradients#release}), as the weight gradients are; else one set reused from sample
 * to sample and cleared each time (a caller that never reads them then costs no allocation).
 * One per method instance; {@link #forSample} from the method's thread only, {@link #give} from any.
 */
final class SynapseDelayBuffers {
    private boolean returned = true;
    private final WeightGradientPool pool = new WeightGradientPool();
    private double[][] reused = new double[0][];

    /** From now on the gradients are not returned: {@link #returned} gives null. */
    void stopReturning() {
        returned = false;
    }

    /** Zeroed arrays, one per projection of {@code net}, each as long as that projection's synapse count. */
    double[][] forSample(Network net) {
        if (returned) {
            return pool.take(net);
        }
        int projections = net.projections().size();
        if (reused.length != projections) {
            reused = new double[projections][];
        }
        for (int p = 0; p < projections; p++) {
            int n = net.projection(p).synapseCount();
            if (reused[p] == null || reused[p].length != n) {
                reused[p] = new double[n];
            } else {
                Arrays.fill(reused[p], 0);
            }
        }
        return reused;
    }

    /** What the sample's {@link Gradients} get: {@code delays} while returned, else null. */
    double[][] returned(double[][] delays) {
        return returned ? delays : null;
    }

    /** Takes back a returned set from {@link #forSample} that nobody reads any more. */
    void give(double[][] delays) {
        pool.give(delays);
    }
}
