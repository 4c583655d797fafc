package org.eventsnn.gradients;

import java.util.Arrays;

/**
 * Where a gradient method puts a sample's per-synapse delay gradients: new arrays for every
 * sample while they are returned ({@link Gradients#delays}), else one set reused from sample to
 * sample and cleared each time (a caller that never reads them then costs no allocation).
 * One per method instance; not thread-safe.
 */
final class SynapseDelayBuffers {
    private boolean returned = true;
    private double[][] reused = new double[0][];

    /** From now on the gradients are not returned: {@link #returned} gives null. */
    void stopReturning() {
        returned = false;
    }

    /** Zeroed arrays, one per projection, each as long as that projection's {@code weights} array. */
    double[][] forSample(double[][] weights) {
        if (returned) {
            double[][] d = new double[weights.length][];
            for (int p = 0; p < d.length; p++) {
                d[p] = new double[weights[p].length];
            }
            return d;
        }
        if (reused.length != weights.length) {
            reused = new double[weights.length][];
        }
        for (int p = 0; p < reused.length; p++) {
            if (reused[p] == null || reused[p].length != weights[p].length) {
                reused[p] = new double[weights[p].length];
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
}
