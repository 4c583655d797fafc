package org.eventsnn.core;

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
