package org.eventsnn.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.solver.CrossingSolver;
import org.junit.jupiter.api.Test;

/**
 * {@link CrossingSolver#peaksBelow}, the closed-form peak that lets a lazy check hold where
 * the tight bound cannot tell, is sound: whenever it says the membrane stays below threshold,
 * the exact solver finds no crossing in a long horizon, also for peaks within a hair of
 * threshold; and it does decide most peaks that clear threshold by a few percent.
 */
class PeakBoundTest {
    @Test
    void aPeakDecidedBelowThresholdHasNoCrossing() {
        AtomicInteger decided = new AtomicInteger();
        AtomicInteger nearMisses = new AtomicInteger();
        qt().withExamples(20_000).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            double tauSyn = r.nextDouble(0.001, 0.02);
            double[] ratios = {2, 3, 4, 16, 20, 0.5, r.nextDouble(0.2, 6)};
            double tauMem = tauSyn * ratios[r.nextInt(ratios.length)];
            double leak = r.nextInt(3) == 0 ? r.nextDouble(-0.5, 0.5) : 0;
            NeuronParameters p = NeuronParameters.builder().tauMem(tauMem).tauSyn(tauSyn).threshold(1).leak(leak)
                    .build();
            double theta = 1 - leak;
            if (!(theta > 0)) {
                return;
            }
            double u0 = r.nextDouble(-theta, theta);
            double c = r.nextDouble(0, 8 * theta);
            double alpha = 1 / tauMem;
            double beta = 1 / tauSyn;
            if (r.nextInt(3) == 0) { // from rest the peak is linear in c: put it within a hair of threshold
                u0 = 0;
                c = theta / peakOf(0, 1, alpha, beta) * (1 + r.nextDouble(-1e-7, 1e-7));
            }
            CrossingSolver solver = new CrossingSolver(p);
            if (!solver.peaksBelow(u0, c)) {
                return;
            }
            decided.incrementAndGet();
            double peak = peakOf(u0, c, alpha, beta);
            if (peak > theta * (1 - 1e-6)) {
                nearMisses.incrementAndGet();
            }
            double crossing = solver.next(u0, c, 100 * tauMem);
            assertEquals(Double.POSITIVE_INFINITY, crossing, "seed " + seed + ": u0 " + u0 + ", c " + c
                    + ", tauMem " + tauMem + ", tauSyn " + tauSyn + " crosses");
        });
        assertTrue(decided.get() > 3000, "peaks decided below threshold: " + decided.get());
        assertTrue(nearMisses.get() > 100, "decided within 1e-6 of threshold: " + nearMisses.get());
    }

    @Test
    void aPeakAboveThresholdNoRiseOrEqualRatesAreNotDecided() {
        // tauMem = 2 tauSyn (alpha = 100, beta = 200), u0 = 0: exp(100 t*) = 2, u* = c 2^-2 = c / 4
        CrossingSolver two = solver(0.01, 0.005);
        assertFalse(two.peaksBelow(0, 4.4), "peak 1.1");
        assertTrue(two.peaksBelow(0, 3.6), "peak 0.9");
        assertFalse(two.peaksBelow(0.5, 0.4), "falling from the start");
        assertFalse(two.peaksBelow(0.5, -1), "no positive current");
        assertFalse(solver(0.01, 0.01).peaksBelow(0, 2.5), "equal rates are left to the solver");
        // tauMem = 4 tauSyn, u0 = 0: exp(3 alpha t*) = 4, u* = c 4^(-4/3)
        CrossingSolver four = solver(0.02, 0.005);
        double unitPeak = Math.pow(4, -4.0 / 3);
        assertFalse(four.peaksBelow(0, 1.1 / unitPeak), "peak 1.1");
        assertTrue(four.peaksBelow(0, 0.9 / unitPeak), "peak 0.9");
        assertFalse(four.peaksBelow(0, (1 - 1e-10) / unitPeak), "peak within the margin");
        assertTrue(four.peaksBelow(0, (1 - 1e-8) / unitPeak), "peak just outside the margin");
        assertTrue(four.peaksBelow(0, 1e-200), "a tiny current: (T/c)^3 overflows, and the peak is far below");
        assertFalse(four.peaksBelow(0, 1e200), "a huge current: (T/c)^3 underflows, and the peak is far above");
    }

    /** A solver for one exponential receptor, threshold 1, no leak. */
    private static CrossingSolver solver(double tauMem, double tauSyn) {
        return new CrossingSolver(NeuronParameters.builder().tauMem(tauMem).tauSyn(tauSyn).threshold(1).leak(0).build());
    }

    /**
     * The membrane's maximum over time for a rising start ({@code c > u0}), where it has one
     * peak, by ternary search on the closed-form trajectory (independent of the code tested).
     */
    private static double peakOf(double u0, double c, double alpha, double beta) {
        double lo = 0;
        double hi = 50 / Math.min(alpha, beta);
        for (int k = 0; k < 300; k++) {
            double a = lo + (hi - lo) / 3;
            double b = hi - (hi - lo) / 3;
            if (membrane(u0, c, alpha, beta, a) < membrane(u0, c, alpha, beta, b)) {
                lo = a;
            } else {
                hi = b;
            }
        }
        return Math.max(u0, membrane(u0, c, alpha, beta, (lo + hi) / 2));
    }

    private static double membrane(double u0, double c, double alpha, double beta, double t) {
        double kernel = alpha == beta ? alpha * t * Math.exp(-alpha * t)
                : alpha / (alpha - beta) * (Math.exp(-beta * t) - Math.exp(-alpha * t));
        return u0 * Math.exp(-alpha * t) + c * kernel;
    }
}
