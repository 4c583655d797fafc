package org.eventsnn.core.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Fdlibm} gives StrictMath's bits: on the arguments the random streams pass (uniform
 * draws on the 2^-53 grid), on random doubles of every magnitude in its domains, at every
 * branch boundary of fdlibm's algorithms and next to the multiples of pi/4, and outside its
 * domains (where it hands over to StrictMath).
 */
class FdlibmTest {
    private static final double TWO_PI = 2 * Math.PI;

    private static void sameLog1p(double x) {
        assertEquals(Double.doubleToRawLongBits(StrictMath.log1p(x)), Double.doubleToRawLongBits(Fdlibm.log1p(x)),
                () -> "log1p(" + x + ") = " + StrictMath.log1p(x) + " by StrictMath, " + Fdlibm.log1p(x) + " here");
    }

    private static void sameCos(double x) {
        assertEquals(Double.doubleToRawLongBits(StrictMath.cos(x)), Double.doubleToRawLongBits(Fdlibm.cos(x)),
                () -> "cos(" + x + ") = " + StrictMath.cos(x) + " by StrictMath, " + Fdlibm.cos(x) + " here");
    }

    /** A double whose bits are {@code bits} with the sign cleared and the exponent limited to below 1. */
    private static double magnitudeBelowOne(long bits, int exponentDrop) {
        long mantissa = bits & 0x000fffffffffffffL;
        long exponent = Math.max(0, 1022 - exponentDrop);
        return Double.longBitsToDouble((exponent << 52) | mantissa);
    }

    @Test
    void log1pOfTheStreamsDrawsIsStrictMaths() {
        qt().withExamples(200_000).forAll(longs().all()).checkAssert(bits -> sameLog1p(-((bits >>> 11) * 0x1.0p-53)));
    }

    @Test
    void log1pOfNegativeDoublesOfEveryMagnitudeIsStrictMaths() {
        qt().withExamples(200_000).forAll(longs().all(), integers().between(0, 1080))
                .checkAssert((bits, drop) -> sameLog1p(-magnitudeBelowOne(bits, drop)));
    }

    @Test
    void log1pAtItsBranchBoundariesIsStrictMaths() {
        double[] edges = {0.0, -0.0, -0x1p-29, -0x1p-54, -0x1p-20, -Double.MIN_VALUE, -Double.MIN_NORMAL,
            -Double.longBitsToDouble(0xbfd2bec300000000L & 0x7fffffffffffffffL),
            -Double.longBitsToDouble(0x3fd2bec3ffffffffL), -Double.longBitsToDouble(0x3fd2bec400000000L),
            -0.5, -0.75, -0.25, -0.125, Math.nextUp(-1.0), -1 + 0x1p-30, Math.sqrt(0.5) - 1, Math.sqrt(2) / 2 - 1,
            // 1 + x with the high word of its significand at sqrt 2's, 0x6a09e
            Double.longBitsToDouble(0x3fe6a09e00000000L) - 1, Double.longBitsToDouble(0x3fe6a09dffffffffL) - 1,
            Double.longBitsToDouble(0x3fe6a09e667f3bcdL) - 1};
        for (double e : edges) {
            for (int step = -64; step <= 64; step++) {
                double x = e;
                for (int i = 0; i < Math.abs(step); i++) {
                    x = step > 0 ? Math.nextUp(x) : Math.nextDown(x);
                }
                sameLog1p(x);
            }
        }
    }

    @Test
    void log1pOutsideItsDomainIsStrictMaths() {
        double[] outside = {-1.0, -1.5, -Double.MAX_VALUE, 0x1p-60, 0.3, 0.5, 1.0, 1e300, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.NaN, Double.MIN_VALUE};
        for (double x : outside) {
            sameLog1p(x);
        }
    }

    @Test
    void cosOfTheStreamsAnglesIsStrictMaths() {
        qt().withExamples(200_000).forAll(longs().all()).checkAssert(bits -> sameCos(TWO_PI * ((bits >>> 11) * 0x1.0p-53)));
    }

    @Test
    void cosOfDoublesOfEveryMagnitudeUpToTwoPiIsStrictMaths() {
        qt().withExamples(200_000).forAll(longs().all(), integers().between(-3, 1080))
                .checkAssert((bits, drop) -> {
                    double x = Math.copySign(magnitudeBelowOne(bits, drop) * 8, bits);
                    sameCos(x); // magnitudes up to 8: beyond 2 pi too, where StrictMath takes over
                });
    }

    @Test
    void cosNextToMultiplesOfAQuarterPiAndItsBranchBoundariesIsStrictMaths() {
        SplittableRandom random = new SplittableRandom(20261207);
        for (int k = -9; k <= 9; k++) {
            double centre = k * (Math.PI / 4);
            double x = centre;
            for (int i = 0; i < 4096; i++) {
                x = Math.nextUp(x);
                sameCos(x);
            }
            x = centre;
            for (int i = 0; i < 4096; i++) {
                x = Math.nextDown(x);
                sameCos(x);
            }
            for (int i = 0; i < 2000; i++) {
                sameCos(centre + (random.nextDouble() - 0.5) * 0x1p-20);
            }
        }
        int[] highWords = {0x3e400000, 0x3FD33333, 0x3fe90000, 0x3fe921fb, 0x3ff921fb, 0x4002d97c, 0x400921fb,
            0x4012d97c, 0x401921fb, 0x401921fc};
        for (int hw : highWords) {
            for (long low = -3000; low <= 3000; low++) {
                double x = Double.longBitsToDouble(((long) hw << 32) + low);
                sameCos(x);
                sameCos(-x);
            }
        }
        double[] special = {0.0, -0.0, Double.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            TWO_PI, Math.nextUp(TWO_PI), 1e6, -1e300};
        for (double x : special) {
            sameCos(x);
        }
    }
}
