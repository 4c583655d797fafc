package org.eventsnn.core.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LambertWTest {
    @Test
    void knownValues() {
        assertEquals(0.0, LambertW.w0(0), 0);
        assertEquals(1.0, LambertW.w0(Math.E), 1e-16);
        assertEquals(-1.0, LambertW.w0(-1 / Math.E), 1e-7); // branch point: W is ill-conditioned there
        assertEquals(0.5671432904097838, LambertW.w0(1), 1e-16); // omega constant
        assertTrue(Double.isNaN(LambertW.w0(-0.5)));
    }

    /** W0 at doubles z (exactly as parsed) from 50-digit mpmath, across every start of the iteration. */
    private static final double[][] REFERENCE = {
            {-0.36787944117144, -0.9999998877164061231255},
            {-0.3678, -0.9793607149578305171303},
            {-0.36, -0.80608431597081762445},
            {-0.33, -0.6032666497551331221491},
            {-0.3, -0.489402227180214933565},
            {-0.25, -0.3574029561813889030688},
            {-0.2, -0.2591711018190737644766},
            {-0.15, -0.1794912683479847255214},
            {-0.1, -0.1118325591589629718232},
            {-0.05, -0.05270598355154635104851},
            {-0.0100001, -0.010101629244642592519},
            {-0.0099999, -0.01010142515245584752677},
            {-0.001, -0.001001001502671885844254},
            {-1e-6, -0.000001000001000001499957415},
            {-1e-12, -1.000000000000999979887e-12},
            {1e-9, 9.999999990000000637816e-10},
            {0.0099, 0.009803420317958611858819},
            {0.0101, 0.009999508238241146764547},
            {0.5, 0.3517337112491958260249},
            {2.5, 0.9585863567287029121699},
            {3.5, 1.130289326974135826519},
            {100, 3.385630140290050184888},
    };

    @Test
    void matchesHighPrecisionReferences() {
        // Error budget: 2 ulps of W, plus the rounding of the residual W exp(W) - z (4 ulps of z)
        // magnified by W'(z) = 1 / (exp(W) (1 + W)), which grows without bound at the branch point.
        for (double[] ref : REFERENCE) {
            double z = ref[0];
            double w = ref[1];
            double conditioning = 1 / (Math.exp(w) * (1 + w));
            assertEquals(w, LambertW.w0(z), 2 * Math.ulp(w) + 4 * Math.ulp(z) * conditioning, "z = " + z);
        }
    }

    @Test
    void inverseOfWExpW() {
        // Error budget: the residual W exp(W) - z is a few ulps of z everywhere; W itself is within
        // its conditioning (16 ulps of z: rounding of z and of the residual in the iteration, through W'(z)) wherever |1 + W| > 1e-3.
        qt().withExamples(20000).forAll(doubles().between(-1, 30)).checkAssert(w -> {
            double z = w * Math.exp(w);
            double back = LambertW.w0(z);
            double residual = back * Math.exp(back) - z;
            assertTrue(Math.abs(residual) <= 8 * Math.ulp(Math.max(Math.abs(z), 1e-300)) + 1e-300,
                    "z = " + z + ", residual " + residual);
            if (Math.abs(1 + w) > 1e-3) {
                // z itself carries a few ulps of rounding; W'(z) = 1 / (exp(W) (1 + W)) magnifies them
                double inherent = 16 * Math.ulp(z) / (Math.exp(w) * Math.abs(1 + w));
                assertEquals(w, back, inherent + 4 * Math.ulp(w), "z = " + z);
            }
        });
    }

    // w0OnNegativeAxis, against references computed here: Newton on w e^w = z at 80 digits.

    private static final MathContext MC = new MathContext(80);
    private static final BigDecimal E_80 = exp(BigDecimal.ONE);
    private static final BigDecimal INV_E_80 = exp(BigDecimal.ONE.negate());
    /** Where w0OnNegativeAxis switches from its series in z to its pieces in p. */
    private static final double NEAR_ZERO = -0.0805;
    private static final double UNIT = 0x1p-53;

    /** e^x for {@code |x| <= 2} to about 76 digits: the Taylor series of {@code x / 1024}, squared ten times. */
    private static BigDecimal exp(BigDecimal x) {
        BigDecimal y = x.divide(BigDecimal.valueOf(1024), MC);
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        for (int n = 1; term.abs().compareTo(new BigDecimal("1e-85")) > 0; n++) {
            term = term.multiply(y, MC).divide(BigDecimal.valueOf(n), MC);
            sum = sum.add(term, MC);
        }
        for (int k = 0; k < 10; k++) {
            sum = sum.multiply(sum, MC);
        }
        return sum;
    }

    /**
     * W0(z) for a double z in {@code [-1/e, 0)}, to more than 50 digits: Newton's method on the
     * convex, increasing {@code f(w) = w e^w - z} (w > -1) from {@code start} if it lies above -1,
     * else from {@code -1 + sqrt(2 (e z + 1))}, which lies above the root; after the first step
     * every iterate lies above the root, so the iteration cannot leave the principal branch. It
     * stops after a step below 1e-55 of W (f is known to about 1e-77 and {@code 1 / f'} is below
     * 1e9 at doubles above -1/e, so the noise is far below that).
     */
    private static BigDecimal reference(double z, double start) {
        BigDecimal zb = new BigDecimal(z);
        BigDecimal w = start > -1 ? new BigDecimal(start)
                : zb.multiply(E_80, MC).add(BigDecimal.ONE).multiply(BigDecimal.valueOf(2)).sqrt(MC)
                        .subtract(BigDecimal.ONE);
        BigDecimal tolerance = new BigDecimal("1e-55");
        for (int i = 0; i < 100; i++) {
            BigDecimal ew = exp(w);
            BigDecimal step = w.multiply(ew, MC).subtract(zb, MC).divide(ew.multiply(w.add(BigDecimal.ONE), MC), MC);
            w = w.subtract(step, MC);
            if (step.abs().compareTo(w.abs().multiply(tolerance)) <= 0) {
                return w;
            }
        }
        throw new AssertionError("no convergence at z = " + z);
    }

    @Test
    void referencesAreAccurate() {
        assertTrue(INV_E_80.multiply(E_80, MC).subtract(BigDecimal.ONE).abs().compareTo(new BigDecimal("1e-75")) < 0);
        // W(-ln(2) / 2) = -ln 2; the double z is within 2.8e-17 of -ln(2) / 2, and W'(z) = 6.5 there
        double z = -0.34657359027997264;
        BigDecimal w = reference(z, -0.5);
        BigDecimal residual = w.multiply(exp(w), MC).subtract(new BigDecimal(z), MC);
        assertTrue(residual.abs().compareTo(new BigDecimal("1e-72")) < 0, "residual " + residual);
        assertEquals(-Math.log(2), w.doubleValue(), 4e-16);
    }

    /**
     * w0OnNegativeAxis's budgets, on 3000 random points per piece (five quarters of p, the
     * series in z, z log-uniform down to 1e-300), near the branch point and at the pieces' ends:
     * within 10 units of {@code 2^-53 (|W| + |z| W'(z))}; absolute error below 2.5e-16 where
     * {@code z <= -0.0805} (the pieces in p), relative error below 2.5e-16 above (the series in z,
     * so {@code -theta / (P W)} keeps its precision as z goes to 0). {@link LambertW#w0} is within 2
     * units on the same points.
     */
    @Test
    void onNegativeAxisMatchesReferences() {
        Random random = new Random(21);
        int perPiece = 3000;
        double[] z = new double[8 * perPiece + 2800];
        int n = 0;
        for (int piece = 0; piece < 5; piece++) {
            for (int i = 0; i < perPiece; i++) {
                double p = (piece + random.nextDouble()) / 4;
                z[n++] = Math.min(NEAR_ZERO, (p * p / 2 - 1) / Math.E);
            }
        }
        for (int i = 0; i < perPiece; i++) {
            z[n++] = NEAR_ZERO * random.nextDouble();
            z[n++] = -Math.pow(10, -1.1 - 298.9 * random.nextDouble());
            z[n++] = -1 / Math.E + 1e-8 * random.nextDouble();
        }
        double branch = Math.nextUp(-1 / Math.E); // -1/e rounds below -1/e
        for (int i = 0; i < 400; i++) {
            z[n++] = branch;
            branch = Math.nextUp(branch);
        }
        for (double edge : new double[] {0.25, 0.5, 0.75, 1, 1.25}) {
            double at = (edge * edge / 2 - 1) / Math.E;
            for (int i = -200; i < 200; i++) {
                z[n++] = Math.min(NEAR_ZERO, at + i * Math.ulp(at));
            }
        }
        for (int i = -200; i < 200; i++) {
            z[n++] = NEAR_ZERO + i * Math.ulp(NEAR_ZERO);
        }
        double worstUnits = 0;
        double worstAbs = 0;
        double worstRel = 0;
        double worstW0Units = 0;
        for (int i = 0; i < n; i++) {
            double w = LambertW.w0OnNegativeAxis(z[i]);
            BigDecimal ref = reference(z[i], w);
            double onePlusW = ref.add(BigDecimal.ONE).doubleValue();
            double conditioning = 1 / (Math.exp(ref.doubleValue()) * onePlusW);
            double unit = UNIT * (Math.abs(ref.doubleValue()) + Math.abs(z[i]) * conditioning);
            double err = new BigDecimal(w).subtract(ref).abs().doubleValue();
            double errW0 = new BigDecimal(LambertW.w0(z[i])).subtract(ref).abs().doubleValue();
            assertTrue(err <= 10 * unit, "z = " + z[i] + ": " + err / unit + " units");
            assertTrue(errW0 <= 2 * unit, "w0 at z = " + z[i] + ": " + errW0 / unit + " units");
            if (z[i] <= NEAR_ZERO) {
                assertTrue(err < 2.5e-16, "z = " + z[i] + ": error " + err);
                worstAbs = Math.max(worstAbs, err);
            } else {
                double rel = err / -ref.doubleValue();
                assertTrue(rel < 2.5e-16, "z = " + z[i] + ": relative error " + rel);
                worstRel = Math.max(worstRel, rel);
            }
            worstUnits = Math.max(worstUnits, err / unit);
            worstW0Units = Math.max(worstW0Units, errW0 / unit);
        }
        System.out.printf("w0OnNegativeAxis at %d points: %.3g units, absolute %.3g, relative near 0 %.3g;"
                + " w0 %.3g units%n", n, worstUnits, worstAbs, worstRel, worstW0Units);
    }

    @Test
    void onNegativeAxisSpecialValues() {
        assertEquals(Double.doubleToLongBits(-0.0), Double.doubleToLongBits(LambertW.w0OnNegativeAxis(-0.0)));
        assertEquals(-Double.MIN_VALUE, LambertW.w0OnNegativeAxis(-Double.MIN_VALUE), 0);
        assertEquals(-1.0, LambertW.w0OnNegativeAxis(-1 / Math.E), 0); // 1/e rounds up: within the forgiven rounding
        assertTrue(Double.isNaN(LambertW.w0OnNegativeAxis(-0.368)));
        assertTrue(Double.isNaN(LambertW.w0OnNegativeAxis(Double.NaN)));
        assertTrue(Double.isNaN(LambertW.w0OnNegativeAxis(Double.NEGATIVE_INFINITY)));
        assertEquals(LambertW.w0(0.5), LambertW.w0OnNegativeAxis(0.5), 0); // above 0: w0
    }

    @Test
    void onNegativeAxisIsAnInverseAndAgreesWithW0() {
        // Budgets: the residual w e^w - z within 24 units of 2^-53 |z| (W's error, at most
        // 10 units of (|W| + |z| W'(z)), times e^W (1 + W) is at most 20 |z| units, plus the rounding
        // of the residual's evaluation); and within 12 units of w0 (10 + 2, the budgets above)
        qt().withExamples(20000).forAll(doubles().between(-1, 0)).checkAssert(w -> check(w * Math.exp(w)));
        qt().withExamples(5000).forAll(doubles().between(-300, -1.1)).checkAssert(x -> check(-Math.pow(10, x)));
    }

    private static void check(double z) {
        if (z == 0) {
            return;
        }
        double back = LambertW.w0OnNegativeAxis(z);
        double residual = back * Math.exp(back) - z;
        assertTrue(Math.abs(residual) <= 24 * UNIT * Math.abs(z), "z = " + z + ", residual " + residual);
        double w0 = LambertW.w0(z);
        double unit = UNIT * (Math.abs(w0) + Math.abs(z) / (Math.exp(w0) * (1 + w0)));
        assertTrue(Math.abs(back - w0) <= 12 * unit, "z = " + z + ": " + back + " against w0 " + w0);
    }
}
