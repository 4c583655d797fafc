/**
 * What a user builds: neuron parameters, populations, projections and the immutable
 * {@link org.eventsnn.core.model.Network} that holds them, validated once at construction so
 * that a bad model never reaches the engine. Start with {@link org.eventsnn.core.model.Network#builder()}.
 *
 * <p>Depends on {@code base} only.
 */
package org.eventsnn.core.model;
