package org.eventsnn.core.base;

/**
 * {@link StrictMath#log1p} and {@link StrictMath#cos} with the same bits, computed in Java. Both
 * follow fdlibm 5.3's algorithms (which StrictMath's specification names), operation for
 * operation, with its constants; Java's double arithmetic is IEEE 754 round-to-nearest, so the
 * results are fdlibm's. Java 17 runs StrictMath's versions of these two as native code behind a
 * JNI call, which took about a third of the CPU time of the cortical microcircuit (one
 * {@code log1p} per Poisson interval and per generated synapse's skip, a {@code log1p} and a
 * {@code cos} per normal draw); compiled by the JIT, the same operations cost far less.
 *
 * <p>The Java versions cover the arguments the random streams of eventsnn pass: {@code log1p}
 * on {@code -1 < x <= 0}, {@code cos} on {@code |x| <= 2 pi} (up to the high word of the double
 * nearest 2 pi). Every other argument is handed to {@link StrictMath}. {@code FdlibmTest} checks
 * the bits against StrictMath's on the whole of both domains' structure (every branch, its
 * boundaries, and random arguments).
 */
public final class Fdlibm {
    private static final double LN2_HI = Double.longBitsToDouble(0x3fe62e42fee00000L);
    private static final double LN2_LO = Double.longBitsToDouble(0x3dea39ef35793c76L);
    /** The minimax polynomial of fdlibm's log1p in {@code s^2}, {@code s = f / (2 + f)}. */
    private static final double LP1 = Double.longBitsToDouble(0x3FE5555555555593L);
    private static final double LP2 = Double.longBitsToDouble(0x3FD999999997FA04L);
    private static final double LP3 = Double.longBitsToDouble(0x3FD2492494229359L);
    private static final double LP4 = Double.longBitsToDouble(0x3FCC71C51D8E78AFL);
    private static final double LP5 = Double.longBitsToDouble(0x3FC7466496CB03DEL);
    private static final double LP6 = Double.longBitsToDouble(0x3FC39A09D078C69FL);
    private static final double LP7 = Double.longBitsToDouble(0x3FC2F112DF3E5244L);

    /** fdlibm's cosine kernel on [-pi/4, pi/4]: its polynomial in {@code x^2}. */
    private static final double C1 = Double.longBitsToDouble(0x3FA555555555554CL);
    private static final double C2 = Double.longBitsToDouble(0xBF56C16C16C15177L);
    private static final double C3 = Double.longBitsToDouble(0x3EFA01A019CB1590L);
    private static final double C4 = Double.longBitsToDouble(0xBE927E4F809C52ADL);
    private static final double C5 = Double.longBitsToDouble(0x3E21EE9EBDB4B1C4L);
    private static final double C6 = Double.longBitsToDouble(0xBDA8FAE9BE8838D4L);
    /** fdlibm's sine kernel on [-pi/4, pi/4]. */
    private static final double S1 = Double.longBitsToDouble(0xBFC5555555555549L);
    private static final double S2 = Double.longBitsToDouble(0x3F8111111110F8A6L);
    private static final double S3 = Double.longBitsToDouble(0xBF2A01A019C161D5L);
    private static final double S4 = Double.longBitsToDouble(0x3EC71DE357B1FE7DL);
    private static final double S5 = Double.longBitsToDouble(0xBE5AE5E68A2B9CEBL);
    private static final double S6 = Double.longBitsToDouble(0x3DE5D93A5ACFD57CL);

    /** pi/2 in three pieces of 33 bits with their tails, and 2/pi: fdlibm's argument reduction. */
    private static final double INV_PIO2 = Double.longBitsToDouble(0x3FE45F306DC9C883L);
    private static final double PIO2_1 = Double.longBitsToDouble(0x3FF921FB54400000L);
    private static final double PIO2_1T = Double.longBitsToDouble(0x3DD0B4611A626331L);
    private static final double PIO2_2 = Double.longBitsToDouble(0x3DD0B4611A600000L);
    private static final double PIO2_2T = Double.longBitsToDouble(0x3BA3198A2E037073L);
    private static final double PIO2_3 = Double.longBitsToDouble(0x3BA3198A2E000000L);
    private static final double PIO2_3T = Double.longBitsToDouble(0x397B839A252049C1L);
    /** High words of n pi / 2, n = 1..4: arguments this close to a multiple of pi/2 are reduced carefully. */
    private static final int[] MULTIPLE_OF_PIO2_HIGH = {0x3FF921FB, 0x400921FB, 0x4012D97C, 0x401921FB};
    /** High word of 2 pi: the largest {@code |x|} whose cosine is computed here. */
    private static final int TWO_PI_HIGH = 0x401921FB;

    private Fdlibm() {
    }

    /** {@code StrictMath.log1p(x)}, the same bits. */
    public static double log1p(double x) {
        int hx = high(x);
        if (!(x <= 0 && x > -1)) {
            return StrictMath.log1p(x);
        }
        int ax = hx & 0x7fffffff;
        int k = 1;
        double f = 0;
        double c = 0;
        int hu = 0;
        if (ax < 0x3e200000) { // |x| < 2^-29
            return ax < 0x3c900000 ? x : x - x * x * 0.5;
        }
        if (hx <= 0xbfd2bec3) { // -0.2929 < x < 0 (hx is negative: a larger magnitude is a larger int)
            k = 0;
            f = x;
            hu = 1;
        }
        if (k != 0) {
            double u = 1.0 + x;
            hu = high(u);
            k = (hu >> 20) - 1023;
            c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0); // the rounding of 1 + x
            c /= u;
            hu &= 0x000fffff;
            if (hu < 0x6a09e) {
                u = withHigh(u, hu | 0x3ff00000); // u normalised to [1, sqrt 2)
            } else {
                k += 1;
                u = withHigh(u, hu | 0x3fe00000); // u / 2 normalised to [sqrt 2 / 2, 1)
                hu = (0x00100000 - hu) >> 2;
            }
            f = u - 1.0;
        }
        double hfsq = 0.5 * f * f;
        if (hu == 0) { // |f| < 2^-20
            if (f == 0) {
                c += k * LN2_LO;
                return k * LN2_HI + c;
            }
            double r = hfsq * (1.0 - 0.66666666666666666 * f);
            return k * LN2_HI - ((r - (k * LN2_LO + c)) - f);
        }
        double s = f / (2.0 + f);
        double z = s * s;
        double r = z * (LP1 + z * (LP2 + z * (LP3 + z * (LP4 + z * (LP5 + z * (LP6 + z * LP7))))));
        if (k == 0) {
            return f - (hfsq - s * (hfsq + r));
        }
        return k * LN2_HI - ((hfsq - (s * (hfsq + r) + (k * LN2_LO + c))) - f);
    }

    /** {@code StrictMath.cos(x)}, the same bits. */
    public static double cos(double x) {
        int hx = high(x);
        int ix = hx & 0x7fffffff;
        if (ix <= 0x3fe921fb) { // |x| <= pi/4 (about): no reduction
            return kernelCos(x, 0.0);
        }
        if (ix > TWO_PI_HIGH) { // beyond 2 pi, infinite or NaN
            return StrictMath.cos(x);
        }
        double y0;
        double y1;
        int n;
        if (ix < 0x4002d97c) { // |x| < 3 pi / 4: n = +-1
            double sign = hx > 0 ? 1 : -1;
            double z = x - sign * PIO2_1;
            if (ix != 0x3ff921fb) {
                y0 = z - sign * PIO2_1T;
                y1 = (z - y0) - sign * PIO2_1T;
            } else { // next to pi/2: 33 + 33 + 53 bits of pi
                z -= sign * PIO2_2;
                y0 = z - sign * PIO2_2T;
                y1 = (z - y0) - sign * PIO2_2T;
            }
            n = hx > 0 ? 1 : -1;
        } else {
            double t = Math.abs(x);
            n = (int) (t * INV_PIO2 + 0.5);
            double fn = n;
            double r = t - fn * PIO2_1;
            double w = fn * PIO2_1T;
            y0 = r - w;
            if (ix == MULTIPLE_OF_PIO2_HIGH[n - 1]) { // next to n pi / 2: cancellation is possible
                int j = ix >> 20;
                int i = j - ((high(y0) >> 20) & 0x7ff);
                if (i > 16) {
                    t = r;
                    w = fn * PIO2_2;
                    r = t - w;
                    w = fn * PIO2_2T - ((t - r) - w);
                    y0 = r - w;
                    i = j - ((high(y0) >> 20) & 0x7ff);
                    if (i > 49) {
                        t = r;
                        w = fn * PIO2_3;
                        r = t - w;
                        w = fn * PIO2_3T - ((t - r) - w);
                        y0 = r - w;
                    }
                }
            }
            y1 = (r - y0) - w;
            if (hx < 0) {
                y0 = -y0;
                y1 = -y1;
                n = -n;
            }
        }
        switch (n & 3) {
            case 0:
                return kernelCos(y0, y1);
            case 1:
                return -kernelSin(y0, y1);
            case 2:
                return -kernelCos(y0, y1);
            default:
                return kernelSin(y0, y1);
        }
    }

    /** fdlibm's {@code __kernel_cos(x, y)}: the cosine of {@code x + y}, {@code |x| <= pi/4}, y the tail of x. */
    private static double kernelCos(double x, double y) {
        int ix = high(x) & 0x7fffffff;
        if (ix < 0x3e400000) { // |x| < 2^-27
            return 1.0;
        }
        double z = x * x;
        double r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
        if (ix < 0x3FD33333) { // |x| < 0.3
            return 1.0 - (0.5 * z - (z * r - x * y));
        }
        // |x| / 4 kept to its high word, or 0.28125 above |x| = 0.78125
        double qx = ix > 0x3fe90000 ? 0.28125 : Double.longBitsToDouble((long) (ix - 0x00200000) << 32);
        double hz = 0.5 * z - qx;
        double a = 1.0 - qx;
        return a - (hz - (z * r - x * y));
    }

    /** fdlibm's {@code __kernel_sin(x, y, 1)}: the sine of {@code x + y}, {@code |x| <= pi/4}, y the tail of x. */
    private static double kernelSin(double x, double y) {
        int ix = high(x) & 0x7fffffff;
        if (ix < 0x3e400000) { // |x| < 2^-27
            return x;
        }
        double z = x * x;
        double v = z * x;
        double r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
        return x - ((z * (0.5 * y - v * r) - y) - v * S1);
    }

    private static int high(double x) {
        return (int) (Double.doubleToRawLongBits(x) >>> 32);
    }

    private static double withHigh(double x, int high) {
        return Double.longBitsToDouble(((long) high << 32) | (Double.doubleToRawLongBits(x) & 0xffffffffL));
    }
}
