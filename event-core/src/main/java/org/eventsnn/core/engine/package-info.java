/**
 * How time advances: the exact event-driven {@link org.eventsnn.core.engine.Simulator} (a
 * priority queue of neuron events, or the layered engine for feed-forward networks), its
 * per-thread wrapper for batches, and the package-private state arrays, heaps and merges
 * behind them. Every engine gives the same spikes, bit for bit, as the event queue.
 *
 * <p>Depends on {@code base}, {@code model}, {@code solver} and {@code record}.
 */
package org.eventsnn.core.engine;
