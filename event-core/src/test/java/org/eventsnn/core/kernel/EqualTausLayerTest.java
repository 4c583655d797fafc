package org.eventsnn.core.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link EqualTausLayer}'s shortcuts against the tests they stand in for. */
class EqualTausLayerTest {
    /**
     * Where {@link EqualTausLayer#peakBelowByTaylor} rules out a peak, the exponential's test that
     * the kernel makes otherwise, {@code P e^-peak >= theta}, says the same, so that no spike
     * changes: peaks within a relative {@code 1e-16..0.5} of threshold on both sides, at
     * {@code s} up to the window's 8 membrane time constants, over thresholds of 26 decades, with
     * {@code e^-a} and {@code x = peak - a} rounded as the kernel rounds them.
     */
    @Test
    void taylorBoundRulesOutOnlyPeaksTheExponentialRulesOut() {
        AtomicInteger ruledOut = new AtomicInteger();
        AtomicInteger nearRuledOut = new AtomicInteger();
        qt().withExamples(200_000).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            double a = r.nextDouble(0, 8);
            double reach = switch (r.nextInt(3)) { // how far the peak lies after a
                case 0 -> 1e-6;
                case 1 -> 2; // most peaks of fastdeep's last intervals
                default -> 8;
            };
            double peak = a + r.nextDouble(0, Math.min(reach, 8 - a));
            double ea = 1 / Math.exp(a); // as the kernel's factors: 1 / e^(s_j), or 1 / e^(free)
            double theta = Math.exp(r.nextDouble(-30, 30));
            double offset = (r.nextDouble() - 0.5) * Math.pow(10, -r.nextInt(17)); // peak value / theta - 1
            double pSum = theta * Math.exp(peak) * (1 + offset);
            if (EqualTausLayer.peakBelowByTaylor(pSum, ea, peak - a, theta)) {
                ruledOut.incrementAndGet();
                if (offset > -1e-8) {
                    nearRuledOut.incrementAndGet();
                }
                assertFalse(pSum * Math.exp(-peak) >= theta,
                        "seed " + seed + ": a " + a + ", peak " + peak + ", offset " + offset);
            }
        });
        assertTrue(ruledOut.get() > 20_000, ruledOut + " ruled out"); // 28,006 of the 200,000 when written
        assertTrue(nearRuledOut.get() > 1000, nearRuledOut + " ruled out within 1e-8 of threshold"); // 2,098
    }
}
