package org.eventsnn.core.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * The ziggurat samplers: their tables close (layers of equal area from r down to the mode),
 * their variates follow the standard normal and exponential distributions (Kolmogorov-Smirnov
 * at significance 0.001 on fixed streams, critical value 1.949 / sqrt(n)), also in the tail and
 * the wedges, and they are pure functions of the stream.
 */
class ZigguratTest {
    private static final int N = 200_000;
    private static final NormalDistribution STANDARD = new NormalDistribution(0, 1);

    /** Kolmogorov-Smirnov statistic of sorted {@code s} against the cumulative distribution {@code cdf}. */
    private static double ks(double[] s, java.util.function.DoubleUnaryOperator cdf) {
        double d = 0;
        for (int k = 0; k < s.length; k++) {
            double f = cdf.applyAsDouble(s[k]);
            d = Math.max(d, Math.max((k + 1.0) / s.length - f, f - (double) k / s.length));
        }
        return d;
    }

    private static double[] draws(long seed, boolean normal) {
        CounterStream s = new CounterStream();
        s.start(seed, 3);
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = normal ? s.nextZigguratGaussian() : s.nextZigguratExponential();
        }
        Arrays.sort(x);
        return x;
    }

    @Test
    void tablesDescendFromTheTailStartToTheModeInLayersOfEqualArea() {
        checkTable(Ziggurat.NORMAL, 3.6541528853610088, 0.0049286732339746545, z -> Math.exp(-0.5 * z * z));
        checkTable(Ziggurat.EXPONENTIAL, 7.69711747013104972, 0.003949659822581557, z -> Math.exp(-z));
    }

    private static void checkTable(Ziggurat z, double r, double v, java.util.function.DoubleUnaryOperator f) {
        assertEquals(r, z.edge(1));
        assertEquals(v / f.applyAsDouble(r), z.edge(0), 1e-15 * z.edge(0), "the base layer's width");
        for (int i = 1; i < 256; i++) {
            assertTrue(z.edge(i + 1) < z.edge(i), "layer " + i + " narrows");
            double area = z.edge(i) * (f.applyAsDouble(z.edge(i + 1)) - f.applyAsDouble(z.edge(i)));
            // the top layer closes the recurrence at 0: its area is v up to the rounding of the recurrence
            assertEquals(v, area, (i == 255 ? 1e-12 : 1e-13) * v, "area of layer " + i);
        }
        assertEquals(0.0, z.edge(256));
    }

    @Test
    void normalVariatesAreStandardNormal() {
        for (long seed : new long[] {1, 2026, -77}) {
            double[] x = draws(seed, true);
            double d = ks(x, STANDARD::cumulativeProbability);
            assertTrue(d < 1.949 / Math.sqrt(N), "seed " + seed + ": D = " + d);
        }
    }

    @Test
    void normalTailAndWedgesHaveTheirProbabilities() {
        // beyond r = 3.654 (the tail): 2 Phi(-r) = 2.58e-4 of the variates; |g| in [2, 3]: 4.28 %
        CounterStream s = new CounterStream();
        s.start(5, 5);
        int n = 4_000_000;
        int tail = 0;
        int mid = 0;
        int negative = 0;
        for (int i = 0; i < n; i++) {
            double g = s.nextZigguratGaussian();
            tail += Math.abs(g) > 3.6541528853610088 ? 1 : 0;
            mid += Math.abs(g) >= 2 && Math.abs(g) <= 3 ? 1 : 0;
            negative += g < 0 ? 1 : 0;
        }
        expectCount(tail, n, 2 * STANDARD.cumulativeProbability(-3.6541528853610088), "tail");
        expectCount(mid, n, 2 * (STANDARD.cumulativeProbability(3) - STANDARD.cumulativeProbability(2)), "2 <= |g| <= 3");
        expectCount(negative, n, 0.5, "negative");
    }

    /** A binomial count within 5 sd of its mean. */
    private static void expectCount(int count, int n, double p, String what) {
        double sd = Math.sqrt(n * p * (1 - p));
        assertEquals(n * p, count, 5 * sd, what);
    }

    @Test
    void exponentialVariatesAreStandardExponentialTailIncluded() {
        for (long seed : new long[] {1, 2026, -77}) {
            double[] x = draws(seed, false);
            assertTrue(x[0] >= 0);
            double d = ks(x, t -> -Math.expm1(-t));
            assertTrue(d < 1.949 / Math.sqrt(N), "seed " + seed + ": D = " + d);
        }
        CounterStream s = new CounterStream();
        s.start(9, 9);
        int n = 4_000_000;
        int beyond = 0;
        for (int i = 0; i < n; i++) {
            beyond += s.nextZigguratExponential() > 7.69711747013104972 ? 1 : 0;
        }
        expectCount(beyond, n, Math.exp(-7.69711747013104972), "beyond r");
    }

    @Test
    void variatesArePureFunctionsOfTheStreamAndStayInTheirDocumentedRange() {
        qt().withExamples(2000).forAll(longs().all(), longs().between(0, 1L << 40)).checkAssert((seed, index) -> {
            CounterStream a = new CounterStream();
            CounterStream b = new CounterStream();
            a.start(seed, index);
            b.start(seed, index);
            for (int k = 0; k < 50; k++) {
                double g = a.nextZigguratGaussian();
                double e = a.nextZigguratExponential();
                assertEquals(Double.doubleToRawLongBits(g), Double.doubleToRawLongBits(b.nextZigguratGaussian()));
                assertEquals(Double.doubleToRawLongBits(e), Double.doubleToRawLongBits(b.nextZigguratExponential()));
                assertTrue(Math.abs(g) < 13.8 && e >= 0 && e < Double.POSITIVE_INFINITY, g + " " + e);
            }
            assertEquals(a.state(), b.state());
        });
    }
}
