package org.eventsnn.core.solver;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Population;

import java.util.Arrays;

/**
 * Closed-form free evolution of a LIF neuron between events (docs/exactness.md, "Between events"),
 * numerically stable for every ratio tauMem/tauSyn including equality.
 *
 * <p>State is {@code u = V - leak} and one current per receptor. For a unit current jump at
 * time 0 on receptor k the membrane follows the kernel
 * {@code K_k(t) = alpha t exp(-alpha t) phi((alpha - beta_k) t)} with {@code alpha = 1/tauMem},
 * {@code beta_k = 1/tau_k} and {@code phi(x) = expm1(x)/x}; for {@code |x| <} {@link #SERIES_LIMIT}
 * this form has no cancellation when {@code tau_k} is close to {@code tauMem}, and phi comes
 * from its Taylor series (within two ulps; the JVM's {@code expm1} costs three times as much);
 * above it the kernel is the difference of exponentials
 * {@code alpha/(alpha - beta_k) (exp(-beta_k t) - exp(-alpha t))}. A delta receptor (time constant 0) has no current: its
 * arrivals jump {@code u} (the caller adds them), its current slot stays 0, its
 * {@code beta_k} is +infinity and its factors are 0. Immutable and thread-safe.
 */
public final class LifDynamics {
    /**
     * Where {@code |x| = |alpha - beta_k| t} falls below this, the kernel's difference of
     * exponentials would cancel, and it is computed with phi from its series instead.
     */
    static final double SERIES_LIMIT = 0.5;
    /**
     * Largest integer ratio {@code tauMem / tau_k} whose span factors come from powers of the
     * membrane's decay ({@link #integerRatioFactors}). Above it the powers and the geometric sum
     * save nothing over a series of the receptor's own (the microcircuit's ratio 20: 21-22 against
     * 20-21 ns per span), and their rounding grows with the ratio, so such a receptor is treated as
     * any other.
     */
    static final int MAX_POWER_RATIO = 8;
    private final NeuronParameters params;
    private final double alpha;
    private final double[] beta;
    /** True if every receptor's time constant equals tauMem. */
    private final boolean ratesEqual;
    /** Per receptor, the first receptor with the same time constant: a span's factors are computed once per time constant. */
    private final int[] sameTauAs;
    /**
     * Per receptor, {@code tauMem / tau_k} where it is an integer from 2 to {@link #MAX_POWER_RATIO}
     * ({@link PowerSumRoot#integerRatio}), else 0.
     */
    private final int[] integerRatio;
    /** Per receptor with an integer ratio r, {@code 1 / (r - 1)}. */
    private final double[] inverseDegree;

    /** The closed-form dynamics of a neuron with {@code params}. */
    public LifDynamics(NeuronParameters params) {
        this.params = params;
        this.alpha = 1.0 / params.tauMem();
        int n = params.receptorCount();
        this.beta = new double[n];
        sameTauAs = new int[n];
        integerRatio = new int[n];
        inverseDegree = new double[n];
        boolean equal = true;
        for (int k = 0; k < n; k++) {
            beta[k] = 1.0 / params.receptorTau(k);
            equal &= params.isDeltaReceptor(k) || (alpha - beta[k]) == 0;
            int first = 0;
            while (params.receptorTau(first) != params.receptorTau(k)) {
                first++;
            }
            sameTauAs[k] = first;
            int ratio = params.isDeltaReceptor(k) ? 0 : PowerSumRoot.integerRatio(params.tauMem(), params.receptorTau(k));
            integerRatio[k] = ratio <= MAX_POWER_RATIO ? ratio : 0;
            inverseDegree[k] = integerRatio[k] == 0 ? Double.NaN : 1.0 / (integerRatio[k] - 1);
        }
        ratesEqual = equal;
    }

    /**
     * The dynamics of every neuron of {@code net} by global index, null for inputs; the neurons
     * of a population without parameters of their own share one instance.
     */
    public static LifDynamics[] perNeuron(Network net) {
        LifDynamics[] each = new LifDynamics[net.neuronCount()];
        for (int p = 0; p < net.populations().size(); p++) {
            Population pop = net.population(p);
            if (pop.isInput()) {
                continue;
            }
            int from = net.offset(p);
            if (!pop.hasNeuronParams()) {
                Arrays.fill(each, from, from + pop.size(), new LifDynamics(pop.params()));
                continue;
            }
            for (int i = 0; i < pop.size(); i++) {
                NeuronParameters own = pop.params(i);
                each[from + i] = i > 0 && own == pop.params(i - 1) ? each[from + i - 1] : new LifDynamics(own);
            }
        }
        return each;
    }

    /** The neuron's parameters. */
    public NeuronParameters params() {
        return params;
    }

    /** {@code 1 / tauMem}. */
    public double alpha() {
        return alpha;
    }

    /** {@code 1 / tau_k}. */
    public double beta(int k) {
        return beta[k];
    }

    /** True if receptor k is a delta synapse: its arrivals jump {@code u}. */
    public boolean isDelta(int k) {
        return beta[k] == Double.POSITIVE_INFINITY;
    }

    /** {@code tauMem / tau_k} where the span's factors take it as an integer (2 to {@link #MAX_POWER_RATIO}), else 0. */
    int integerRatio(int k) {
        return integerRatio[k];
    }

    /** Number of receptors. */
    public int receptorCount() {
        return beta.length;
    }

    /** Membrane response {@code K_k(t)} to a unit current jump on receptor k at time 0 ({@code t >= 0}). */
    public double kernel(int k, double t) {
        return kernel(alpha, beta[k], t);
    }

    /** {@code exp(-beta_k t)}: what is left of a current jump on receptor k after t. */
    public double currentDecay(int k, double t) {
        return Math.exp(-beta[k] * t);
    }

    /**
     * {@link #kernel(int, double)} given {@code decay = currentDecay(k, t)}, bit for bit, with
     * one exponential fewer except where {@code 0 < |alpha - beta_k| t <} {@link #SERIES_LIMIT}.
     */
    public double kernel(int k, double t, double decay) {
        double b = beta[k];
        double x = (alpha - b) * t;
        if (x == 0) {
            return alpha * t * decay; // kernel(a, b, t) times phi(0) = 1 exactly
        }
        if (Math.abs(x) < SERIES_LIMIT) {
            return kernel(alpha, b, t); // the series form does not use exp(-b t)
        }
        return alpha / (alpha - b) * (decay - Math.exp(-alpha * t));
    }

    /**
     * {@link #currentDecay(int, double)} given {@code membraneDecay = membraneDecay(t)}: for an
     * integer ratio {@code r = tauMem / tau_k} up to {@link #MAX_POWER_RATIO} its r-th power, by
     * multiplications (within a few ulps of the exponential, as {@link #fill} takes it), else the
     * exponential.
     */
    public double currentDecay(int k, double t, double membraneDecay) {
        int r = integerRatio[k];
        return r != 0 ? PowerSumRoot.power(membraneDecay, r) : currentDecay(k, t);
    }

    /**
     * {@link #kernel(int, double, double)} given also {@code membraneDecay = membraneDecay(t)},
     * bit for bit, without an exponential: the difference of exponentials at and above
     * {@link #SERIES_LIMIT}, {@code alpha t membraneDecay phi(x)} below it, where
     * {@link #kernel(double, double, double)} computes {@code membraneDecay} again.
     */
    public double kernel(int k, double t, double decay, double membraneDecay) {
        double b = beta[k];
        double x = (alpha - b) * t;
        if (x == 0) {
            return alpha * t * decay;
        }
        if (Math.abs(x) < SERIES_LIMIT) {
            return alpha * t * membraneDecay * phiSeries(x);
        }
        return alpha / (alpha - b) * (decay - membraneDecay);
    }

    /**
     * Time derivative of the kernel at t, given {@code kernel = K_k(t)} and
     * {@code decay = currentDecay(k, t)}: {@code alpha (exp(-beta_k t) - K_k(t))}.
     */
    public double kernelSlope(double kernel, double decay) {
        return alpha * (decay - kernel);
    }

    /** {@code u(t)} from {@code u0} and receptor currents {@code currents[offset + k]} at time 0. */
    public double membrane(double u0, double[] currents, int offset, double t) {
        double u = u0 * Math.exp(-alpha * t);
        for (int k = 0; k < beta.length; k++) {
            double c = currents[offset + k];
            if (c != 0) {
                u += c * kernel(alpha, beta[k], t);
            }
        }
        return u;
    }

    /**
     * Advances a neuron by {@code dt >= 0}: decays the currents {@code currents[offset + k]} in
     * place and returns the new {@code u} (unchanged when {@code clamped}, i.e. refractory).
     */
    public double evolve(double u0, double[] currents, int offset, double dt, boolean clamped) {
        Span span = new Span(beta.length);
        fill(span, dt);
        return evolve(u0, currents, offset, span, clamped);
    }

    /** {@code exp(-alpha t)}: the membrane's free decay over t. */
    public double membraneDecay(double t) {
        return Math.exp(-alpha * t);
    }

    /**
     * Sets {@code span} to this dynamics' factors over {@code dt >= 0}: one exponential, the
     * membrane's {@code e = exp(-alpha dt)}, and per distinct synaptic time constant either, for an
     * integer ratio {@code r = tauMem / tau_k} up to {@link #MAX_POWER_RATIO}, the powers of e ({@code exp(-beta_k dt) = e^r};
     * phi from the membrane's own, see {@link #integerRatioFactors}), or its own series or
     * exponential (docs/exactness.md, "Decay factors").
     */
    public void fill(Span span, double dt) {
        span.dynamics = this;
        span.dt = dt;
        double ea = membraneDecay(dt);
        span.membraneDecay = ea;
        double phiMembrane = Double.NaN; // phi(-alpha dt), once some integer ratio needs it
        for (int k = 0; k < beta.length; k++) {
            int same = sameTauAs[k];
            if (same < k) {
                span.currentDecay[k] = span.currentDecay[same];
                span.phi[k] = span.phi[same];
                continue;
            }
            double x = (alpha - beta[k]) * dt;
            if (integerRatio[k] != 0) {
                if (phiMembrane != phiMembrane && alpha * dt < SERIES_LIMIT) {
                    phiMembrane = phiSeries(-alpha * dt);
                }
                integerRatioFactors(span, k, ea, phiMembrane);
            } else if (beta[k] == Double.POSITIVE_INFINITY) { // a delta receptor: no current to decay
                span.currentDecay[k] = 0;
                span.phi[k] = Double.NaN;
            } else if (x == 0) {
                span.currentDecay[k] = ea;
                span.phi[k] = 1; // phi(0)
            } else if (Math.abs(x) < SERIES_LIMIT) {
                double phi = phiSeries(x);
                span.currentDecay[k] = ea + ea * (x * phi);
                span.phi[k] = phi;
            } else {
                span.currentDecay[k] = Math.exp(-beta[k] * dt);
                span.phi[k] = Double.NaN;
            }
        }
    }

    /**
     * The factors of receptor k, whose rate is {@code beta_k = r alpha} with an integer r, from
     * {@code ea = exp(-alpha dt)} and {@code phiMembrane = phi(-alpha dt)} (NaN where
     * {@code alpha dt >=} {@link #SERIES_LIMIT}): the current decays by {@code ea^r}, and with
     * {@code n = r - 1}, {@code phi(-n alpha dt) = (1 - ea^n) / (n alpha dt)} and
     * {@code 1 - ea^n = (1 - ea) (1 + ea + ... + ea^(n-1))}, so
     * {@code phi(-n alpha dt) = phiMembrane (1 + ea + ... + ea^(n-1)) / n}: a sum of positive
     * terms, without the cancellation of {@code 1 - ea^n}. Beyond the series' range the kernel
     * is the difference of exponentials, {@code ea - ea^r} losing at most two bits there.
     */
    private void integerRatioFactors(Span span, int k, double ea, double phiMembrane) {
        int r = integerRatio[k];
        span.currentDecay[k] = PowerSumRoot.power(ea, r);
        span.phi[k] = phiMembrane == phiMembrane ? phiMembrane * (geometricSum(ea, r - 1) * inverseDegree[k]) : Double.NaN;
    }

    /**
     * {@code 1 + x + ... + x^(n-1)} for {@code n >= 1} and {@code x >= 0}, by doubling
     * ({@code G_2m = G_m (1 + x^m)}, {@code G_(m+1) = 1 + x G_m}): about {@code 2 log2 n}
     * roundings of sums of positive terms.
     */
    static double geometricSum(double x, int n) {
        double sum = 1;
        double power = x;
        for (int bit = Integer.highestOneBit(n) >>> 1; bit != 0; bit >>>= 1) {
            sum += sum * power;
            power *= power;
            if ((n & bit) != 0) {
                sum = 1 + x * sum;
                power *= x;
            }
        }
        return sum;
    }

    /**
     * {@link #evolve(double, double[], int, double, boolean)} over a span of this dynamics
     * ({@link #fill}), bit for bit, without an exponential.
     */
    public double evolve(double u0, double[] currents, int offset, Span span, boolean clamped) {
        double ea = span.membraneDecay;
        double u = clamped ? u0 : u0 * ea;
        if (ratesEqual) { // every K_k(t) = alpha t exp(-alpha t), every current decays like the membrane
            double dt = span.dt;
            for (int k = 0; k < beta.length; k++) {
                double c = currents[offset + k];
                if (c != 0) {
                    if (!clamped) {
                        u += c * alpha * dt * ea;
                    }
                    currents[offset + k] = c * ea;
                }
            }
            return u;
        }
        double[] decay = span.currentDecay;
        for (int k = 0; k < beta.length; k++) {
            double c = currents[offset + k];
            if (c == 0) {
                continue;
            }
            if (!clamped) {
                u += response(c, k, span);
            }
            currents[offset + k] = c * decay[k];
        }
        return u;
    }

    /**
     * {@link #evolve(double, double[], int, Span, boolean)} for dynamics with one receptor,
     * carrying {@code current}: returns the new {@code u}, bit for bit; the current becomes
     * {@code current * span.currentDecay[0]}.
     */
    public double evolveOne(double u0, double current, Span span, boolean clamped) {
        double ea = span.membraneDecay;
        if (clamped) {
            return u0;
        }
        double u = u0 * ea;
        if (current == 0) {
            return u;
        }
        return ratesEqual ? u + current * alpha * span.dt * ea : u + response(current, 0, span);
    }

    /** {@link #membraneAfter} for dynamics with one receptor, carrying {@code current}. */
    public double membraneAfterOne(double u0, double current, Span span) {
        double u = u0 * span.membraneDecay;
        return current != 0 ? u + response(current, 0, span) : u;
    }

    /** {@code u} after a span of this dynamics, as {@link #evolve} computes it, leaving the currents alone. */
    public double membraneAfter(double u0, double[] currents, int offset, Span span) {
        double u = u0 * span.membraneDecay;
        for (int k = 0; k < beta.length; k++) {
            double c = currents[offset + k];
            if (c != 0) {
                u += response(c, k, span);
            }
        }
        return u;
    }

    /** The total synaptic current after a span of this dynamics. */
    public double currentAfter(double[] currents, int offset, Span span) {
        double sum = 0;
        for (int k = 0; k < beta.length; k++) {
            sum += currents[offset + k] * span.currentDecay[k];
        }
        return sum;
    }

    /** {@code c K_k(dt)}: the membrane's response over the span to current c on receptor k. */
    double response(double c, int k, Span span) {
        double phi = span.phi[k];
        if (Double.isNaN(phi)) {
            return c * alpha / (alpha - beta[k]) * (span.currentDecay[k] - span.membraneDecay);
        }
        return c * alpha * span.dt * span.membraneDecay * phi;
    }

    /** The unit-jump kernel for membrane rate {@code a} and synaptic rate {@code b}. */
    static double kernel(double a, double b, double t) {
        double x = (a - b) * t;
        if (Math.abs(x) < SERIES_LIMIT) {
            return a * t * Math.exp(-a * t) * phiSeries(x);
        }
        return a / (a - b) * (Math.exp(-b * t) - Math.exp(-a * t));
    }

    /**
     * {@code phi(x) = expm1(x)/x = sum_n x^n / (n+1)!} for {@code |x| <} {@link #SERIES_LIMIT}: the
     * terms up to {@code x^17 / 18!}, grouped by powers of {@code x^2, x^4, x^8, x^16} (Estrin's
     * scheme: a short chain of dependent operations, where Horner's would be 17 long); the first
     * term left out is below {@code 1e-22} of the sum, so the result is within two ulps of the
     * exact value.
     */
    static double phiSeries(double x) {
        double x2 = x * x;
        double x4 = x2 * x2;
        double x8 = x4 * x4;
        // every factorial below is exact in a double; 1 / n! is a constant, so no division is left
        double q0 = (1 + x * (1 / 2.0)) + x2 * (1 / 6.0 + x * (1 / 24.0));
        double q1 = (1 / 120.0 + x * (1 / 720.0)) + x2 * (1 / 5040.0 + x * (1 / 40320.0));
        double q2 = (1 / 362880.0 + x * (1 / 3628800.0)) + x2 * (1 / 39916800.0 + x * (1 / 479001600.0));
        double q3 = (1 / 6227020800.0 + x * (1 / 87178291200.0)) + x2 * (1 / 1307674368000.0 + x * (1 / 20922789888000.0));
        double q4 = 1 / 355687428096000.0 + x * (1 / 6402373705728000.0);
        return (q0 + x4 * q1) + x8 * ((q2 + x4 * q3) + x8 * q4);
    }
}
