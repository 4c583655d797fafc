package org.eventsnn.core.model;

import org.eventsnn.core.base.SplitMix64;

/** How a projection's synapses were given in the model file; gradients are reported the same way. */
public enum SynapseLayout {
    /** {@code weights[i][j]}: every source-target pair, row-major by source. */
    DENSE,
    /** {@code connections}: an explicit synapse list, in the file's order. */
    LIST,
    /** {@code random}: pairs drawn with {@link SplitMix64}, ordered by source then target. */
    RANDOM,
    /**
     * {@code procedural}: synapses generated from (seed, source neuron) by a
     * {@link ProceduralConnectivity} rule, stored only when the rule says {@code store}.
     */
    PROCEDURAL
}
