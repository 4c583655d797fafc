/**
 * What a run consumes and produces: input and output spike trains
 * ({@link org.eventsnn.core.record.SpikeTrains}), the full record of processed events that
 * gradient methods replay ({@link org.eventsnn.core.record.SpikeRecord}), membrane traces and
 * the {@link org.eventsnn.core.record.SimulationResult} that bundles them. Their mutators are
 * written by the engine; user code reads.
 *
 * <p>Depends on {@code base} and {@code model}.
 */
package org.eventsnn.core.record;
