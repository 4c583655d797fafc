package org.eventsnn.core.solver;

import org.eventsnn.core.model.NeuronParameters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CrossingSolverTest {
    private static final double HORIZON = 0.1;

    /** Time of the peak of the unit kernel for tauMem, tauSyn (closed form of the critical point). */
    private static double kernelPeakTime(double tauMem, double tauSyn) {
        double a = 1 / tauMem;
        double b = 1 / tauSyn;
        return a == b ? tauMem : Math.log(a / b) / (a - b);
    }

    /** Peak of the unit kernel for tauMem, tauSyn. */
    private static double kernelPeak(double tauMem, double tauSyn) {
        return LifDynamics.kernel(1 / tauMem, 1 / tauSyn, kernelPeakTime(tauMem, tauSyn));
    }

    private static NeuronParameters params(double tauMem, double tauSyn) {
        return NeuronParameters.builder().tauMem(tauMem).tauSyn(tauSyn).threshold(0.6).build();
    }

    @Test
    void grazingPeaksAreHitOrMissedBySign() {
        // ratio 0: equal taus, 1: tauMem = 2 tauSyn, 2: arbitrary ratio
        qt().withExamples(10000).forAll(integers().between(0, 2), doubles().between(0.001, 0.05),
                doubles().between(0.2, 5.0), integers().between(0, 1)).checkAssert((shape, tauMem, ratio, sign) -> {
                    double tauSyn = shape == 0 ? tauMem : shape == 1 ? tauMem / 2 : tauMem / ratio;
                    NeuronParameters p = params(tauMem, tauSyn);
                    double eps = sign == 0 ? 1e-9 : -1e-9;
                    double w = p.threshold() * (1 + eps) / kernelPeak(tauMem, tauSyn);
                    double horizon = 2 * kernelPeakTime(tauMem, tauSyn); // the peak lies well inside
                    for (boolean closed : new boolean[] {true, false}) {
                        double t = new CrossingSolver(p, closed).next(0, new double[] {w}, 0, horizon);
                        if (eps > 0) {
                            assertTrue(t < horizon, "peak 1+1e-9 above threshold must fire, tauMem " + tauMem
                                    + " tauSyn " + tauSyn);
                            assertEquals(p.threshold(), new LifDynamics(p).membrane(0, new double[] {w}, 0, t), 1e-12);
                        } else {
                            assertEquals(Double.POSITIVE_INFINITY, t, "peak 1-1e-9 below threshold must not fire");
                        }
                    }
                });
    }

    @Test
    void closedFormsAgreeWithGeneralSolver() {
        qt().withExamples(20000).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            double tauMem = r.nextDouble(0.001, 0.05);
            double tauSyn = r.nextBoolean() ? tauMem : tauMem / 2;
            double leak = r.nextInt(3) == 0 ? r.nextDouble(-1, 1) : 0;
            NeuronParameters p = NeuronParameters.builder().tauMem(tauMem).tauSyn(tauSyn)
                    .threshold(r.nextDouble(0.1, 2)).leak(leak).reset(-2).build();
            double theta = p.threshold() - leak;
            double u0 = theta - r.nextDouble(0.001, 3);
            double[] current = {r.nextDouble(-5, 10)};
            double fast = new CrossingSolver(p, true).next(u0, current, 0, HORIZON);
            double general = new CrossingSolver(p, false).next(u0, current, 0, HORIZON);
            assertSameCrossing(p, u0, current, general, fast, seed);
        });
    }

    /**
     * Error budget: 1e-12 relative plus the root's conditioning, 8 ulps of theta over the
     * membrane's rise |dV/dt| there (a grazing crossing moves by ulp(theta)/rise when u is
     * rounded by one ulp, whatever the method).
     */
    private static void assertSameCrossing(NeuronParameters p, double u0, double[] current, double general,
                                           double fast, long seed) {
        if (general == Double.POSITIVE_INFINITY) {
            assertEquals(general, fast, "seed " + seed);
            return;
        }
        double alpha = 1 / p.tauMem();
        double theta = p.threshold() - p.leak();
        double[] decayed = current.clone();
        new LifDynamics(p).evolve(u0, decayed, 0, general, false);
        double rise = Math.abs(alpha * (decayed[0] - theta));
        assertEquals(general, fast, 1e-15 + 1e-12 * general + 8 * Math.ulp(theta) / rise, "seed " + seed);
    }

    /** Parameters with {@code tauMem = tauSyn} from 1 to 50 ms and a threshold from 0.1 to 2, drawn from r. */
    private static NeuronParameters equalTaus(SplittableRandom r) {
        double tauMem = r.nextDouble(0.001, 0.05);
        return NeuronParameters.builder().tauMem(tauMem).tauSyn(tauMem).threshold(r.nextDouble(0.1, 2)).build();
    }

    @Test
    void equalTausDecideByTheLambertArgumentOverExtremeStates() {
        // the direct equal-taus path against the scanning solver, with the state's scale spread over
        // many decades: far below threshold, barely below it, currents just above theta or huge
        qt().withExamples(20000).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            NeuronParameters p = equalTaus(r);
            double theta = p.threshold();
            double u0 = theta - Math.pow(10, r.nextDouble(-9, 4));
            double[] current = {theta * Math.pow(10, r.nextDouble(-3, 5)) * (r.nextInt(8) == 0 ? -1 : 1)};
            double horizon = r.nextBoolean() ? HORIZON : r.nextDouble(1e-6, 0.01);
            double fast = new CrossingSolver(p, true).next(u0, current, 0, horizon);
            double general = new CrossingSolver(p, false).next(u0, current, 0, horizon);
            assertSameCrossing(p, u0, current, general, fast, seed);
        });
    }

    /**
     * tauMem = tauSyn near a grazing peak, where W's start is least accurate in t and a Halley
     * step in t refines it ({@code CrossingSolver.nextWithEqualTaus}): peaks from 1e-3 to 1e-13
     * above threshold (relative), from rest and from states below or above rest, against the
     * scanning solver within the same budget.
     */
    @Test
    void equalTausNearGrazingPeaksAgreeWithTheGeneralSolver() {
        qt().withExamples(20000).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            NeuronParameters p = equalTaus(r);
            double theta = p.threshold();
            double u0 = r.nextInt(3) == 0 ? 0 : r.nextDouble(-2 * theta, theta);
            // the peak c exp(u0 / c - 1) rises with c: put it 10^-(3..13) above threshold by bisection
            double target = theta * (1 + Math.pow(10, -r.nextDouble(3, 13)));
            double lo = Math.max(theta, u0);
            double hi = 1e3 * theta;
            for (int i = 0; i < 200; i++) {
                double mid = 0.5 * (lo + hi);
                if (mid * Math.exp(u0 / mid - 1) < target) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            double[] current = {hi};
            double fast = new CrossingSolver(p, true).next(u0, current, 0, HORIZON);
            double general = new CrossingSolver(p, false).next(u0, current, 0, HORIZON);
            assertSameCrossing(p, u0, current, general, fast, seed);
        });
    }

    @Test
    void crossingIsARootAndNothingEarlierCrossesForSeveralReceptors() {
        qt().withExamples(10000).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int n = 1 + r.nextInt(3);
            String[] names = new String[n];
            double[] taus = new double[n];
            double[] current = new double[n];
            for (int k = 0; k < n; k++) {
                names[k] = "r" + k;
                taus[k] = r.nextDouble(0.0005, 0.05);
                current[k] = r.nextDouble(-8, 12);
            }
            NeuronParameters p = NeuronParameters.builder().tauMem(r.nextDouble(0.001, 0.05)).receptors(names, taus)
                    .threshold(1).leak(r.nextInt(4) == 0 ? 1.5 : 0).reset(-1).build();
            double theta = p.threshold() - p.leak();
            double u0 = theta - r.nextDouble(0.01, 2);
            LifDynamics dyn = new LifDynamics(p);
            double t = new CrossingSolver(p).next(u0, current, 0, HORIZON);
            double end = Math.min(t, HORIZON);
            for (int i = 1; i < 400; i++) {
                double s = end * i / 400.0;
                assertTrue(dyn.membrane(u0, current, 0, s) < theta + 1e-12, "seed " + seed + ": crossing before " + t);
            }
            if (t < HORIZON) {
                assertEquals(theta, dyn.membrane(u0, current, 0, t), 1e-12 * (1 + Math.abs(theta)));
            }
        });
    }

    @Test
    void aLeakAtThresholdIsNotCrossedWhereTheMembraneUnderflows() {
        // theta = 0: the membrane below it relaxes towards 0 from below unless the current lifts
        // it across; over a horizon of 800-5000 membrane time constants every term underflows,
        // so u(horizon) evaluates to exactly 0, whose sign must not count as a crossing. One
        // group without current or faster than the membrane (h = exp(alpha t) u is monotone: it
        // crosses iff the current is positive and A = u0 + c alpha / (r - alpha) > 0), else
        // checked by sampling, and a crossing by the current that must lift the membrane there.
        qt().withExamples(10000).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            double tauMem = r.nextDouble(0.001, 0.05);
            int n = 1 + r.nextInt(2);
            String[] names = new String[n];
            double[] taus = new double[n];
            double[] current = new double[n];
            for (int k = 0; k < n; k++) {
                names[k] = "r" + k;
                int shape = r.nextInt(4); // an integer ratio 2-8, equal taus, slower or faster than the membrane
                taus[k] = shape == 0 ? tauMem / (2 + r.nextInt(7)) : shape == 1 ? tauMem
                        : tauMem * Math.exp(r.nextDouble(-2.5, 1.5));
                current[k] = r.nextInt(3) == 0 ? 0 : r.nextDouble(-3, 3);
            }
            double threshold = r.nextDouble(-1, 1);
            NeuronParameters p = NeuronParameters.builder().tauMem(tauMem).receptors(names, taus)
                    .threshold(threshold).leak(threshold).reset(threshold - 1).build();
            double u0 = -r.nextDouble(0.01, 2);
            double horizon = tauMem * r.nextDouble(800, 5000);
            LifDynamics dyn = new LifDynamics(p);
            for (boolean closed : new boolean[] {true, false}) {
                double t = new CrossingSolver(p, closed).next(u0, current, 0, horizon);
                String what = "seed " + seed + ", closed forms " + closed + ": crossing at " + t;
                double alpha = 1 / tauMem;
                double rate = 1 / taus[0];
                if (n == 1 && (!(current[0] > 0) || rate > alpha)) {
                    double limit = u0 + current[0] * alpha / (rate - alpha);
                    if (!(current[0] > 0) || limit < -1e-9) {
                        assertEquals(Double.POSITIVE_INFINITY, t, what);
                    } else if (limit > 1e-9) {
                        assertTrue(t < horizon, what);
                        assertEquals(0, dyn.membrane(u0, current, 0, t), 1e-12, what);
                    }
                } else if (t < horizon) { // rising through 0 there: a positive current, not an underflow
                    assertEquals(0, dyn.membrane(u0, current, 0, t), 1e-12, what);
                    double slowest = 0; // the current's sign at t, scaled by its slowest decay against underflow
                    for (int k = 0; k < n; k++) {
                        slowest = current[k] != 0 ? Math.max(slowest, taus[k]) : slowest;
                    }
                    double at = 0;
                    for (int k = 0; k < n; k++) {
                        at += current[k] * Math.exp(-t / taus[k] + t / slowest);
                    }
                    assertTrue(at > 0, what);
                } else {
                    for (int i = 1; i <= 400; i++) {
                        assertTrue(dyn.membrane(u0, current, 0, horizon * i / 400.0) < 1e-12, what);
                    }
                }
            }
        });
    }

    @Test
    void lowerBoundNeverExceedsTheCrossingTime() {
        qt().withExamples(20000).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            NeuronParameters p = NeuronParameters.builder().tauMem(r.nextDouble(0.001, 0.05))
                    .receptors(new String[] {"a", "b"}, new double[] {r.nextDouble(0.001, 0.05), r.nextDouble(0.001, 0.05)})
                    .threshold(r.nextDouble(-2, 2)).leak(r.nextDouble(-2, 2)).reset(-3).build();
            double theta = p.threshold() - p.leak();
            double u0 = theta - r.nextDouble(0, 3);
            double[] current = {r.nextDouble(-5, 10), r.nextDouble(-5, 10)};
            CrossingSolver solver = new CrossingSolver(p);
            double bound = solver.lowerBound(u0, current, 0);
            double t = solver.next(u0, current, 0, 1.0);
            assertTrue(bound <= t, "seed " + seed + ": bound " + bound + " after crossing " + t);
        });
    }

    @Test
    void boundBelowRestNeverExceedsTheCrossingTime() {
        // the membrane below rest, 1 to 3 receptors from 10 times faster to 5 times slower than the
        // membrane (a third of them at integer ratios 2 to 8); a quarter of the draws without
        // current, relaxing towards a leak above threshold from 1.001 to 1.1 times theta, where
        // (2 - x) / (2 + x) follows exp(-x) to within 1e-7; a quarter relaxing so against
        // inhibition alone; half with mixed currents, the leak above or below threshold
        int examples = 40000;
        int[] beyondTheLine = new int[1];
        qt().withExamples(examples).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            double tauMem = r.nextDouble(0.002, 0.05);
            int receptors = 1 + r.nextInt(3);
            String[] names = new String[receptors];
            double[] taus = new double[receptors];
            for (int k = 0; k < receptors; k++) {
                names[k] = "r" + k;
                taus[k] = r.nextInt(3) == 0 ? tauMem / (2 + r.nextInt(7)) : tauMem / r.nextDouble(0.2, 10);
            }
            int mode = r.nextInt(4); // 0: no current, 1: inhibition alone, else mixed
            double leak = r.nextDouble(-2, 2);
            double threshold = mode < 2 ? leak - r.nextDouble(0.01, 2) : leak + r.nextDouble(-2, 2);
            NeuronParameters p = NeuronParameters.builder().tauMem(tauMem).receptors(names, taus)
                    .threshold(threshold).leak(leak).reset(leak - 3).build();
            double theta = p.threshold() - p.leak();
            double u0 = mode == 0 ? theta * (1 + Math.exp(r.nextDouble(Math.log(1e-3), Math.log(0.1))))
                    : Math.min(theta, 0) - r.nextDouble(1e-6, 5);
            double[] current = new double[receptors];
            double drive = Math.max(0, -u0);
            for (int k = 0; k < receptors && mode > 0; k++) {
                current[k] = mode == 1 ? r.nextDouble(-5, 0) : r.nextDouble(-5, 10);
                drive += Math.max(0, current[k]);
            }
            CrossingSolver solver = new CrossingSolver(p);
            double bound = solver.lowerBound(u0, current, 0);
            double t = solver.next(u0, current, 0, 1.0);
            assertTrue(bound <= t, "seed " + seed + ": bound " + bound + " after crossing " + t);
            if (bound > (theta - u0) / drive * tauMem) {
                beyondTheLine[0]++;
            }
        });
        assertTrue(beyondTheLine[0] > examples / 4, "the bound below rest decided in " + beyondTheLine[0] + " draws");
    }

    @Test
    void decisionsWithoutSolvingNeverHideACrossing() {
        // single time constant (equal, half, any ratio, an integer ratio 3-8), some draws built to graze threshold
        qt().withExamples(50000).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            double tauMem = r.nextDouble(0.001, 0.05);
            int shape = r.nextInt(4);
            double tauSyn = shape == 0 ? tauMem : shape == 1 ? tauMem / 2
                    : shape == 2 ? tauMem / r.nextDouble(0.2, 5) : tauMem / (3 + r.nextInt(6));
            NeuronParameters p = NeuronParameters.builder().tauMem(tauMem).tauSyn(tauSyn)
                    .threshold(r.nextDouble(0.1, 2)).leak(r.nextDouble(-1, 0.1)).reset(-3).build();
            double theta = p.threshold() - p.leak();
            double u0;
            double[] current = new double[1];
            if (r.nextBoolean()) {
                u0 = theta - r.nextDouble(1e-9, 3);
                current[0] = r.nextDouble(-5, 10);
            } else { // from rest, peak within 1e-9 of threshold
                u0 = 0;
                current[0] = theta * (1 + r.nextDouble(-1e-9, 1e-9)) / kernelPeak(tauMem, tauSyn);
            }
            double span = r.nextDouble(0, 3) * kernelPeakTime(tauMem, tauSyn);
            CrossingSolver solver = new CrossingSolver(p);
            LifDynamics dyn = new LifDynamics(p);
            Span s = new Span(1);
            dyn.fill(s, span);
            boolean below = solver.staysBelowFor(u0, current, 0, span) || solver.staysBelowOver(u0, current[0],
                    dyn.membraneAfter(u0, current, 0, s), dyn.currentAfter(current, 0, s), Math.abs(current[0]))
                    || solver.peaksBelow(u0, current[0]);
            if (below) {
                assertEquals(Double.POSITIVE_INFINITY, solver.next(u0, current, 0, span),
                        "seed " + seed + ": declared below threshold over the span");
            }
        });
    }

    @Test
    void evolvingOverASharedSpanEqualsTheMembraneInClosedForm() {
        qt().withExamples(5000).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            double tauMem = r.nextDouble(0.001, 0.05);
            NeuronParameters p = NeuronParameters.builder().tauMem(tauMem)
                    .receptors(new String[] {"a", "b"}, new double[] {tauMem, r.nextDouble(0.001, 0.05)}).build();
            LifDynamics dyn = new LifDynamics(p);
            double u0 = r.nextDouble(-2, 2);
            double[] current = {r.nextDouble(-5, 5), r.nextDouble(-5, 5)};
            double dt = r.nextDouble(0, 0.1);
            Span s = new Span(2);
            dyn.fill(s, dt);
            double expected = dyn.membrane(u0, current, 0, dt);
            double[] evolved = current.clone();
            double u = dyn.evolve(u0, evolved, 0, s, false);
            double scale = Math.abs(u0) + Math.abs(current[0]) + Math.abs(current[1]);
            assertEquals(expected, u, 1e-14 * scale, "seed " + seed);
            assertEquals(u, dyn.membraneAfter(u0, current, 0, s), 0.0, "seed " + seed);
            assertEquals(evolved[0] + evolved[1], dyn.currentAfter(current, 0, s), 0.0, "seed " + seed);
            for (int k = 0; k < 2; k++) {
                assertEquals(current[k] * dyn.currentDecay(k, dt), evolved[k], 1e-15 * Math.abs(current[k]), "seed " + seed);
            }
        });
    }
}
