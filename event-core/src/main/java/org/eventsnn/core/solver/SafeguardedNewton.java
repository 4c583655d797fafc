package org.eventsnn.core.solver;

/**
 * Newton's method kept inside a sign-change bracket, falling back to bisection whenever a step
 * leaves the bracket or fails to halve it; converges to full double precision and can never
 * leave the bracket, so a root isolated by the caller is always the root returned.
 */
final class SafeguardedNewton {
    private static final int MAX_ITERATIONS = 2000;

    private SafeguardedNewton() {
    }

    /** A function whose {@link #slope()} is the derivative at the argument of the last {@link #value}. */
    interface Function {
        double value(double t);

        double slope();
    }

    /**
     * The root of {@code f} in {@code [a, b]}, where {@code f} changes sign: negative at
     * {@code a} and non-negative at {@code b} when {@code risingAtA}, else the reverse.
     */
    static double root(Function f, double a, double b, boolean risingAtA) {
        double lo = a; // f has the sign of f(a) at lo
        double hi = b;
        double x = 0.5 * (lo + hi);
        double widthBefore = Double.POSITIVE_INFINITY;
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            double fx = f.value(x);
            if (fx == 0) {
                return x;
            }
            if ((fx < 0) == risingAtA) {
                lo = x;
            } else {
                hi = x;
            }
            double width = Math.abs(hi - lo);
            if (width <= 2 * Math.ulp(Math.max(Math.abs(lo), Math.abs(hi)))) {
                return x;
            }
            double next = x - fx / f.slope();
            boolean inside = lo < hi ? next > lo && next < hi : next > hi && next < lo;
            if (!inside || (i % 4 == 3 && width > 0.5 * widthBefore)) {
                next = 0.5 * (lo + hi);
            }
            if (i % 4 == 3) {
                widthBefore = width;
            }
            if (Math.abs(next - x) <= Math.ulp(x)) {
                return next;
            }
            x = next;
        }
        return x;
    }
}
