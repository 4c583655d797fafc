package org.eventsnn.core.base;

/**
 * Marsaglia and Tsang's ziggurat (J. Stat. Softw. 5(8), 2000) with 256 layers of equal area
 * {@code v} under a decreasing density {@code f} on {@code [0, inf)}: the standard normal's
 * {@code exp(-x^2/2)} (its half, a sign bit apart) or the standard exponential's
 * {@code exp(-x)}. Nearly every draw is one 64-bit number, a table lookup, a product and a
 * comparison; the rare rest (1.2 % for the normal, 1.0 % for the exponential) tests a wedge or
 * draws from the tail. The layer index, the sign and the uniform come from separate bits of
 * the 64-bit draw (bits 0-7, bit 8, bits 11-63), so they are independent (Doornik, 2005).
 *
 * <p>The table: {@code x[1] = r}, {@code x[0] = v / f(r)} (the base layer: the rectangle up to
 * r and the tail beyond, of area v in all), {@code x[i+1] = finv(v / x[i] + f(x[i]))} for
 * i = 1..254, {@code x[256] = 0}; {@code fx[i] = f(x[i])}, {@code fx[256] = 1}; with
 * StrictMath's exp, log and sqrt, so the table is the same on every Java platform. r is Marsaglia
 * and Tsang's for 256 layers; v is the base layer's area, {@code r f(r)} plus the tail's
 * integral (the double nearest, computed to 50 digits), with which the recurrence closes at
 * the mode: the top layer's area is v within 2e-13 relative ({@code ZigguratTest}).
 */
final class Ziggurat {
    /** Layers, a power of two: the index is the draw's low byte. */
    private static final int LAYERS = 256;
    /** The half-normal density's ziggurat. */
    static final Ziggurat NORMAL = new Ziggurat(3.6541528853610088, 0.0049286732339746545, true);
    /** The exponential density's ziggurat. */
    static final Ziggurat EXPONENTIAL = new Ziggurat(7.69711747013104972, 0.003949659822581557, false);

    private final boolean normal;
    /** Where the tail starts. */
    private final double r;
    /** Right ends of the layers: layer i spans widths [0, x[i]) at heights [fx[i], fx[i + 1]]. */
    private final double[] x = new double[LAYERS + 1];
    private final double[] fx = new double[LAYERS + 1];

    private Ziggurat(double r, double v, boolean normal) {
        this.normal = normal;
        this.r = r;
        x[1] = r;
        fx[1] = density(r);
        x[0] = v / fx[1];
        for (int i = 1; i < LAYERS - 1; i++) {
            double y = v / x[i] + fx[i];
            x[i + 1] = normal ? StrictMath.sqrt(-2 * StrictMath.log(y)) : -StrictMath.log(y);
            fx[i + 1] = density(x[i + 1]);
        }
        x[LAYERS] = 0;
        fx[LAYERS] = 1;
    }

    private double density(double z) {
        return StrictMath.exp(normal ? -0.5 * z * z : -z);
    }

    /** The right end of layer i (0..256), for the tests. */
    double edge(int i) {
        return x[i];
    }

    /** A standard normal variate (this must be {@link #NORMAL}) from {@code s}. */
    double normal(CounterStream s) {
        while (true) {
            long b = s.nextLong();
            int i = (int) b & (LAYERS - 1);
            double z = ((b >>> 11) * 0x1.0p-53) * x[i];
            if (!(z < x[i + 1])) {
                if (i == 0) {
                    z = r + normalTail(s);
                } else if (!(fx[i] + s.nextDouble() * (fx[i + 1] - fx[i]) < density(z))) {
                    continue;
                }
            }
            return (b & 0x100) == 0 ? z : -z;
        }
    }

    /** Beyond r: Marsaglia's tail, {@code a = -log(u1) / r, e = -log(u2)}, accepted when {@code 2 e > a^2}. */
    private double normalTail(CounterStream s) {
        while (true) {
            double a = -Fdlibm.log1p(-s.nextDouble()) / r;
            double e = -Fdlibm.log1p(-s.nextDouble());
            if (e + e > a * a) {
                return a;
            }
        }
    }

    /** A standard exponential variate (this must be {@link #EXPONENTIAL}) from {@code s}: never negative. */
    double exponential(CounterStream s) {
        double offset = 0;
        while (true) {
            long b = s.nextLong();
            int i = (int) b & (LAYERS - 1);
            double z = ((b >>> 11) * 0x1.0p-53) * x[i];
            if (z < x[i + 1]) {
                return offset + z;
            }
            if (i == 0) {
                offset += r; // the tail beyond r is r plus a fresh exponential variate
            } else if (fx[i] + s.nextDouble() * (fx[i + 1] - fx[i]) < density(z)) {
                return offset + z;
            }
        }
    }
}
