package org.eventsnn.core.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

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
}
