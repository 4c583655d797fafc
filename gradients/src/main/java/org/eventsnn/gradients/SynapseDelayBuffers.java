package org.eventsnn.gradients;

import org.eventsnn.core.model.Network;

/**
 * Where a gradient method puts a sample's per-synapse delay gradients: while they are returned
 * ({@link Gradients#delays}), a set from a pool that a batch sum gives back once it has added
 * them ({@link Gradients#release}), as the weight gradients are; else nowhere: the method
 * computes each arrival's dL/da (the projections' delay gradients) without storing every
 * synapse's share, so a caller that never reads them costs neither an allocation nor clearing.
 * One per method instance; {@link #forSample} from the method's thread only, {@link #give} from any.
 */
final class SynapseDelayBuffers {
    private boolean returned = true;
    private final WeightGradientPool pool = new WeightGradientPool();

    /** From now on the gradients are not returned: {@link #forSample} and {@link #returned} give null. */
    void stopReturning() {
        returned = false;
    }

    /**
     * Zeroed arrays, one per projection of {@code net}, each as long as that projection's synapse
     * count; null once not returned (the method then leaves the per-synapse gradients out).
     */
    double[][] forSample(Network net) {
        return returned ? pool.take(net) : null;
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
