package org.eventsnn.core;

/**
 * The principal branch W0 of the Lambert W function ({@code W(z) exp(W(z)) = z}, {@code W >= -1}),
 * to full double precision. No common Java library ships it.
 */
public final class LambertW {
    private static final double INV_E_HI = 0.36787944117144233;
    private static final double INV_E_LO = -1.2428753672788363e-17;

    private LambertW() {
    }

    /**
     * W0(z) for {@code z >= -1/e}. Arguments below -1/e by no more than rounding of 1/e give -1;
     * anything else below the branch point, or NaN, gives NaN.
     */
    public static double w0(double z) {
        if (Double.isNaN(z)) {
            return Double.NaN;
        }
        if (z == 0) {
            return z;
        }
        if (z == Double.POSITIVE_INFINITY) {
            return z;
        }
        double d = (z + INV_E_HI) + INV_E_LO; // z + 1/e without losing the small difference
        if (d < 0) {
            return d > -1e-16 ? -1.0 : Double.NaN;
        }
        if (d < 1e-9) { // series error below p^7 ~ 1e-27
            return branchSeries(Math.sqrt(2 * Math.E * d));
        }
        double w;
        if (z < -0.3) {
            w = branchSeries(Math.sqrt(2 * Math.E * d));
        } else if (z < 3) {
            double l = Math.log(1 + z); // Winitzki's approximation as the starting point
            w = l * (1 - Math.log(1 + l) / (2 + l));
        } else {
            double l1 = Math.log(z);
            double l2 = Math.log(l1);
            w = l1 - l2 + l2 / l1;
        }
        for (int i = 0; i < 40; i++) {
            double ew = Math.exp(w);
            double f = w * ew - z;
            double wp1 = w + 1;
            double dw = f / (ew * wp1 - (w + 2) * f / (2 * wp1));
            double next = w - dw;
            if (!(Math.abs(dw) > 4 * Math.ulp(next)) || Double.isNaN(next)) {
                return Double.isNaN(next) ? w : next;
            }
            w = next;
        }
        return w;
    }

    /** Series of W0 around the branch point in {@code p = sqrt(2 (e z + 1))}. */
    private static double branchSeries(double p) {
        return -1 + p * (1 + p * (-1.0 / 3 + p * (11.0 / 72 + p * (-43.0 / 540
                + p * (769.0 / 17280 + p * (-221.0 / 8505))))));
    }
}
