/**
 * Closed-form simulation of whole layers for training ({@link org.eventsnn.core.kernel.LayerKernels}):
 * feed-forward networks of uniform LIF populations with {@code tauSyn = tauMem} and no delays,
 * each layer's inputs sorted once and their factors shared by all its neurons. Its spikes agree
 * with the event queue's within the budgets of docs/exactness.md ("Layer kernels"), not bit for
 * bit; everything else runs on {@code engine}.
 *
 * <p>Depends on {@code model}, {@code solver} and {@code record}.
 */
package org.eventsnn.core.kernel;
