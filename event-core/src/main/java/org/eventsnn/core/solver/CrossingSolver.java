package org.eventsnn.core.solver;

import org.eventsnn.core.model.NeuronParameters;

/**
 * Finds the first upward threshold crossing of a free-running LIF neuron (docs/exactness.md, "The next threshold crossing"),
 * never missing one and never inventing one.
 *
 * <p>With {@code f(t) = u(t) - (threshold - leak)}, the function {@code h(t) = exp(alpha t) f(t)}
 * has the same zeros as f and the derivative {@code alpha exp(alpha t) (sum_k I_k(t) - theta)}:
 * h is monotone between the points where the total synaptic current equals
 * {@code theta = threshold - leak}. Those points are zeros of an exponential sum with one term
 * per distinct synaptic time constant plus a constant, found exactly by {@link ExpSumRoots}
 * (in closed form for one time constant). Scanning f at those points brackets the first crossing,
 * so grazing peaks are decided by the sign of f at the peak of h, not by sampling. The bracketed
 * root is then computed in closed form for {@code tauMem = 2 tauSyn} (a quadratic), by
 * safeguarded Newton iteration on a polynomial in {@code exp(-alpha t)} when every
 * {@code tauMem / tau} is an integer from 2 to 64 ({@link PowerSumRoot}), otherwise by
 * safeguarded Newton iteration in t. For {@code tauMem = tauSyn} (and {@code theta > 0}) the same
 * decision at the peak of h is made through the Lambert W argument, whose principal-branch root
 * is the crossing, without scanning; for one group of integer ratio 3 to 64 (and {@code theta > 0})
 * it is made by powers of the state, and the root found in {@code exp(-alpha t)} without a scan
 * ({@link #nextWithOneRatio}); for one group with {@code tauMem = 2 tauSyn} by the
 * quadratic's discriminant, whose larger root is the crossing ({@link #nextWithDoubleTauMem}).
 *
 * <p>Delta receptors (time constant 0) carry no current, so they take no part: their arrivals
 * are jumps of {@code u} made by the caller, and a jump to or above threshold is reported by
 * {@link #reached}. With only delta receptors {@code u} relaxes exponentially towards 0, and
 * crosses {@code theta} only if {@code theta < 0} (a leak above threshold).
 *
 * <p>Holds scratch buffers: one instance per thread.
 */
public final class CrossingSolver implements SafeguardedNewton.Function {
    private enum Shape { GENERAL, EQUAL_TAUS, DOUBLE_TAU_MEM, INTEGER_RATIOS }

    /** Shrinks the lower bound by far more than its rounding error. */
    private static final double SAFETY = 1 - 1e-9;
    /** Relative clearance below threshold of a rounded state, for {@link #lowerBoundClear}. */
    private static final double CLEARANCE = 1e-3;
    /**
     * Least share of their scale {@code v - A} and {@code v + A} of {@link #lowerBound}'s chord
     * keep, so that their rounding stays below {@code 1e-12} of them, far inside {@link #SAFETY}.
     */
    private static final double BOUND_CLEARANCE = 1e-3;
    /** Relative margin, far above rounding, by which a membrane value must clear threshold to decide without solving. */
    private static final double ROUNDING_MARGIN = 1e-12;
    /** Relative margin, far above the rounding of {@link #peaksBelow}, by which a peak must clear threshold. */
    private static final double PEAK_MARGIN = 1e-9;
    /** Smallest share of its terms' magnitudes the denominator of {@link #peaksBelow} must keep (bounds its rounding). */
    private static final double PEAK_CONDITION = 1e-3;
    /**
     * Largest {@code |beta / (beta - alpha)|}, the power {@link #peaksBelow} raises its base to:
     * the power magnifies the base's rounding that many times (and the exponent's own, from
     * {@code beta - alpha}, as many), so 1e4 keeps the peak within about 1e-11 of its value, far
     * inside {@link #PEAK_MARGIN}; nearer rates are left to the other bounds and the solver.
     */
    private static final double MAX_PEAK_EXPONENT = 1e4;
    /**
     * Largest Halley step in t, relative to the distance to the membrane's maximum, taken from
     * W's start ({@link #nextWithEqualTaus}): that start lies within {@code 1.7e-7} of it.
     */
    private static final double START_ERROR = 1e-6;
    /** Smallest {@code (theta/c)^(r-1)} taken by {@link #nextWithOneRatio}: far above underflow. */
    private static final double POWER_FLOOR = 0x1p-900;
    /** Largest {@code tauMem / tauSyn} whose peak {@link #peaksBelow} compares by powers rather than {@code Math.pow}. */
    private static final int MAX_PEAK_POWER = 16;

    private final double alpha;
    private final double theta;
    private final int[] receptorGroup;
    /** Per receptor, an upper bound of the kernel's peak {@code max_t K_k(t)}. */
    private final double[] kernelPeak;
    /**
     * Per receptor at least twice as fast as the membrane, {@code 1 / (r_k - 1)} with
     * {@code r_k = tauMem / tau_k} (shrunk by far more than its rounding): with
     * {@code y = exp(-alpha t)} its kernel is at least {@code (y - y^2) / (r_k - 1)}; 0 for the
     * other receptors.
     */
    private final double[] inhibitionShare;
    private final double[] groupRate;
    private final Shape shape;
    private final ExpSumRoots expSumRoots;
    private final double[] groupCurrent;
    private final double[] termCoef;
    private final double[] termRate;
    private final double[] criticalPoints;
    /** With one time constant, {@code tauMem / tau} where it is an integer from 2 to {@link #MAX_PEAK_POWER}, else 0. */
    private final int peakRatio;
    /** For {@link Shape#INTEGER_RATIOS}, the root in {@code exp(-alpha t)}; else null. */
    private final PowerSumRoot powerSum;
    /** For {@link Shape#INTEGER_RATIOS} with one group, its ratio; else 0. */
    private final int crossingRatio;
    /** {@code 1 / r} for the ratio r of {@link #peakRatio} or {@link #crossingRatio} (0 if neither). */
    private final double inverseRatio;
    /** For {@link #crossingRatio}, {@code theta^(r-1)}, against which {@link #peakSide} compares. */
    private final double thetaPower;
    /**
     * For {@link #crossingRatio}, the current below which {@link #peakSide} decides: there
     * {@code (theta/c)^(r-1)} exceeds {@code 2^-890}, far above {@link #POWER_FLOOR}, and its own
     * sides stay normal numbers; 0 (never) where theta's powers would not.
     */
    private final double clearCurrent;
    private double u0;
    private double slope;
    /** {@code exp(-alpha t)} at the argument of the last {@link #value}. */
    private double decay;
    /** {@code exp(-alpha t)} at the crossing {@link #next} last returned where its root was found in x, else NaN. */
    private double crossingDecay;

    /** A solver for neurons with parameters {@code p}, using the closed forms where they apply. */
    public CrossingSolver(NeuronParameters p) {
        this(p, true);
    }

    /** With {@code closedForms} false the general method is used for every ratio, also by {@link #peaksBelow} (for testing). */
    CrossingSolver(NeuronParameters p, boolean closedForms) {
        this.alpha = 1.0 / p.tauMem();
        this.theta = p.threshold() - p.leak();
        int n = p.receptorCount();
        receptorGroup = new int[n];
        double[] taus = new double[n];
        int groups = 0;
        for (int k = 0; k < n; k++) {
            if (p.isDeltaReceptor(k)) { // no current: its jumps are already in u
                receptorGroup[k] = -1;
                continue;
            }
            int g = 0;
            while (g < groups && taus[g] != p.receptorTau(k)) {
                g++;
            }
            if (g == groups) {
                taus[groups++] = p.receptorTau(k);
            }
            receptorGroup[k] = g;
        }
        kernelPeak = new double[n];
        for (int k = 0; k < n; k++) {
            kernelPeak[k] = p.isDeltaReceptor(k) ? 0 : kernelPeak(alpha, 1.0 / p.receptorTau(k)) * (1 + 1e-9);
        }
        inhibitionShare = new double[n];
        for (int k = 0; k < n; k++) {
            double ratio = p.isDeltaReceptor(k) ? 0 : p.tauMem() / p.receptorTau(k);
            inhibitionShare[k] = ratio >= 2 ? 1 / (ratio - 1) * (1 - 1e-9) : 0;
        }
        groupRate = new double[groups];
        for (int g = 0; g < groups; g++) {
            groupRate[g] = 1.0 / taus[g];
        }
        PowerSumRoot integerRatios = closedForms ? PowerSumRoot.forRatios(p.tauMem(), taus, groups, theta) : null;
        if (!closedForms) {
            shape = Shape.GENERAL;
        } else if (groups == 1 && taus[0] == p.tauMem()) {
            shape = Shape.EQUAL_TAUS;
        } else if (groups == 1 && 2 * taus[0] == p.tauMem()) {
            shape = Shape.DOUBLE_TAU_MEM;
        } else if (integerRatios != null) {
            shape = Shape.INTEGER_RATIOS;
        } else {
            shape = Shape.GENERAL;
        }
        powerSum = shape == Shape.INTEGER_RATIOS ? integerRatios : null;
        int ratio = closedForms && groups == 1 ? PowerSumRoot.integerRatio(p.tauMem(), taus[0]) : 0;
        peakRatio = ratio <= MAX_PEAK_POWER ? ratio : 0;
        crossingRatio = shape == Shape.INTEGER_RATIOS && groups == 1 ? ratio : 0;
        inverseRatio = peakRatio != 0 || crossingRatio != 0 ? 1.0 / ratio : 0;
        thetaPower = crossingRatio != 0 && theta > 0 ? PowerSumRoot.power(theta, crossingRatio - 1) : 0;
        double clear = crossingRatio != 0 && theta > 0 ? theta * Math.pow(2, 890.0 / (crossingRatio - 1)) : 0;
        // the sides of peakSide lie within [theta^r, theta^r 2^(890/(r-1))) for c in (theta, clear)
        clearCurrent = thetaPower * theta >= 0x1p-1000 && thetaPower * clear <= 0x1p1000 ? clear : 0;
        expSumRoots = new ExpSumRoots(groups + 1);
        groupCurrent = new double[groups];
        termCoef = new double[groups + 1];
        termRate = new double[groups + 1];
        criticalPoints = new double[groups + 1];
    }

    /**
     * Time from now until the first crossing within {@code (0, horizon]}, given
     * {@code u = V - leak} now and receptor currents {@code currents[offset + k]} now; 0 if V is
     * already at or above threshold; {@code +Infinity} if there is no crossing in the horizon.
     */
    public double next(double u, double[] currents, int offset, double horizon) {
        crossingDecay = Double.NaN;
        if (!(u < theta)) {
            return 0;
        }
        if (!(horizon > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        this.u0 = u;
        java.util.Arrays.fill(groupCurrent, 0);
        for (int k = 0; k < receptorGroup.length; k++) {
            if (receptorGroup[k] >= 0) {
                groupCurrent[receptorGroup[k]] += currents[offset + k];
            }
        }
        return nextFromGroups(horizon);
    }

    /** {@link #next(double, double[], int, double)} for a neuron with one receptor, carrying {@code current}. */
    public double next(double u, double current, double horizon) {
        crossingDecay = Double.NaN;
        if (!(u < theta)) {
            return 0;
        }
        if (!(horizon > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        this.u0 = u;
        groupCurrent[0] = 0.0 + current; // as the sum over receptors makes it
        return nextFromGroups(horizon);
    }

    /** {@link #next} once {@link #u0} and the current of each time-constant group are set. */
    private double nextFromGroups(double horizon) {
        // with one time constant and theta > 0, h rises to at most one peak (where the current
        // falls to theta) and then falls, so only the first bracket can hold a crossing
        boolean onePeak = groupRate.length == 1 && theta > 0;
        if (onePeak && !(groupCurrent[0] > theta)) {
            return Double.POSITIVE_INFINITY; // h falls from h(0) < 0 at once
        }
        if (onePeak && shape == Shape.EQUAL_TAUS) {
            return nextWithEqualTaus(horizon);
        }
        if (onePeak && shape == Shape.DOUBLE_TAU_MEM) {
            return nextWithDoubleTauMem(horizon);
        }
        if (onePeak && shape == Shape.INTEGER_RATIOS) {
            double t = nextWithOneRatio(horizon);
            if (t == t) {
                return t;
            }
        }
        int nCrit = criticalPoints(horizon);
        int brackets = onePeak ? 1 : nCrit + 1;
        double a = 0;
        double decayAtA = 1;
        for (int i = 0; i < brackets; i++) {
            double b = i < nCrit ? criticalPoints[i] : horizon;
            double fb = value(b);
            if (fb == 0 && theta == 0) { // u may have underflowed to 0 there: its scaled form's sign decides
                double scaled = scaledMembrane(b);
                if (scaled > 0) {
                    return crossingBeforeUnderflow(a, b, decayAtA);
                }
                fb = scaled < 0 ? scaled : fb;
            }
            if (fb >= 0) {
                return rootIn(a, b, decayAtA, decay);
            }
            a = b;
            decayAtA = decay;
        }
        return Double.POSITIVE_INFINITY;
    }

    /**
     * {@link #next} for {@code tauMem = tauSyn}, {@code theta > 0} and a current above theta,
     * without scanning:
     * {@code h(t) = u0 + I alpha t - theta exp(alpha t)} is concave with its peak at
     * {@code alpha t_h = ln(I / theta)}, so a crossing exists iff {@code I > theta} and
     * {@code h(t_h) >= 0}, i.e. iff the Lambert W argument {@code z = -(theta/I) exp(-u0/I)} is at
     * least {@code -1/e}. The first crossing is then the principal-branch root; {@code W >= -1}
     * puts it in {@code (0, t_m]}, {@code alpha t_m = 1 - u0/I}, where the membrane rises to its
     * maximum. W's start (within {@code 1.7e-7} of {@code 1 + W}, {@link LambertW#nearZeroOrBranch})
     * gives t, refined by one Halley step in t ({@link #halleyStep}); where that step is not
     * small against the distance to {@code t_m}, W to full precision and one Newton step as before.
     */
    private double nextWithEqualTaus(double horizon) {
        double c = groupCurrent[0];
        double ratio = u0 / c;
        double top = (1 - ratio) / alpha;
        double t;
        if (ratio >= -600) { // else exp(-ratio) overflows: decide at the maximum below
            double z = -(theta / c) * Math.exp(-ratio);
            if (!LambertW.atOrAboveBranchPoint(z)) {
                return Double.POSITIVE_INFINITY;
            }
            t = -(LambertW.nearZeroOrBranch(z) + ratio) / alpha;
            if (t >= 0 && t <= top) {
                double step = halleyStep(t);
                double next = t - step;
                if (Math.abs(step) <= START_ERROR * (top - t) && next >= 0 && next <= top) {
                    return next <= horizon ? next : Double.POSITIVE_INFINITY;
                }
            }
            t = -(LambertW.w0(z) + ratio) / alpha;
            if (t >= 0 && t <= top) {
                t = polish(t, 0, top);
                return t <= horizon ? t : Double.POSITIVE_INFINITY;
            }
        }
        // the closed form is unusable or rounding put it outside [0, t_m] (a grazing peak)
        if (!(value(top) >= 0)) {
            return Double.POSITIVE_INFINITY;
        }
        t = SafeguardedNewton.root(this, 0, top, true);
        return t <= horizon ? t : Double.POSITIVE_INFINITY;
    }

    /**
     * {@link #next} for one group of ratio {@code r = tauMem / tauSyn} (an integer from 3 to 64),
     * {@code theta > 0} and a current {@code c > theta}, in {@code x = exp(-alpha t)} throughout:
     * h peaks where the current falls to theta, {@code x_c = (theta/c)^(1/r)}, and there
     * {@code f = x_c (u0 + c/(r-1)) - theta r/(r-1)}, so f reaches 0 on {@code [x_c, 1]} iff
     * {@code s = c + (r-1) u0 > 0} and {@code (s/(r c))^r >= (theta/c)^(r-1)} (the test of
     * {@link #peaksBelow} without its margin). The root of the polynomial on {@code [x_c, 1]}
     * ({@link PowerSumRoot}) is mapped to t by one logarithm, without the scanning route's Newton
     * step in t: the root stays within a quarter of that route's budget (docs/exactness.md,
     * "Integer ratios"). NaN where the powers come near underflow (then the scan decides).
     */
    private double nextWithOneRatio(double horizon) {
        double c = groupCurrent[0];
        int r = crossingRatio;
        double s = c + (r - 1) * u0;
        if (!(s > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        int side = peakSide(s, c);
        if (side < 0) {
            return Double.POSITIVE_INFINITY;
        }
        double level = theta / c;
        if (side == 0) {
            double rise = PowerSumRoot.power(s / (r * c), r);
            double bound = PowerSumRoot.power(level, r - 1);
            if (!(bound >= POWER_FLOOR)) {
                return Double.NaN;
            }
            if (rise < bound) {
                return Double.POSITIVE_INFINITY;
            }
        }
        double xc = r == 4 ? Math.sqrt(Math.sqrt(level)) : Math.pow(level, 1.0 / r);
        powerSum.set(u0, groupCurrent);
        double x = powerSum.root(1, xc);
        double t = Math.max(0, -Math.log(x) / alpha);
        crossingDecay = t > 0 ? x : 1;
        return t <= horizon ? t : Double.POSITIVE_INFINITY;
    }

    /**
     * For {@link #nextWithOneRatio}, its test {@code (s/(r c))^r >= (theta/c)^(r-1)} made without
     * a division where it is clear, as {@code (s/r)^r} against {@code theta^(r-1) c} (both sides
     * times {@code c^r}): -1 if the peak stays below threshold, 1 if it reaches it, each only where
     * the sides differ by more than {@code 1e-12} of the larger, far above the few hundred roundings
     * either form of the test makes on the same {@code s}, so that the test by divisions decides
     * the same; 0 where that is not clear, or {@code c} is not below {@link #clearCurrent} (then the
     * test by divisions decides).
     */
    int peakSide(double s, double c) {
        if (!(c < clearCurrent)) {
            return 0;
        }
        double rise = PowerSumRoot.power(s * inverseRatio, crossingRatio);
        double bound = thetaPower * c;
        return rise < bound * (1 - 1e-12) ? -1 : rise > bound * (1 + 1e-12) ? 1 : 0;
    }

    /**
     * {@link #next} for {@code tauMem = 2 tauSyn}, {@code theta > 0} and a current {@code c > theta},
     * without scanning: with {@code x = exp(-alpha t)}, {@code f = -c x^2 + s x - theta},
     * {@code s = u0 + c}, whose vertex {@code v = s / (2c)} is where the membrane peaks; f reaches 0 iff
     * {@code v > 0} and {@code v^2 >= theta / c} (the test of {@link #nextWithOneRatio} for r = 2),
     * and the crossing is the larger root {@code v + sqrt(v^2 - theta/c)}, a sum without
     * cancellation, mapped to t by one logarithm.
     */
    private double nextWithDoubleTauMem(double horizon) {
        double c = groupCurrent[0];
        double vertex = (u0 + c) / (2 * c);
        double disc = vertex * vertex - theta / c; // scaled by c: no overflow, unlike s^2 - 4 c theta
        if (!(vertex > 0 && disc >= 0)) {
            return Double.POSITIVE_INFINITY;
        }
        double x = vertex + Math.sqrt(disc);
        double t = x < 1 ? -Math.log(x) / alpha : 0;
        crossingDecay = x < 1 ? x : 1;
        return t <= horizon ? t : Double.POSITIVE_INFINITY;
    }

    /**
     * A rigorous lower bound on the time until the next crossing, cheap enough to compute after
     * every input, the later of two (docs/exactness.md, "Checking only when needed"). The line:
     * {@code K_k(t) <= alpha t} and {@code exp(-alpha t) >= 1 - alpha t} give
     * {@code f(t) <= f(0) + alpha t drive} with {@code drive = max(0, -u) + sum of positive
     * currents}. The chord, below rest ({@code u < 0}), with {@code y = exp(-alpha t)}: positive
     * currents at most at their kernels' peaks ({@code Q} in all), inhibition on receptors at
     * least twice as fast as the membrane at least {@code -B (y - y^2)} ({@link #inhibitionShare}),
     * so {@code u(t) <= (u - B) y + B y^2 + Q}, convex in y; a chord of it meets theta at
     * {@code y'}, and {@code -ln y' >= 2 (1 - y') / (1 + y')} gives
     * {@code alpha t >= 2 (v - A) (v + B) / (v (v + A) + B (v - A))}, {@code v = -u},
     * {@code A = Q - theta}. Used where {@code v - A} and {@code v + A} exceed {@code 1e-3} of
     * their scale (their rounding then far inside the safety factor) and it lies beyond the line
     * (compared by cross-multiplication: one division). It is the one that counts where the leak
     * lies above threshold and the membrane relaxes towards it from below, held down by
     * inhibition (CUBA). Returns 0 if V is at or above threshold and +Infinity if nothing can ever cross
     * without further input: no drive, or {@link #neverReaches}.
     */
    public double lowerBound(double u, double[] currents, int offset) {
        double gap = theta - u;
        if (!(gap > 0)) {
            return 0;
        }
        double drive = Math.max(0, -u);
        double peaks = Math.max(0, u); // plus the currents' peaks: below rest, those alone
        for (int k = 0; k < kernelPeak.length; k++) {
            double current = Math.max(0, currents[offset + k]);
            drive += current;
            peaks += current * kernelPeak[k];
        }
        if (drive == 0 || theta > 0 && neverReaches(peaks)) {
            return Double.POSITIVE_INFINITY;
        }
        if (u < 0) {
            double scale = gap + peaks - u;
            double near = gap - peaks;
            double far = peaks - theta - u;
            if (near > BOUND_CLEARANCE * scale && far > BOUND_CLEARANCE * scale) {
                double held = 0;
                for (int k = 0; k < inhibitionShare.length; k++) {
                    held -= Math.min(0, currents[offset + k]) * inhibitionShare[k];
                }
                double num = 2 * near * (held - u);
                double den = far * -u + held * near;
                if (num * drive > gap * den) {
                    return num / (alpha * den) * SAFETY;
                }
            }
        }
        return gap / (alpha * drive) * SAFETY;
    }

    /**
     * {@link #lowerBound} for a state computed with rounding up to a few ulps of
     * {@code scale}: 0 unless V is below threshold by more than {@code 1e-3 scale}, so that the
     * rounding is below {@code 1e-11} of the gap, which the bound's safety factor covers.
     */
    public double lowerBoundClear(double u, double[] currents, int offset, double scale) {
        return theta - u > CLEARANCE * scale ? lowerBound(u, currents, offset) : 0;
    }

    /**
     * {@code exp(-t / tauMem)} for the crossing t that {@link #next} just returned: the root in
     * {@code x = exp(-t / tauMem)} itself where the closed forms found it there (one group of
     * integer ratio 2-64 and {@code theta > 0}; t is its logarithm), without an exponential,
     * else computed from t.
     */
    public double decayAtCrossing(double t) {
        return crossingDecay == crossingDecay ? crossingDecay : Math.exp(-alpha * t);
    }

    /** True if V is at or above threshold ({@link #lowerBound} would be 0). */
    public boolean reached(double u) {
        return !(theta - u > 0);
    }

    /** True if {@link #lowerBound} exceeds {@code span}, tested without a division. */
    public boolean staysBelowFor(double u, double[] currents, int offset, double span) {
        double gap = theta - u;
        return gap > 0 && (gap * SAFETY > alpha * drive(u, currents, offset) * span || neverReaches(u, currents, offset));
    }

    /** {@link #staysBelowFor(double, double[], int, double)} for a neuron with one receptor, carrying {@code current}. */
    public boolean staysBelowFor(double u, double current, double span) {
        double gap = theta - u;
        return gap > 0 && (gap * SAFETY > alpha * (Math.max(0, -u) + Math.max(0, current)) * span
                || neverReaches(Math.max(0, u) + Math.max(0, current) * kernelPeak[0]));
    }

    /**
     * True if the membrane stays below threshold for good without further input:
     * {@code u(t) = u exp(-alpha t) + sum_k I_k K_k(t) <= max(u, 0) + sum of positive I_k times
     * the peak of K_k}, with room for rounding.
     */
    private boolean neverReaches(double u, double[] currents, int offset) {
        if (!(theta > 0)) {
            return false; // a leak at or above threshold: the bound, never negative, cannot lie below theta
        }
        double bound = Math.max(0, u);
        for (int k = 0; k < kernelPeak.length; k++) {
            bound += Math.max(0, currents[offset + k]) * kernelPeak[k];
        }
        return neverReaches(bound);
    }

    /** {@link #neverReaches(double, double[], int)} given the bound on the membrane, {@code peakBound}. */
    private boolean neverReaches(double peakBound) {
        return peakBound * (1 + ROUNDING_MARGIN) < theta;
    }

    /** {@code max_t K(t)} for membrane rate a and synaptic rate b (at {@code t = ln(b/a)/(b - a)}, or 1/a if equal). */
    static double kernelPeak(double a, double b) {
        double t = a == b ? 1 / a : Math.log(b / a) / (b - a);
        return LifDynamics.kernel(a, b, t);
    }

    /** True if the crossing is solved as a polynomial in {@code exp(-alpha t)} ({@link PowerSumRoot}). */
    boolean usesIntegerRatios() {
        return shape == Shape.INTEGER_RATIOS;
    }

    /** True if all receptors share one time constant, where {@link #staysBelowOver} applies. */
    public boolean hasOneTimeConstant() {
        return groupRate.length == 1;
    }

    /**
     * For {@link #hasOneTimeConstant()}: true if a membrane that starts at {@code u0 < theta}
     * with total current {@code current0} and after a span is at {@code uEnd} with current
     * {@code currentEnd} stays below threshold throughout the span, decided without solving.
     * {@code u' = alpha (I(t) - u)} is then a sum of two exponentials (or an exponential times a
     * line) and changes sign at most once, so the membrane's maximum over the span is at its
     * start or end unless it rises at the start and falls at the end. Both must clear
     * threshold by far more than its rounding, which is bounded by {@code currentMagnitude}
     * (the sum of the receptor currents' magnitudes).
     */
    public boolean staysBelowOver(double u0, double current0, double uEnd, double currentEnd, double currentMagnitude) {
        // a fall at the end within rounding counts: a membrane far faster than its current
        // (tauMem 1e-19 s, tauSyn 5e-3 s) follows it closer than rounding, its peak at the start
        boolean peakInside = current0 > u0 && !(currentEnd > uEnd + ROUNDING_MARGIN * (Math.abs(uEnd) + currentMagnitude));
        double margin = ROUNDING_MARGIN * (Math.abs(u0) + currentMagnitude);
        // max(u0, uEnd) + margin < theta, decided the same (rounding is monotone) without Math.max
        return !peakInside && u0 + margin < theta && uEnd + margin < theta;
    }

    /**
     * For {@link #hasOneTimeConstant()}: true if a membrane at {@code u0 < theta} with total
     * current {@code c} stays below threshold for good without further input, decided from its
     * one peak in closed form; false where that cannot be decided by a wide margin, and for equal
     * rates or rates within 1e-4 of each other ({@link #MAX_PEAK_EXPONENT}). While it rises ({@code u' = alpha (I - u)} with {@code I = c exp(-beta t)}) it peaks
     * where it meets the current, {@code u* = c exp(-beta t*)} with
     * {@code exp((beta - alpha) t*) = c beta / D}, {@code D = c alpha - u0 (alpha - beta)}, and
     * falls after. For {@code beta = r alpha} with an integer r that is {@code u* = c q^(r/(r-1))}
     * with {@code q = D / (c beta)}, compared with a bound {@code T > 0} as
     * {@code q^r < (T/c)^(r-1)}, that is {@code (s/r)^r < T^(r-1) c} with {@code s = D / alpha}:
     * multiplications instead of {@code Math.pow} and divisions (docs/exactness.md,
     * "Checking only when needed"). The tight bound of a lazy check fails whenever the peak lies
     * inside its span; most such peaks stay below threshold, and deciding so spares the exact
     * solve, whose result (no crossing before the next input) would be overwritten anyway. For
     * equal rates the Lambert W path of {@link #next} decides a missing crossing about as fast
     * (asking first made {@code fastdeep} slower).
     */
    public boolean peaksBelow(double u0, double c) {
        double beta = groupRate[0];
        if (alpha == beta || !(c > 0 && c > u0 && u0 < theta)) {
            return false; // equal rates, or not rising towards a peak: left to the other bounds
        }
        if (peakRatio != 0) {
            // D = alpha s with s = c + (r-1) u0, and q^r < (T/c)^(r-1) times c^r is
            // (s/r)^r < T^(r-1) c: no division. Each side is within a few dozen roundings where
            // it is a normal number; T^(r-1) or the right side below 2^-1000 (lost to underflow)
            // leaves the decision to the solver, an overflow on either side decides rightly
            int r = peakRatio;
            double s = c + (r - 1) * u0;
            if (!(s > PEAK_CONDITION * (c + (r - 1) * Math.abs(u0)))) {
                return false; // no peak, or one whose time rounding could move far
            }
            double bound = theta - PEAK_MARGIN * (Math.abs(u0) + c);
            double boundPower = PowerSumRoot.power(bound, r - 1);
            double right = boundPower * c;
            return bound > 0 && boundPower >= 0x1p-1000 && right >= 0x1p-1000
                    && PowerSumRoot.power(s * inverseRatio, r) < right;
        }
        double denominator = c * alpha - u0 * (alpha - beta);
        if (!(denominator > PEAK_CONDITION * (c * alpha + Math.abs(u0 * (alpha - beta))))) {
            return false; // no peak, or one whose time rounding could move far
        }
        double exponent = -beta / (beta - alpha);
        if (!(Math.abs(exponent) <= MAX_PEAK_EXPONENT)) {
            return false; // nearly equal rates: the power would magnify rounding past the margin
        }
        double peak = c * Math.pow(c * beta / denominator, exponent);
        return peak + PEAK_MARGIN * (Math.abs(u0) + c) < theta;
    }

    private double drive(double u, double[] currents, int offset) {
        double drive = Math.max(0, -u);
        for (int k = 0; k < receptorGroup.length; k++) {
            drive += Math.max(0, currents[offset + k]);
        }
        return drive;
    }

    /** Zeros in (0, horizon) of {@code sum_g I_g exp(-r_g t) - theta}, ascending. */
    private int criticalPoints(double horizon) {
        if (groupRate.length == 0) {
            return 0; // only delta receptors: h' = -alpha theta exp(alpha t) has a constant sign
        }
        if (groupRate.length == 1) {
            double c = groupCurrent[0];
            double ratio = theta / c;
            if (ratio > 0) {
                double t = -Math.log(ratio) / groupRate[0];
                if (t > 0 && t < horizon) {
                    criticalPoints[0] = t;
                    return 1;
                }
            }
            return 0;
        }
        termCoef[0] = -theta;
        termRate[0] = 0;
        for (int g = 0; g < groupRate.length; g++) {
            termCoef[g + 1] = groupCurrent[g];
            termRate[g + 1] = groupRate[g];
        }
        return expSumRoots.find(termCoef, termRate, groupRate.length + 1, horizon, criticalPoints);
    }

    /**
     * The crossing in {@code (a, b]}, where {@code f(a) < 0 <= f(b)}; {@code decayA} and
     * {@code decayB} are {@code exp(-alpha a)} and {@code exp(-alpha b)}.
     */
    private double rootIn(double a, double b, double decayA, double decayB) {
        double t = Double.NaN;
        if (shape == Shape.INTEGER_RATIOS) {
            t = powerSumRoot(a, b, decayA, decayB);
        } else if (shape == Shape.DOUBLE_TAU_MEM) {
            t = quadraticRoot(a, b);
        } else if (shape == Shape.EQUAL_TAUS) {
            t = lambertRoot(a, b);
        }
        if (t >= a && t <= b) {
            return t;
        }
        return SafeguardedNewton.root(this, a, b, true);
    }

    /**
     * tauMem = 2 tauSyn: with {@code x = exp(-alpha t)}, {@code f = -I x^2 + (u0 + I) x - theta};
     * the crossing is the largest root x in [exp(-alpha b), exp(-alpha a)].
     */
    private double quadraticRoot(double a, double b) {
        double c = groupCurrent[0];
        double a2 = -c;
        double a1 = u0 + c;
        double a0 = -theta;
        double xHi = Math.exp(-alpha * a);
        double xLo = Math.exp(-alpha * b);
        double best = Double.NaN;
        if (a2 == 0) {
            best = -a0 / a1;
        } else {
            double disc = a1 * a1 - 4 * a2 * a0;
            if (disc < 0) {
                return Double.NaN;
            }
            double q = -0.5 * (a1 + Math.copySign(Math.sqrt(disc), a1));
            double r1 = q / a2;
            double r2 = q == 0 ? r1 : a0 / q;
            double tol = 8 * Math.ulp(xHi);
            best = larger(inRange(r1, xLo - tol, xHi + tol), inRange(r2, xLo - tol, xHi + tol));
        }
        return polish(-Math.log(best) / alpha, a, b);
    }

    /**
     * Integer ratios: the root in {@code x = exp(-alpha t)} of the polynomial ({@link PowerSumRoot}),
     * mapped back to t by one logarithm and polished by one Newton step in t, which restores the
     * accuracy the polynomial's cancellation near {@code x = 1} loses (docs/exactness.md).
     */
    private double powerSumRoot(double a, double b, double decayA, double decayB) {
        powerSum.set(u0, groupCurrent);
        double t = -Math.log(powerSum.root(decayA, decayB)) / alpha;
        return polish(Math.min(b, Math.max(a, t)), a, b);
    }

    private static double inRange(double r, double lo, double hi) {
        return r >= lo && r <= hi ? r : Double.NaN;
    }

    /** The larger of two numbers, either of which may be NaN (meaning absent). */
    private static double larger(double x, double y) {
        return Double.isNaN(x) ? y : Double.isNaN(y) ? x : Math.max(x, y);
    }

    /**
     * tauMem = tauSyn: {@code f = (u0 + I alpha t) exp(-alpha t) - theta} gives
     * {@code t = -(W0(z) + u0/I) / alpha} with {@code z = -(theta/I) exp(-u0/I)}.
     */
    private double lambertRoot(double a, double b) {
        double c = groupCurrent[0];
        double ratio = u0 / c;
        if (c == 0 || Math.abs(ratio) > 600) {
            return Double.NaN;
        }
        double w = LambertW.w0(-(theta / c) * Math.exp(-ratio));
        return polish(-(w + ratio) / alpha, a, b);
    }

    /**
     * For {@link Shape#EQUAL_TAUS}: Halley's correction of a crossing time t (subtract it), one
     * exponential: with {@code u} and {@code I = c exp(-alpha t)} the membrane and current at t,
     * {@code f = u - theta}, {@code f' = alpha (I - u)} and {@code f'' = alpha^2 (u - 2 I)}.
     */
    private double halleyStep(double t) {
        double c = groupCurrent[0];
        double ea = Math.exp(-alpha * t);
        double u = u0 * ea + c * alpha * t * ea; // as value(t)
        double current = c * ea;
        double f = u - theta;
        double rise = current - u;
        return 2 * f * rise / (alpha * (2 * rise * rise - f * (u - 2 * current)));
    }

    /** One Newton step on a closed-form root, kept only if it stays in the bracket. */
    private double polish(double t, double a, double b) {
        if (!(t >= a && t <= b)) {
            return t;
        }
        double fx = value(t);
        double next = t - fx / slope;
        return next >= a && next <= b && Math.abs(next - t) < 1e-9 * (b - a + t) ? next : t;
    }

    /**
     * For {@code theta = 0}, the crossing in {@code (a, b]} where u rises through 0 and evaluates
     * to exactly 0 at b (underflowed): bisection on the signs of {@link #value} and, where that
     * is 0, {@link #scaledMembrane}, until a point where u evaluates above 0 brackets the root
     * for {@link #rootIn}, or, where the crossing itself lies where u underflows, to an ulp.
     */
    private double crossingBeforeUnderflow(double a, double b, double decayAtA) {
        double lo = a;
        double hi = b;
        while (true) {
            double m = lo + 0.5 * (hi - lo);
            if (!(m > lo && m < hi)) {
                return hi;
            }
            double v = value(m);
            if (v > 0) {
                return rootIn(a, m, decayAtA, decay);
            }
            if (v < 0 || scaledMembrane(m) < 0) {
                lo = m;
            } else {
                hi = m;
            }
        }
    }

    /**
     * {@code u(t)} times {@code exp(s t)}, s the slowest rate among the membrane's and the
     * groups' with current, so that its slowest term does not decay: the sign of {@code u(t)} where
     * {@link #value} lost it because every term underflowed (with {@code theta = 0},
     * {@code f = u} then evaluates to exactly 0, which would count as a crossing). Every exponent
     * is at most 0, so nothing overflows.
     */
    private double scaledMembrane(double t) {
        double s = alpha;
        for (int g = 0; g < groupRate.length; g++) {
            if (groupCurrent[g] != 0) {
                s = Math.min(s, groupRate[g]);
            }
        }
        double em = Math.exp((s - alpha) * t);
        double u = u0 * em;
        for (int g = 0; g < groupRate.length; g++) {
            double c = groupCurrent[g];
            if (c == 0) {
                continue;
            }
            double r = groupRate[g];
            double x = (alpha - r) * t;
            if (x == 0) {
                u += c * alpha * t * em;
            } else if (Math.abs(x) < LifDynamics.SERIES_LIMIT) {
                u += c * alpha * t * em * LifDynamics.phiSeries(x);
            } else {
                u += c * alpha / (alpha - r) * (Math.exp((s - r) * t) - em);
            }
        }
        return u;
    }

    /** {@code f(t) = u(t) - theta}; also sets {@link #slope()} to {@code f'(t)}. */
    @Override
    public double value(double t) {
        double ea = Math.exp(-alpha * t);
        decay = ea;
        double u = u0 * ea;
        if (shape == Shape.EQUAL_TAUS) { // the loop below for its one group, whose rate is alpha
            double c = groupCurrent[0];
            double current = 0;
            if (c != 0) {
                u += c * alpha * t * ea;
                current += c * ea;
            }
            slope = alpha * (current - u);
            return u - theta;
        }
        double current = 0;
        for (int g = 0; g < groupRate.length; g++) {
            double c = groupCurrent[g];
            if (c == 0) {
                continue;
            }
            double r = groupRate[g];
            double x = (alpha - r) * t;
            double eb;
            if (x == 0) {
                eb = ea;
                u += c * alpha * t * ea;
            } else if (Math.abs(x) < LifDynamics.SERIES_LIMIT) {
                double phi = LifDynamics.phiSeries(x);
                eb = ea + ea * (x * phi);
                u += c * alpha * t * ea * phi;
            } else {
                eb = Math.exp(-r * t);
                u += c * alpha / (alpha - r) * (eb - ea);
            }
            current += c * eb;
        }
        slope = alpha * (current - u);
        return u - theta;
    }

    @Override
    public double slope() {
        return slope;
    }
}
