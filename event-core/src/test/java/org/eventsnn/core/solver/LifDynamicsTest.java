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

    private static BigDecimal phiExact(BigDecimal x) {
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal term = BigDecimal.ONE;
        for (int n = 1; n < 40; n++) {
            sum = sum.add(term.divide(BigDecimal.valueOf(n), DIGITS), DIGITS); // x^(n-1) / n!
            term = term.multiply(x, DIGITS).divide(BigDecimal.valueOf(n), DIGITS);
        }
        return sum;
    }

    /** exp(-y) for 0 <= y <= 100, to 50 digits: the series of exp(y/128), squared seven times, inverted. */
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
