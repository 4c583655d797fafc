/**
 * The analytic solution of the leaky integrate-and-fire neuron with exponential current
 * synapses: closed-form free evolution ({@link org.eventsnn.core.solver.LifDynamics}) and the
 * guaranteed search for the next threshold crossing ({@link org.eventsnn.core.solver.CrossingSolver},
 * with its numerical helpers: Lambert W, roots of exponential sums, safeguarded Newton).
 * Pure functions of a neuron's state; no simulation state lives here. Gradient methods use
 * the same closed forms.
 *
 * <p>Depends on {@code base} and {@code model}.
 */
package org.eventsnn.core.solver;
