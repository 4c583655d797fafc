package org.eventsnn.core.solver;

import org.eventsnn.core.model.NeuronParameters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Sign changes of exponential sums, also over horizons where every term underflows. */
class ExpSumRootsTest {
    /**
     * The sign changes do not depend on the horizon once it lies beyond the last of them: with
     * 3-5 terms, one horizon where the sum is still representable and one where every term
     * underflows to 0 (whose last bracket lost its sign change before 2026-12-07, eighth session;
     * a bracket ending where the sum underflowed before its slowest term dominates, until the
     * ninth).
     */
    @Test
    void rootsDoNotDependOnAHorizonBeyondThem() {
        AtomicInteger lateRoots = new AtomicInteger();
        qt().withExamples(20000).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int m = 3 + r.nextInt(3);
            double[] c = new double[m];
            double[] rate = new double[m];
            for (int j = 0; j < m; j++) {
                c[j] = Math.pow(10, r.nextDouble(-2, 3)) * (r.nextBoolean() ? 1 : -1);
                rate[j] = j == 0 && r.nextBoolean() ? 0 : r.nextDouble(1, 60);
            }
            double near = 50; // rates at least 1 apart from the smallest in most draws: the sum is settled by then
            ExpSumRoots roots = new ExpSumRoots(m);
            double[] short_ = new double[m];
            double[] long_ = new double[m];
            int n = roots.find(c, rate, m, near, short_);
            int k = roots.find(c, rate, m, 1e6, long_);
            double smallest = Double.POSITIVE_INFINITY;
            double settled = 0;
            for (int j = 0; j < m; j++) {
                smallest = Math.min(smallest, rate[j]);
            }
            for (int j = 0; j < m; j++) {
                if (rate[j] > smallest) {
                    settled = Math.max(settled, Math.log(2 * m * 1e5) / (rate[j] - smallest));
                }
            }
            if (!(settled < near && smallest * near < 700)) {
                return; // the sum may still change sign after near, or underflow there
            }
            assertEquals(n, k, "seed " + seed);
            for (int i = 0; i < n; i++) {
                assertEquals(short_[i], long_[i], sameRootTolerance(c, rate, m, short_[i]), "seed " + seed + ", root " + i);
            }
            if (n > 0 && short_[n - 1] * smallest > 1) {
                lateRoots.incrementAndGet();
            }
        });
        assertTrue(lateRoots.get() > 100, "draws with a root after the slowest term's time constant: " + lateRoots.get());
    }

    /**
     * How far apart two searches may place the same root t of S: 1e-12 relative, or where S is
     * ill-conditioned there the band in which its computed sign is rounding, 16 m units of
     * 2^-53 of {@code sum_j |c_j| exp(-r_j t)} over |S'(t)| (each term's exponential and product
     * and the sum round by a few units of that magnitude; the searches' brackets, and so their
     * last Newton steps, differ with the horizon). Without the band about one root in 700,000
     * near 1e-7 failed by 1e-18 s; with it the largest difference over 2,000,000 draws was 0.024
     * of the tolerance (ninth session).
     */
    private static double sameRootTolerance(double[] c, double[] rate, int m, double t) {
        double magnitude = 0;
        double slope = 0;
        for (int j = 0; j < m; j++) {
            double term = c[j] * Math.exp(-rate[j] * t);
            magnitude += Math.abs(term);
            slope -= rate[j] * term;
        }
        return Math.max(1e-12 * t, 16 * m * 0x1p-53 * magnitude / Math.abs(slope));
    }

    /**
     * Sums with two nearly equal rates whose zeros lie early but whose derivatives' sums change
     * sign again only where every term has underflowed (both found by
     * {@link #rootsDoNotDependOnAHorizonBeyondThem}; main missed the first's zeros over 50 and
     * the second's over both horizons): the sign at a bracket's end that underflows is that of the
     * sum scaled by its slowest term's decay (2026-12-07, ninth session).
     */
    @Test
    void zerosAreFoundWhereTheDerivativesUnderflowBeforeTheySettle() {
        double[][] c = {{6.930797038260181, 542.8088941371863, -0.017457706096162887, -371.5615791948431,
            0.33841038159940506}, {-0.1073937098056278, -0.8650772850058354, -913.8484740586143,
            -0.19148187693904054, 15.029205045194116}};
        double[][] r = {{0, 33.63301586730103, 18.3519056843006, 18.565699546508856, 50.57944506341077},
            {3.0541647589012246, 39.085871759999414, 38.59901769666223, 19.174161281288303, 19.183065967345783}};
        double[][] zeros = {{0.0272657, 0.2110967}, {0.2304839, 0.2901109}};
        for (int s = 0; s < 2; s++) {
            for (double horizon : new double[] {50, 1e6}) {
                double[] out = new double[5];
                assertEquals(2, new ExpSumRoots(5).find(c[s], r[s], 5, horizon, out), "sum " + s + ", horizon " + horizon);
                for (int i = 0; i < 2; i++) {
                    assertEquals(zeros[s][i], out[i], 1e-7, "sum " + s + ", horizon " + horizon);
                }
            }
        }
    }

    /**
     * A neuron with three receptor groups (ratios 52, 26, 46, the generator of
     * IntegerRatioCrossingTest) whose current changes sign twice: over a horizon of 0.1 s every
     * term of the derivative's sum underflows, and both routes missed the crossing at 28 us.
     */
    @Test
    void aCrossingIsFoundOverAHorizonWhereTheSumsUnderflow() {
        NeuronParameters p = NeuronParameters.builder().tauMem(0.0024733231443124348)
                .receptors(new String[] {"a", "b", "c"},
                        new double[] {4.7563906621392976E-5, 9.512781324278595E-5, 5.376789444157467E-5})
                .threshold(0.9372091087875822).leak(0.49784135785362005).reset(-3).build();
        double u0 = 0.43759759428091494;
        double[] current = {44.12580178564618, 176.73370729672047, -238.2879082143753};
        for (boolean closedForms : new boolean[] {true, false}) {
            double near = new CrossingSolver(p, closedForms).next(u0, current, 0, 0.01);
            double far = new CrossingSolver(p, closedForms).next(u0, current, 0, 0.1);
            assertTrue(near > 2.7e-5 && near < 2.9e-5, "crossing " + near);
            assertEquals(near, far, 1e-18, "closed forms " + closedForms);
        }
    }
}
