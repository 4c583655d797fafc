package org.eventsnn.core.solver;

import org.eventsnn.core.model.NeuronParameters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

class LifDynamicsTest {
    /** Shape 0: equal taus, 1: tauMem = 2 tauSyn, 2: tauMem / ratio (close ratios take the expm1 branch). */
    private static LifDynamics dynamics(int shape, double tauMem, double ratio) {
        double tauSyn = shape == 0 ? tauMem : shape == 1 ? tauMem / 2 : tauMem / ratio;
        return new LifDynamics(NeuronParameters.builder().tauMem(tauMem).tauSyn(tauSyn).build());
    }

    @Test
    void kernelGivenDecayIsKernelBitForBit() {
        qt().withExamples(20000).forAll(integers().between(0, 2), doubles().between(0.001, 0.05),
                doubles().between(0.2, 5.0), doubles().between(0.0, 10.0)).checkAssert((shape, tauMem, ratio, lagInTau) -> {
                    LifDynamics d = dynamics(shape, tauMem, ratio);
                    double t = lagInTau * tauMem;
                    double decay = d.currentDecay(0, t);
                    assertEquals(Math.exp(-t * d.beta(0)), decay, 0.0);
                    assertEquals(d.kernel(0, t), d.kernel(0, t, decay), 0.0, "t " + t);
                });
    }

    @Test
    void kernelSlopeIsTheKernelsDerivative() {
        qt().withExamples(5000).forAll(integers().between(0, 2), doubles().between(0.001, 0.05),
                doubles().between(0.2, 5.0), doubles().between(0.05, 10.0)).checkAssert((shape, tauMem, ratio, lagInTau) -> {
                    LifDynamics d = dynamics(shape, tauMem, ratio);
                    double t = lagInTau * tauMem;
                    double h = 1e-4 * tauMem;
                    // five-point central difference: error O(h^4) relative to the kernel's scale 1/tauMem
                    double fd = (d.kernel(0, t - 2 * h) - 8 * d.kernel(0, t - h) + 8 * d.kernel(0, t + h)
                            - d.kernel(0, t + 2 * h)) / (12 * h);
                    double kernel = d.kernel(0, t);
                    double slope = d.kernelSlope(kernel, d.currentDecay(0, t));
                    assertEquals(fd, slope, 1e-9 / tauMem, "t " + t);
                });
    }

    private static final MathContext DIGITS = new MathContext(50);

    /** The series of phi is within two ulps of expm1(x)/x evaluated to 50 digits, over its whole range. */
    @Test
    void phiSeriesIsWithinTwoUlps() {
        qt().withExamples(20000).forAll(doubles().between(-LifDynamics.SERIES_LIMIT, LifDynamics.SERIES_LIMIT))
                .checkAssert(x -> {
                    double exact = phiExact(new BigDecimal(x)).doubleValue();
                    assertEquals(exact, LifDynamics.phiSeries(x), 2 * Math.ulp(exact), "x " + x);
                });
    }

    /**
     * The kernel, by series or by the difference of exponentials on either side of
     * {@link LifDynamics#SERIES_LIMIT}, is within its rounding budget of its 50-digit value, for
     * rates close together and far apart, and lags up to ten membrane time constants: relative
     * {@code 8 eps (1 + a t + b t) / min(1, |x|)}, the rounding of the exponents (the kernel's
     * own condition) amplified by the difference's cancellation where it is used.
     */
    @Test
    void kernelIsWithinItsRoundingBudgetOnBothBranches() {
        qt().withExamples(3000).forAll(doubles().between(0.001, 0.05), doubles().between(-1.0, 1.0),
                doubles().between(0.0, 10.0)).checkAssert((tauMem, spread, lagInTau) -> {
                    double a = 1 / tauMem;
                    double b = a * Math.exp(2 * spread * Math.abs(spread)); // ratios from 1/e^2 to e^2, dense near 1
                    double t = lagInTau * tauMem;
                    double exact = kernelExact(a, b, t);
                    double x = Math.abs((a - b) * t);
                    double budget = 8 * Math.ulp(1.0) * (1 + a * t + b * t) / Math.min(1, Math.max(x, LifDynamics.SERIES_LIMIT));
                    assertEquals(exact, LifDynamics.kernel(a, b, t), budget * Math.abs(exact) + Double.MIN_NORMAL,
                            "a " + a + " b " + b + " t " + t + " x " + x);
                });
    }

    /**
     * A span's factors for a receptor whose {@code tauMem / tau} is an integer r (2 to
     * {@link LifDynamics#MAX_POWER_RATIO}), taken
     * from the membrane's {@code exp(-alpha dt)} (its r-th power, and phi through a geometric sum),
     * stay within their stated budget of the 50-digit values over lags from 1e-9 to 10 membrane
     * time constants: the current's decay within {@code (2r + 8 + 2 beta dt)} eps relative (Math.exp's
     * ulp raised to the r-th power, the squarings, and the rounding of the exponent every exp
     * meets), and the kernel within {@code (2r + 16) eps (1 + alpha dt + beta dt)} relative, times
     * 2.6 where the difference of exponentials is used ({@code alpha dt >= 0.5}: ea - ea^r loses
     * at most that factor). A second receptor with the same time constant gets the same bits.
     */
    @Test
    void integerRatioFactorsStayWithinTheirBudget() {
        double[] worst = new double[2];
        qt().withExamples(20000).forAll(doubles().between(0.001, 0.05), integers().between(2, LifDynamics.MAX_POWER_RATIO),
                doubles().between(-9.0, 1.0)).checkAssert((tauMem, r, logLag) -> assertFactorsWithin(tauMem, r, logLag, r,
                        (at, bt) -> 2 * r + 8 + 2 * bt,
                        (at, bt) -> (2 * r + 16) * (1 + at + bt) * (at < LifDynamics.SERIES_LIMIT ? 1 : 2.6), worst));
        System.out.printf("integer-ratio factors: largest error %.3f of the decay's budget, %.3f of the kernel's%n",
                worst[0], worst[1]);
    }

    /**
     * Integer ratios above {@link LifDynamics#MAX_POWER_RATIO} (up to 64, which the crossing
     * solver still takes as integers) get the factors of any other ratio, from the receptor's own
     * series or exponential, within that path's budget of the 50-digit values over lags from
     * 1e-9 to 10 membrane time constants: the decay within {@code (4 + 2 beta dt)} eps relative
     * (the exponent's rounding, the series' two ulps and the step {@code e + e x phi}), the
     * kernel within {@code 8 eps (1 + alpha dt + beta dt)} relative, times 2.6 where the
     * difference of exponentials is used ({@code |alpha - beta| dt >= 0.5}). A second receptor
     * with the same time constant gets the same bits.
     */
    @Test
    void largeIntegerRatiosTakeTheirOwnSeries() {
        double[] worst = new double[2];
        qt().withExamples(20000).forAll(doubles().between(0.001, 0.05), integers().between(LifDynamics.MAX_POWER_RATIO + 1, 64),
                doubles().between(-9.0, 1.0)).checkAssert((tauMem, r, logLag) -> assertFactorsWithin(tauMem, r, logLag, 0,
                        (at, bt) -> 4 + 2 * bt,
                        (at, bt) -> 8 * (1 + at + bt) * (bt - at < LifDynamics.SERIES_LIMIT ? 1 : 2.6), worst));
        System.out.printf("large integer ratios: largest error %.3f of the decay's budget, %.3f of the kernel's%n",
                worst[0], worst[1]);
    }

    /** A relative error budget in eps, given {@code alpha dt} and {@code beta dt}. */
    private interface Budget {
        double eps(double alphaDt, double betaDt);
    }

    /**
     * For dynamics with two receptors of time constant {@code tauMem / r}, whose factors take the
     * ratio as {@code takenRatio} (0: not as an integer): a span of {@code 10^logLag tauMem} has
     * the decay and kernel of the 50-digit values within the budgets, and the second receptor's
     * factors are the first's bits. Keeps in {@code worst} the largest errors seen, as shares of
     * the budgets.
     */
    private static void assertFactorsWithin(double tauMem, int r, double logLag, int takenRatio, Budget decayBudget,
                                            Budget kernelBudget, double[] worst) {
        double tau = tauMem / r;
        LifDynamics d = new LifDynamics(NeuronParameters.builder().tauMem(tauMem)
                .receptors(new String[] {"a", "b"}, new double[] {tau, tau}).build());
        assertEquals(takenRatio, d.integerRatio(0), "tauMem " + tauMem + " / " + r + ": the ratio taken");
        double t = Math.pow(10, logLag) * tauMem;
        Span span = new Span(2);
        d.fill(span, t);
        double a = d.alpha();
        double b = d.beta(0);
        double eps = Math.ulp(1.0);
        double decay = expMinus(new BigDecimal(b).multiply(new BigDecimal(t), DIGITS)).doubleValue();
        double decayAllowed = decayBudget.eps(a * t, b * t) * eps;
        assertEquals(decay, span.currentDecay[0], decayAllowed * decay + Double.MIN_NORMAL,
                "decay, tauMem " + tauMem + " r " + r + " t " + t);
        double kernel = kernelExact(a, b, t);
        double kernelAllowed = kernelBudget.eps(a * t, b * t) * eps;
        double got = d.response(1.0, 0, span);
        assertEquals(kernel, got, kernelAllowed * kernel + Double.MIN_NORMAL, "kernel, tauMem " + tauMem + " r " + r + " t " + t);
        assertEquals(span.currentDecay[0], span.currentDecay[1], 0.0);
        assertEquals(got, d.response(1.0, 1, span), 0.0);
        if (decay > 1e-300) {
            worst[0] = Math.max(worst[0], Math.abs(span.currentDecay[0] - decay) / (decay * decayAllowed));
        }
        if (kernel > 1e-300) {
            worst[1] = Math.max(worst[1], Math.abs(got - kernel) / (kernel * kernelAllowed));
        }
    }

    /** The geometric sum by doubling equals the plain sum within its few roundings. */
    @Test
    void geometricSumIsTheSumOfPowers() {
        qt().withExamples(5000).forAll(doubles().between(0.0, 1.0), integers().between(1, 70)).checkAssert((x, n) -> {
            BigDecimal sum = BigDecimal.ZERO;
            BigDecimal power = BigDecimal.ONE;
            for (int j = 0; j < n; j++) {
                sum = sum.add(power, DIGITS);
                power = power.multiply(new BigDecimal(x), DIGITS);
            }
            double exact = sum.doubleValue();
            assertEquals(exact, LifDynamics.geometricSum(x, n), (n + 4) * Math.ulp(exact), "x " + x + " n " + n);
        });
    }

    private static BigDecimal phiExact(BigDecimal x) {
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal term = BigDecimal.ONE;
        for (int n = 1; n < 40; n++) {
            sum = sum.add(term.divide(BigDecimal.valueOf(n), DIGITS), DIGITS); // x^(n-1) / n!
            term = term.multiply(x, DIGITS).divide(BigDecimal.valueOf(n), DIGITS);
        }
        return sum;
    }

    /** exp(-y) for 0 <= y <= 700, to 50 digits: the series of exp(y/128), squared seven times, inverted. */
    private static BigDecimal expMinus(BigDecimal y) {
        BigDecimal z = y.divide(BigDecimal.valueOf(128), DIGITS);
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        for (int n = 1; n < 40; n++) {
            term = term.multiply(z, DIGITS).divide(BigDecimal.valueOf(n), DIGITS);
            sum = sum.add(term, DIGITS);
        }
        for (int i = 0; i < 7; i++) {
            sum = sum.multiply(sum, DIGITS);
        }
        return BigDecimal.ONE.divide(sum, DIGITS);
    }

    /** {@code a t exp(-a t) phi((a - b) t)} to 50 digits from the doubles' exact values. */
    private static double kernelExact(double a, double b, double t) {
        BigDecimal at = new BigDecimal(a).multiply(new BigDecimal(t), DIGITS);
        BigDecimal x = new BigDecimal(a).subtract(new BigDecimal(b)).multiply(new BigDecimal(t), DIGITS);
        BigDecimal phi = x.abs().compareTo(BigDecimal.ONE) < 0 ? phiExact(x)
                : BigDecimal.ONE.subtract(expMinus(x.abs()).pow(x.signum() > 0 ? -1 : 1, DIGITS), DIGITS)
                        .negate().divide(x, DIGITS);
        return at.multiply(expMinus(at), DIGITS).multiply(phi, DIGITS).doubleValue();
    }
}
