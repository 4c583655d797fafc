package org.eventsnn.core.solver;

/**
 * The decay factors of one span of free evolution for one {@link LifDynamics}, as
 * {@link LifDynamics#evolve(double, double[], int, Span, boolean)} uses them: the neurons of a
 * layer that receive the same spikes advance over the same spans, so they can share one.
 * Filled by {@link LifDynamics#fill}. Mutable, not thread-safe.
 */
public final class Span {
    LifDynamics dynamics;
    double dt = Double.NaN;
    /** {@code exp(-alpha dt)}. */
    double membraneDecay;
    /** Per receptor: {@code exp(-beta_k dt)}. */
    public final double[] currentDecay;
    /** Per receptor: {@code phi((alpha - beta_k) dt)} where the kernel uses it, else NaN. */
    final double[] phi;

    /** Room for dynamics of up to {@code receptors} receptors. */
    public Span(int receptors) {
        currentDecay = new double[receptors];
        phi = new double[receptors];
    }

    /** True if this holds the factors of {@code d} over {@code dt}. */
    public boolean holds(LifDynamics d, double dt) {
        return this.dt == dt && dynamics == d;
    }
}
