package org.eventsnn.core.solver;

import org.eventsnn.core.base.Arguments;

/**
 * The principal branch W0 of the Lambert W function ({@code W(z) exp(W(z)) = z}, {@code W >= -1}),
 * to full double precision. No common Java library ships it.
 */
public final class LambertW {
    private static final double INV_E_HI = 0.36787944117144233;
    private static final double INV_E_LO = -1.2428753672788363e-17;

    /**
     * Above this, {@link #w0OnNegativeAxis} uses its series in z: its pieces in p would lose W's
     * relative precision as z goes to 0.
     */
    private static final double NEAR_ZERO = -0.0805;
    /**
     * {@link #w0OnNegativeAxis}'s q per quarter of p, ten coefficients each, from the constant
     * term up, in {@code t = p - } the quarter's middle.
     */
    private static final double[] PIECES = {
            // p in [0, 0.25), t = p - 0.125
            -0.3153993062812623, 0.1347708836205709, -0.06510367775376472, 0.033622946474646975,
            -0.018112123484011932, 0.010044169266485234, -0.005689223421738793, 0.0032753506982947777,
            -0.0019364044148126758, 0.001141132026443303,
            // p in [0.25, 0.5), t = p - 0.375
            -0.28531236295477813, 0.10755897525617547, -0.045386283881977636, 0.02037283021442747,
            -0.009511093841711709, 0.004562810940594589, -0.0022331189131918954, 0.0011098703291423885,
            -0.0005640912326558623, 0.0002866412833941579,
            // p in [0.5, 0.75), t = p - 0.625
            -0.2609741182813703, 0.0881689861793483, -0.03307175148322051, 0.01314174319493956,
            -0.0054181811899101096, 0.00229196698708689, -0.000988080543521518, 0.000432242990992178,
            -0.00019280996262726908, 8.615019855990714e-05,
            // p in [0.75, 1), t = p - 0.875
            -0.2408126604666819, 0.07379818202957247, -0.02493931728500491, 0.008897404123701907,
            -0.0032866445634265077, 0.0012439980313572725, -0.0004794279918451252, 0.00018736620857815313,
            -7.450988073544192e-05, 2.9715833682901775e-05,
            // p in [1, 1.25), t = p - 1.125
            -0.2237945306043347, 0.06281314673130138, -0.019329079066342788, 0.006260531920460903,
            -0.0020957871673835827, 0.0007180528057784068, -0.0002502968686489869, 8.842282032540746e-05,
            -3.17347284214293e-05, 1.1431601893385074e-05,
    };

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
     * W0(z) for {@code -1/e <= z <= 0} without a correction step, so without an exponential: for
     * {@code z > -0.0805} as {@code z (1 + z h(z))}, h of degree 11, relative error below 2.5e-16
     * (W keeps its relative precision as z goes to 0); below that as {@code -1 + p + p^2 q(p)} in
     * {@code p = sqrt(2 (e z + 1))}, q of degree 9 on each quarter of {@code [0, 1.25)} (exact at
     * the branch point), absolute error below 2.5e-16. Both within 10 units of
     * {@code 2^-53 (|W| + |z| W'(z))} (the rounding of W and of z through the conditioning
     * {@code W'(z) = 1 / (e^W (1 + W))}); {@link #w0} is within 2 of them (LambertWTest). Arguments
     * below -1/e by no more than the rounding {@link #atOrAboveBranchPoint} forgives give -1, further
     * below or NaN give NaN, above 0 {@link #w0}. The coefficients interpolate h and q at Chebyshev
     * nodes, from 50-digit values of W (event-core/src/test/resources/lambert-w/w0_negative_axis.py).
     */
    public static double w0OnNegativeAxis(double z) {
        if (z > NEAR_ZERO) {
            if (z > 0) {
                return w0(z);
            }
            return z * (1 + z * (-0.9999999999999997 + z * (1.5000000000010438 + z * (-2.6666666660507286
                    + z * (5.208333475234957 + z * (-10.79998317047343 + z * (23.34422807149815
                    + z * (-51.961209576056554 + z * (120.10161325674235 + z * (-247.68022876907074
                    + z * (990.6124069191459 + z * (982.4073186208809 + z * 13460.081793295914))))))))))));
        }
        double d = (z + INV_E_HI) + INV_E_LO;
        if (!(d >= 0)) {
            return d > -1e-16 ? -1.0 : Double.NaN;
        }
        double p = Math.sqrt(2 * Math.E * d); // below 1.25, as z <= NEAR_ZERO
        int piece = (int) (p * 4);
        int k = piece * 10;
        double t = p - (piece * 0.25 + 0.125);
        double[] c = PIECES;
        double t2 = t * t; // Estrin's scheme: a chain of four products instead of Horner's nine
        double t4 = t2 * t2;
        double q = (c[k] + t * c[k + 1]) + t2 * (c[k + 2] + t * c[k + 3])
                + t4 * ((c[k + 4] + t * c[k + 5]) + t2 * (c[k + 6] + t * c[k + 7]) + t4 * (c[k + 8] + t * c[k + 9]));
        return -1 + p + p * p * q;
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
