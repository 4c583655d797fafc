package org.eventsnn.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link RowValues#of} (values known in advance, its index dropped once a table cannot win)
 * chooses the encoding that the full count of distinct values gives, and holds the values bit
 * for bit, also with distinct counts right at the limits where a table stops paying.
 */
class RowValuesTest {
    /** The smallest encoding by the rule of {@link RowValues.Encoder#allocate}, from an exact count of distinct values. */
    private static RowValues.Encoding expected(double[] v) {
        int n = v.length;
        Set<Long> distinct = new HashSet<>();
        boolean floats = true;
        for (double x : v) {
            distinct.add(Double.doubleToRawLongBits(x));
            floats &= Double.doubleToRawLongBits((float) x) == Double.doubleToRawLongBits(x);
        }
        int d = distinct.size();
        if (d <= 1) {
            return RowValues.Encoding.CONSTANT;
        }
        long best = (floats ? 4L : 8L) * n;
        if (d <= 256 && n + 8L * d < best) {
            return RowValues.Encoding.TABLE8;
        }
        if (d <= 65_536 && 2L * n + 8L * d < best) {
            return RowValues.Encoding.TABLE16;
        }
        return floats ? RowValues.Encoding.FLOAT : RowValues.Encoding.DOUBLE;
    }

    /** n values with about {@code distinct} different ones (floats or not), shuffled. */
    private static double[] draw(SplittableRandom r, int n, int distinct, boolean floats) {
        double[] pool = new double[Math.max(1, distinct)];
        for (int k = 0; k < pool.length; k++) {
            double x = r.nextDouble(-2, 2);
            pool[k] = floats ? (float) x : x;
        }
        double[] v = new double[n];
        for (int s = 0; s < n; s++) {
            v[s] = s < pool.length ? pool[s] : pool[r.nextInt(pool.length)];
        }
        for (int s = n - 1; s > 0; s--) {
            int k = r.nextInt(s + 1);
            double t = v[s];
            v[s] = v[k];
            v[k] = t;
        }
        return v;
    }

    @Test
    void choosesTheEncodingOfTheFullCountAndHoldsEveryValue() {
        Set<RowValues.Encoding> met = EnumSet.noneOf(RowValues.Encoding.class);
        qt().withExamples(400).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int n = r.nextInt(3) == 0 ? r.nextInt(12) : 8 + r.nextInt(3000);
            // distinct counts near the limits: 7/8 and 3/4 of n, 3/8 and 1/4 (floats), 256, or any
            int[] near = {7 * n / 8, 3 * n / 4, 3 * n / 8, n / 4, 256, r.nextInt(n + 1)};
            int distinct = Math.max(0, Math.min(n, near[r.nextInt(near.length)] + r.nextInt(5) - 2));
            double[] v = draw(r, n, distinct, r.nextBoolean());
            boolean ordered = r.nextBoolean();
            int[] order = null;
            double[] bySlot = v;
            if (ordered) {
                order = new int[n];
                bySlot = new double[n];
                for (int s = 0; s < n; s++) {
                    order[s] = n - 1 - s;
                    bySlot[s] = v[n - 1 - s];
                }
            }
            RowValues values = RowValues.of(v, order, n);
            assertEquals(expected(v), values.encoding(), "seed " + seed + ": n " + n + ", about " + distinct + " distinct");
            met.add(values.encoding());
            assertEquals(n, values.size());
            for (int s = 0; s < n; s++) {
                assertEquals(Double.doubleToRawLongBits(bySlot[s]), Double.doubleToRawLongBits(values.get(s)),
                        "seed " + seed + ": slot " + s);
            }
        });
        assertEquals(EnumSet.allOf(RowValues.Encoding.class), met, "encodings met");
    }

    @Test
    void dropsTheIndexOnlyPastTheLimitWhereATableStopsPaying() {
        // 8 values: 7 distinct (8 + 56 = 64, not below 64 bytes) is a double; 6 distinct (8 + 48) is a table
        double[] seven = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.7};
        double[] six = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.6, 0.6};
        assertEquals(RowValues.Encoding.DOUBLE, RowValues.of(seven, null, 8).encoding());
        assertEquals(RowValues.Encoding.TABLE8, RowValues.of(six, null, 8).encoding());
        assertTrue(RowValues.of(six, null, 8).bytes() < 64);
    }
}
