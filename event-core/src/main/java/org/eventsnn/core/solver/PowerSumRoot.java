package org.eventsnn.core.solver;

/**
 * The root of {@code f} in a bracket for neurons whose every synaptic time constant divides
 * {@code tauMem} by an integer {@code r_g} from 2 to {@link #MAX_RATIO} (docs/exactness.md,
 * "Integer ratios"). With {@code x = exp(-t/tauMem)} each current decays as {@code x^r_g} and
 * {@code K_g = (x - x^r_g) / (r_g - 1)}, so
 * {@code f = x (A + sum_g B_g x^(r_g - 1)) - theta} with {@code A = u0 + sum_g I_g / (r_g - 1)}
 * and {@code B_g = -I_g / (r_g - 1)}: a polynomial, whose safeguarded Halley iteration needs
 * multiplications only, where the same iteration in t evaluates one or two exponentials per step.
 * Holds the coefficients of the state last {@link #set}: one instance per solver.
 */
final class PowerSumRoot {
    /** Largest ratio taken: {@code x^63}, the highest power formed, takes ten multiplications. */
    private static final int MAX_RATIO = 64;
    private static final int MAX_ITERATIONS = 2000;
    /** How far, in ulps, a ratio may lie from its integer. */
    private static final int RATIO_ULPS = 4;

    /** Per group, {@code r_g - 1}. */
    private final int[] degree;
    private final double[] coef;
    private final double theta;
    private double linear;

    private PowerSumRoot(int[] degree, double theta) {
        this.degree = degree;
        this.coef = new double[degree.length];
        this.theta = theta;
    }

    /**
     * A root finder for groups of time constants {@code taus[0..groups)} if every
     * {@code tauMem / tau} is an integer from 2 to {@link #MAX_RATIO} (at least one group), else
     * null. A ratio within {@link #RATIO_ULPS} ulps of the integer counts (0.3 / 0.1 is
     * 2.9999999999999996 in doubles): the rates then differ from the polynomial's by about
     * 1e-15 relative, which moves a crossing by about 1e-15 of its time, and the final Newton
     * step in t uses the exact rates anyway.
     */
    static PowerSumRoot forRatios(double tauMem, double[] taus, int groups, double theta) {
        if (groups == 0) {
            return null;
        }
        int[] degree = new int[groups];
        for (int g = 0; g < groups; g++) {
            int ratio = integerRatio(tauMem, taus[g]);
            if (ratio == 0) {
                return null;
            }
            degree[g] = ratio - 1;
        }
        return new PowerSumRoot(degree, theta);
    }

    /**
     * {@code tauMem / tau} if it lies within {@link #RATIO_ULPS} ulps of an integer from 2 to
     * {@link #MAX_RATIO}, else 0: the ratios this class, and {@link LifDynamics}'s decay factors
     * taken as powers of the membrane's, treat as integers.
     */
    static int integerRatio(double tauMem, double tau) {
        double ratio = Math.rint(tauMem / tau);
        boolean integer = Math.abs(tauMem / tau - ratio) <= RATIO_ULPS * Math.ulp(ratio) && ratio >= 2 && ratio <= MAX_RATIO;
        return integer ? (int) ratio : 0;
    }

    /** Takes the state: {@code u0 = V - leak} and the current of each group at {@code t = 0}. */
    void set(double u0, double[] groupCurrent) {
        double a = u0;
        for (int g = 0; g < degree.length; g++) {
            double c = groupCurrent[g] / degree[g];
            a += c;
            coef[g] = -c;
        }
        linear = a;
    }

    /**
     * The x in {@code [xPos, xNeg]} where f changes sign, given {@code f(xNeg) < 0 <= f(xPos)}
     * and {@code xPos < xNeg}: Halley's method (the polynomial's second derivative costs a
     * multiplication per group), falling back to bisection whenever a step leaves the bracket or
     * four steps fail to halve it. It starts with Halley's step from {@code xNeg = 1} (t = 0,
     * where every power is 1), else from the midpoint. It ends when a step falls below an ulp, or
     * once two Halley steps in a row show cubic convergence: a step {@code d <= 2^-20 x} after a
     * step {@code p} leaves an error about {@code d^4 / p^3}, ended below a quarter ulp (on
     * {@code eventprop}'s states 2.7 evaluations per root, where the midpoint start, bisecting
     * after a step below an ulp, and stopping only on such a step took 5.1). The safeguards are
     * {@link SafeguardedNewton#root}'s, written out over the polynomial rather than called
     * through its {@code Function} interface, whose call site already serves two kinds of
     * function, so that the polynomial is evaluated inline.
     */
    double root(double xNeg, double xPos) {
        double neg = xNeg;
        double pos = xPos;
        double x = 0.5 * (neg + pos);
        if (xNeg == 1) {
            double f = linear - theta;
            double slope = linear;
            double curve = 0;
            for (int g = 0; g < degree.length; g++) {
                int d = degree[g];
                f += coef[g];
                slope += (d + 1) * coef[g];
                curve += (d + 1) * d * coef[g];
            }
            double start = 1 - 2 * f * slope / (2 * slope * slope - f * curve);
            if (start > pos && start < neg) {
                x = start;
            }
        }
        double widthBefore = Double.POSITIVE_INFINITY;
        double stepBefore = Double.NaN; // the last step if it was Halley's
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            double inner = linear;
            double slope = linear;
            double curve = 0; // x f''(x)
            for (int g = 0; g < degree.length; g++) {
                int d = degree[g];
                double term = coef[g] * power(x, d);
                inner += term;
                slope += (d + 1) * term;
                curve += (d + 1) * d * term;
            }
            double fx = x * inner - theta;
            if (fx == 0) {
                return x;
            }
            if (fx < 0) {
                neg = x;
            } else {
                pos = x;
            }
            double width = neg - pos;
            if (width <= 2 * Math.ulp(neg)) {
                return x;
            }
            // Halley's step f f' / (f'^2 - f f'' / 2), written with x f'' so that it takes one division
            double next = x - 2 * fx * slope * x / (2 * slope * slope * x - fx * curve);
            double step = Math.abs(next - x);
            double ulp = Math.ulp(x);
            boolean inside = next > pos && next < neg;
            if (step <= ulp) {
                return inside ? next : x;
            }
            if (!inside || (i % 4 == 3 && width > 0.5 * widthBefore)) {
                next = 0.5 * (neg + pos);
                step = Double.NaN;
            } else if (step <= 0x1p-20 * x
                    && step * step * step * step <= 0.25 * ulp * stepBefore * stepBefore * stepBefore) {
                return next;
            }
            if (i % 4 == 3) {
                widthBefore = width;
            }
            stepBefore = step;
            x = next;
        }
        return x;
    }

    /**
     * {@code x^n} for {@code n >= 1} by repeated squaring; up to 4 written out, with the same
     * products (the loop's first factor 1 is exact), so that the callers' few fixed exponents
     * take no loop.
     */
    static double power(double x, int n) {
        switch (n) {
            case 1:
                return x;
            case 2:
                return x * x;
            case 3:
                return x * (x * x);
            case 4: {
                double square = x * x;
                return square * square;
            }
            default:
                break;
        }
        double result = (n & 1) != 0 ? x : 1;
        for (int m = n >>> 1; m != 0; m >>>= 1) {
            x *= x;
            if ((m & 1) != 0) {
                result *= x;
            }
        }
        return result;
    }
}
