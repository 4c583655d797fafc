package org.eventsnn.gradients;

import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Population;

/** Refusals of the gradient parts that do not handle delta synapses (receptors of time constant 0). */
final class DeltaSynapses {
    private DeltaSynapses() {
    }

    /** Throws, naming {@code what}, the population and its receptor, if {@code pop} has a delta synapse. */
    static void refuse(Population pop, String what) {
        if (!pop.hasDeltaReceptor()) {
            return;
        }
        NeuronParameters p = pop.params();
        for (int k = 0; k < p.receptorCount(); k++) {
            if (p.isDeltaReceptor(k)) {
                throw new IllegalArgumentException(what + " does not support delta synapses: population " + pop.name()
                        + " has receptor " + p.receptorName(k) + " with time constant 0 (use eventprop)");
            }
        }
    }
}
