package org.eventsnn.core.solver;

import org.eventsnn.core.model.NeuronParameters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The polynomial route for integer ratios tauMem / tau_g ({@link PowerSumRoot}) against the
 * solver's general route in t (closed forms off), which it replaces for those ratios.
 */
class IntegerRatioCrossingTest {
    /** Parameters with one group per ratio in {@code ratios} and, if {@code delta}, a delta receptor too. */
    private static NeuronParameters params(SplittableRandom r, double tauMem, int[] ratios, boolean delta) {
        int n = ratios.length + (delta ? 1 : 0);
        String[] names = new String[n];
        double[] taus = new double[n];
        for (int k = 0; k < n; k++) {
            names[k] = "r" + k;
            taus[k] = k < ratios.length ? tauMem / ratios[k] : 0;
        }
        double leak = r.nextInt(3) == 0 ? r.nextDouble(-1, 1) : 0;
        return NeuronParameters.builder().tauMem(tauMem).receptors(names, taus)
                .threshold(r.nextDouble(0.1, 2)).leak(leak).reset(-3).build();
    }

    /** One to three distinct ratios from 2 to 64, the first at least 3. */
    private static int[] ratios(SplittableRandom r) {
        int groups = 1 + (r.nextInt(3) == 0 ? 1 + r.nextInt(2) : 0);
        int[] ratios = new int[groups];
        for (int g = 0; g < groups; g++) {
            int candidate;
            boolean distinct;
            do {
                candidate = g == 0 ? 3 + r.nextInt(62) : 2 + r.nextInt(63);
                distinct = true;
                for (int h = 0; h < g; h++) {
                    distinct &= ratios[h] != candidate;
                }
            } while (!distinct);
            ratios[g] = candidate;
        }
        return ratios;
    }

    @Test
    void integerRatiosAreRecognisedUpToRounding() {
        double[] presets = {0.005, 0.0005, 0.01}; // eventprop 20 / 5 ms, microcircuit 10 / 0.5 ms, CUBA 20 / 10 ms
        double[] tauMem = {0.02, 0.01, 0.02};
        for (int i = 0; i < presets.length; i++) {
            assertTrue(PowerSumRoot.forRatios(tauMem[i], new double[] {presets[i]}, 1, 1) != null, "preset " + i);
        }
        assertTrue(new CrossingSolver(NeuronParameters.builder().tauMem(0.02)
                .receptors(new String[] {"exc", "inh"}, new double[] {0.005, 0.01}).build()).usesIntegerRatios(), "CUBA");
        assertTrue(PowerSumRoot.forRatios(0.3, new double[] {0.1}, 1, 1) != null, "0.3 / 0.1 = 2.9999999999999996");
        assertEquals(null, PowerSumRoot.forRatios(0.02, new double[] {0.0049}, 1, 1), "not an integer");
        assertEquals(null, PowerSumRoot.forRatios(0.02, new double[] {0.02}, 1, 1), "ratio 1: Lambert W");
        assertEquals(null, PowerSumRoot.forRatios(0.65, new double[] {0.01}, 1, 1), "ratio 65");
        assertEquals(null, PowerSumRoot.forRatios(0.02, new double[] {0.005, 0.003}, 2, 1), "one group not integer");
        assertEquals(null, PowerSumRoot.forRatios(0.02, new double[0], 0, 1), "delta receptors only");
        NeuronParameters twice = NeuronParameters.builder().tauMem(0.02).tauSyn(0.01).build();
        assertTrue(!new CrossingSolver(twice).usesIntegerRatios(), "ratio 2 alone keeps the quadratic");
        assertTrue(!new CrossingSolver(twice, false).usesIntegerRatios(), "closed forms off: the general route");
    }

    @Test
    void integerRatiosAgreeWithTheGeneralSolver() {
        qt().withExamples(30000).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            double tauMem = r.nextDouble(0.001, 0.05);
            int[] ratios = ratios(r);
            NeuronParameters p = params(r, tauMem, ratios, r.nextInt(4) == 0);
            double theta = p.threshold() - p.leak();
            double u0 = theta - Math.pow(10, r.nextDouble(-9, 1));
            double[] current = new double[p.receptorCount()];
            for (int k = 0; k < ratios.length; k++) {
                current[k] = theta * Math.pow(10, r.nextDouble(-2, 3)) * (r.nextInt(5) == 0 ? -1 : 1);
            }
            double horizon = r.nextBoolean() ? 0.1 : r.nextDouble(1e-6, 3 * tauMem);
            assertSameCrossing(p, u0, current, horizon, seed);
        });
    }

    @Test
    void grazingPeaksAgreeWithTheGeneralSolver() {
        qt().withExamples(10000).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            double tauMem = r.nextDouble(0.001, 0.05);
            int ratio = 3 + r.nextInt(62);
            NeuronParameters p = params(r, tauMem, new int[] {ratio}, false);
            double theta = p.threshold() - p.leak();
            double peak = CrossingSolver.kernelPeak(1 / tauMem, 1 / p.receptorTau(0));
            double eps = Math.pow(10, r.nextDouble(-15, -6)) * (r.nextBoolean() ? 1 : -1);
            double[] current = {theta * (1 + eps) / peak};
            assertSameCrossing(p, 0, current, 0.1, seed);
        });
    }

    /**
     * One group decides in x by powers ({@code CrossingSolver#nextWithOneRatio}, and for ratio 2
     * by the quadratic's discriminant, {@code nextWithDoubleTauMem}): on peaks within
     * {@code 1e-15} to {@code 1e-6} of threshold, from membranes anywhere in
     * {@code [-theta, theta)}, its decision is the exact one wherever the peak clears threshold
     * by more than {@code 1e-13} relative, or by more than eight units of {@code 2^-53} of the
     * state's scale {@code (|u0| + c) / theta} where that is larger, as is the scan's in t: with
     * {@code s = c + (r-1) u0}, the peak reaches theta iff {@code s > 0} and
     * {@code s^r >= r^r c theta^(r-1)}, evaluated here in exact decimal arithmetic on the doubles
     * the solvers take. Nearer than that the state's own rounding decides, and both outcomes
     * occur: any method in doubles evaluates the membrane {@code u0 x + c k (x - x^r)} with an
     * error of a few units of {@code 2^-53} of {@code |u0| + c}, and scaling a peak that was
     * small onto threshold makes the state thousands of times threshold in some draws (the scan
     * in t then decided one at {@code -1.06e-13} wrongly, with {@code |u0| + c = 34,000 theta}).
     */
    @Test
    void oneGroupDecidesGrazingPeaksExactly() {
        AtomicInteger near = new AtomicInteger();
        AtomicInteger crossings = new AtomicInteger();
        qt().withExamples(20000).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            double tauMem = r.nextDouble(0.001, 0.05);
            int ratio = 2 + r.nextInt(63);
            NeuronParameters p = params(r, tauMem, new int[] {ratio}, false);
            double theta = p.threshold() - p.leak();
            double alpha = 1 / tauMem;
            double beta = ratio / tauMem;
            if (!(theta > 0)) {
                return; // a leak above threshold: no peak to graze
            }
            double u0 = r.nextDouble(-theta, theta);
            double c = theta * Math.pow(10, r.nextDouble(0, 2));
            double peak = c * Math.pow((c * alpha - u0 * (alpha - beta)) / (c * beta), ratio / (ratio - 1.0));
            if (!(peak > 0)) {
                return;
            }
            // the membrane is linear in (u0, c): scaling both scales the peak
            double eps = Math.pow(10, r.nextDouble(-15, -6)) * (r.nextBoolean() ? 1 : -1);
            double scale = theta * (1 + eps) / peak;
            u0 *= scale;
            c *= scale;
            if (!(u0 < theta && c > theta)) {
                return;
            }
            BigDecimal s = new BigDecimal(c).add(new BigDecimal(u0).multiply(BigDecimal.valueOf(ratio - 1)));
            BigDecimal bound = BigDecimal.valueOf(ratio).pow(ratio).multiply(new BigDecimal(c))
                    .multiply(new BigDecimal(theta).pow(ratio - 1));
            boolean exact = s.signum() > 0 && s.pow(ratio).compareTo(bound) >= 0;
            double margin = s.signum() > 0
                    ? s.pow(ratio).subtract(bound).divide(bound, MathContext.DECIMAL64).doubleValue() / (ratio - 1) : -1;
            double fast = new CrossingSolver(p, true).next(u0, c, 1);
            double general = new CrossingSolver(p, false).next(u0, c, 1);
            double rounding = Math.max(1e-13, 8 * 0x1p-53 * (Math.abs(u0) + c) / theta);
            if (Math.abs(margin) > rounding) {
                assertEquals(exact, fast < Double.POSITIVE_INFINITY, "seed " + seed + ": margin " + margin);
                assertEquals(exact, general < Double.POSITIVE_INFINITY, "seed " + seed + ": scan, margin " + margin);
            } else {
                near.incrementAndGet();
                crossings.addAndGet(fast < Double.POSITIVE_INFINITY ? 1 : 0);
            }
        });
        assertTrue(near.get() > 1000 && crossings.get() > 100 && crossings.get() < near.get() - 100,
                "peaks within the state's rounding of threshold: " + near.get() + ", of which crossed: " + crossings.get());
    }

    /**
     * The same decision, and times within 1e-15 s plus four times the root's conditioning, the
     * ulp of the state's scale {@code |u0| + sum |I_k|} over the membrane's rise there (a
     * crossing moves by that much when u is rounded by one ulp, whatever the method; the largest
     * difference seen over 600,000 draws was 0.84 of 1e-15 s plus it). Apart from grazing
     * crossings that is below 1e-16 s.
     */
    private static void assertSameCrossing(NeuronParameters p, double u0, double[] current, double horizon, long seed) {
        assertTrue(new CrossingSolver(p, true).usesIntegerRatios(), "seed " + seed);
        double fast = new CrossingSolver(p, true).next(u0, current, 0, horizon);
        double general = new CrossingSolver(p, false).next(u0, current, 0, horizon);
        if (general == Double.POSITIVE_INFINITY) {
            assertEquals(general, fast, "seed " + seed);
            return;
        }
        double theta = p.threshold() - p.leak();
        double[] decayed = current.clone();
        LifDynamics dynamics = new LifDynamics(p);
        double u = dynamics.evolve(u0, decayed, 0, general, false);
        double sum = 0;
        for (double c : decayed) {
            sum += c;
        }
        double rise = Math.abs(dynamics.alpha() * (sum - u));
        double scale = Math.abs(u0) + java.util.Arrays.stream(current).map(Math::abs).sum();
        double conditioning = Math.ulp(scale) / rise;
        assertEquals(general, fast, 1e-15 + 4 * conditioning, "seed " + seed);
    }

    /**
     * {@link CrossingSolver#peaksBelow} by powers (integer ratios 2-16) decides as by
     * {@code Math.pow} (closed forms off) wherever the peak is not within {@code 1e-12} of the
     * bound it is compared with; a sixth of the draws put the peak within {@code 1e-8} of it.
     */
    @Test
    void peaksComparedByPowersDecideAsByPow() {
        AtomicInteger decided = new AtomicInteger();
        AtomicInteger close = new AtomicInteger();
        qt().withExamples(50_000).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int ratio = 2 + r.nextInt(15);
            double tauMem = r.nextDouble(0.002, 0.05);
            double leak = r.nextInt(3) == 0 ? r.nextDouble(-0.5, 0.5) : 0;
            NeuronParameters p = NeuronParameters.builder().tauMem(tauMem).tauSyn(tauMem / ratio).threshold(1)
                    .leak(leak).build();
            double theta = 1 - leak;
            double alpha = 1 / tauMem;
            double beta = ratio / tauMem;
            double u0 = r.nextDouble(-2 * theta, theta);
            double c = Math.exp(r.nextDouble(-8, 4)) * theta;
            double margin = 1e-9 * (Math.abs(u0) + c);
            double peak = c * Math.pow((c * alpha - u0 * (alpha - beta)) / (c * beta), ratio / (ratio - 1.0));
            if (r.nextInt(3) == 0 && peak > 0 && u0 < c) { // scale u0 and c together: the peak scales with them
                double scale = (theta - margin) / peak * (1 + r.nextDouble(-1e-8, 1e-8));
                u0 *= scale;
                c *= scale;
                if (!(u0 < theta)) {
                    return;
                }
                margin = 1e-9 * (Math.abs(u0) + c);
                peak *= scale;
            }
            CrossingSolver byPowers = new CrossingSolver(p);
            boolean powers = byPowers.peaksBelow(u0, c);
            boolean pow = new CrossingSolver(p, false).peaksBelow(u0, c);
            decided.addAndGet(powers ? 1 : 0);
            if (Math.abs(peak - (theta - margin)) < 1e-8 * theta) {
                close.incrementAndGet();
            }
            if (Math.abs(peak - (theta - margin)) > 1e-12 * theta) {
                assertEquals(pow, powers, "seed " + seed + ": ratio " + ratio + ", u0 " + u0 + ", c " + c);
            }
            if (powers) {
                assertEquals(Double.POSITIVE_INFINITY, byPowers.next(u0, c, 100 * tauMem), "seed " + seed + " crosses");
            }
        });
        assertTrue(decided.get() > 5000, "peaks decided below threshold: " + decided.get());
        assertTrue(close.get() > 1500, "peaks within 1e-8 of the bound: " + close.get());
    }

    /**
     * {@link CrossingSolver#nextWithOneRatio}'s test by divisions, {@code (s/(r c))^r} against
     * {@code (theta/c)^(r-1)}, decides as {@link CrossingSolver#peakSide}'s by multiplications
     * wherever that one decides (ratios 3-64, thresholds over two decades, currents up to 2^40
     * times theta, a third of the draws with the peak within {@code 1e-9} of threshold), and
     * that one leaves few undecided.
     */
    @Test
    void peakSideDecidesAsTheTestByDivisions() {
        AtomicInteger undecided = new AtomicInteger();
        AtomicInteger close = new AtomicInteger();
        qt().withExamples(100_000).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int ratio = 3 + r.nextInt(62);
            double tauMem = r.nextDouble(0.002, 0.05);
            double theta = Math.exp(r.nextDouble(-2.3, 2.3));
            NeuronParameters p = NeuronParameters.builder().tauMem(tauMem).tauSyn(tauMem / ratio).threshold(theta)
                    .reset(0).build();
            double c = theta * Math.exp(r.nextDouble(0, r.nextInt(4) == 0 ? 27.7 : 3));
            double u0 = r.nextDouble(-2 * theta, theta);
            double s = c + (ratio - 1) * u0;
            if (r.nextInt(3) == 0) { // u0 where the peak meets threshold, moved by up to 1e-9 of it
                double sCross = ratio * c * Math.pow(theta / c, (ratio - 1.0) / ratio) * (1 + r.nextDouble(-1e-9, 1e-9));
                u0 = (sCross - c) / (ratio - 1);
                if (!(u0 < theta)) {
                    return;
                }
                s = c + (ratio - 1) * u0;
                close.incrementAndGet();
            }
            if (!(s > 0)) {
                return;
            }
            int side = new CrossingSolver(p).peakSide(s, c);
            double bound = PowerSumRoot.power(theta / c, ratio - 1);
            if (!(bound >= 0x1p-900)) {
                assertEquals(0, side, "seed " + seed + ": decided where the scan decides");
                return;
            }
            if (side == 0) {
                undecided.incrementAndGet();
                return;
            }
            boolean rises = !(PowerSumRoot.power(s / (ratio * c), ratio) < bound);
            assertEquals(rises, side > 0, "seed " + seed + ": ratio " + ratio + ", u0 " + u0 + ", c " + c);
        });
        assertTrue(close.get() > 25_000, "draws near threshold: " + close.get());
        assertTrue(undecided.get() < 20_000, "left to the divisions: " + undecided.get());
    }

    /**
     * {@link PowerSumRoot#power}'s written-out exponents 1-4 give the bits of repeated squaring
     * (its loop, as before they were written out), over the whole range of doubles.
     */
    @Test
    void powersWrittenOutAreRepeatedSquaring() {
        qt().withExamples(100_000).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            double x = r.nextInt(4) == 0 ? Double.longBitsToDouble(r.nextLong()) : r.nextDouble(-2, 2);
            for (int n = 1; n <= 4; n++) {
                double result = (n & 1) != 0 ? x : 1;
                double square = x;
                for (int m = n >>> 1; m != 0; m >>>= 1) {
                    square *= square;
                    if ((m & 1) != 0) {
                        result *= square;
                    }
                }
                assertEquals(Double.doubleToLongBits(result), Double.doubleToLongBits(PowerSumRoot.power(x, n)),
                        "x " + x + ", n " + n);
            }
        });
    }
}
