package org.eventsnn.core.solver;

import org.eventsnn.core.base.Arguments;

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
        if (z < 0.01) {
            // both starts are close enough (relative error below 2e-7) for one cubically
            // convergent Halley step to reach full precision
            double w = start(z, d);
            double next = w - halleyStep(w, z);
            return Double.isNaN(next) ? w : next;
        }
        double w;
        if (z < 3) {
            double l = Math.log(1 + z); // Winitzki's approximation as the starting point
            w = l * (1 - Math.log(1 + l) / (2 + l));
        } else {
            double l1 = Math.log(z);
            double l2 = Math.log(l1);
            w = l1 - l2 + l2 / l1;
        }
        for (int i = 0; i < 40; i++) {
            double dw = halleyStep(w, z);
            double next = w - dw;
            if (!(Math.abs(dw) > 4 * Math.ulp(next)) || Double.isNaN(next)) {
                return Double.isNaN(next) ? w : next;
            }
            w = next;
        }
        return w;
    }

    /**
     * W0(z) for {@code -1/e <= z < 0.01}, {@code z != 0}, to within {@code 1.7e-7} of
     * {@code 1 + W0(z)} (relative): the start {@link #w0} refines by one Halley step, or where
     * {@code z + 1/e < 1e-9} its result. Arguments below -1/e by no more than the rounding
     * {@link #atOrAboveBranchPoint} forgives give -1.
     */
    static double nearZeroOrBranch(double z) {
        double d = (z + INV_E_HI) + INV_E_LO;
        return d < 1e-9 ? branchSeries(Math.sqrt(2 * Math.E * Math.max(0, d))) : start(z, d);
    }

    /** {@link #nearZeroOrBranch} for {@code d = z + 1/e >= 1e-9}: the fit below -0.01, the Taylor series above. */
    private static double start(double z, double d) {
        return z < -0.01 ? belowZeroFit(Math.sqrt(2 * Math.E * d))
                : z * (1 + z * (-1 + z * (1.5 + z * (-8.0 / 3 + z * (125.0 / 24))))); // Taylor, error ~11 z^6
    }

    /** Halley's correction for {@code w exp(w) - z} at w (subtract it from w). */
    private static double halleyStep(double w, double z) {
        double ew = Math.exp(w);
        double f = w * ew - z;
        double wp1 = w + 1;
        return f / (ew * wp1 - (w + 2) * f / (2 * wp1));
    }

    /**
     * True if W0 is defined at z: {@code z >= -1/e}, up to the rounding of 1/e that
     * {@link #w0} forgives too.
     */
    public static boolean atOrAboveBranchPoint(double z) {
        return (z + INV_E_HI) + INV_E_LO > -1e-16;
    }

    /**
     * W0 on {@code [-1/e, 0]} as {@code -1 + p + p^2 q(p)} in {@code p = sqrt(2 (e z + 1))}, with q
     * a degree-7 least-squares fit: absolute error below 1.1e-8, and below 1.7e-7 of
     * {@code 1 + W} (exact at the branch point), so one Halley step reaches full precision.
     */
    private static double belowZeroFit(double p) {
        double q = -0.333325472502427 + p * (0.15265178242333816 + p * (-0.0788303066382481
                + p * (0.04177606419470642 + p * (-0.020295629908556885 + p * (0.00778726393759567
                + p * (-0.001955472055188659 + p * 0.0002308184808702124))))));
        return -1 + p + p * p * q;
    }

    /** Series of W0 around the branch point in {@code p = sqrt(2 (e z + 1))}. */
    private static double branchSeries(double p) {
        return -1 + p * (1 + p * (-1.0 / 3 + p * (11.0 / 72 + p * (-43.0 / 540
                + p * (769.0 / 17280 + p * (-221.0 / 8505))))));
    }
}
