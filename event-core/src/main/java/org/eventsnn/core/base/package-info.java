/**
 * Foundations every other package may use and that use nothing of eventsnn: argument checks
 * that reject NaN along with out-of-range values ({@link org.eventsnn.core.base.Arguments}) and
 * the deterministic random stream behind generated connectivity
 * ({@link org.eventsnn.core.base.SplitMix64}).
 *
 * <p>Layer 0 of event-core: {@code base} &lt; {@code model} &lt; {@code solver}, {@code record}
 * &lt; {@code engine}, {@code io}. A package imports only packages below it.
 */
package org.eventsnn.core.base;
