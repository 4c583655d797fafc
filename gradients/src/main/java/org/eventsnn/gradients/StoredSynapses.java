package org.eventsnn.gradients;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.Projection;

/**
 * The gradient methods' requirements on a network: every synapse stored (they walk each logged
 * arrival's synapses) and no Poisson drive (its arrivals are not logged).
 */
final class StoredSynapses {
    private StoredSynapses() {
    }

    /** Throws if a projection of {@code net} is procedural without {@code store}, or a population is Poisson-driven. */
    static void require(Network net, String method) {
        for (org.eventsnn.core.model.Population pop : net.populations()) {
            if (pop.poisson() != null) {
                throw new IllegalArgumentException(method + " does not support Poisson drive: population " + pop.name()
                        + " has one (give its spikes as an input population instead)");
            }
        }
        for (Projection pr : net.projections()) {
            if (!pr.isStored()) {
                throw new IllegalArgumentException(method + " needs stored synapses: projection "
                        + net.population(pr.source()).name() + " -> " + net.population(pr.target()).name()
                        + " is procedural (give \"store\": true)");
            }
        }
    }
}
