package org.eventsnn.datasets;

import org.eventsnn.core.base.SplitMix64;

/**
 * Small two-class sets in the spirit of jaxsnn's examples, for quick experiments beyond Yin-Yang.
 * Points are uniform in the unit square, drawn with {@link SplitMix64} (x then y); each sample
 * is {@code [x, y, 1 - x, 1 - y]}.
 * <ul>
 *   <li>{@code circle}: label 1 inside the circle of radius {@code 1/sqrt(2 pi)} around
 *       (0.5, 0.5) (half the square's area), else 0;</li>
 *   <li>{@code linear}: label 1 above the diagonal ({@code y > x}), else 0.</li>
 * </ul>
 */
public final class ToySets {
    private static final double CIRCLE_RADIUS = 1 / Math.sqrt(2 * Math.PI);

    private ToySets() {
    }

    /** {@code size} points of the circle set drawn from {@code seed}. */
    public static Dataset circle(int size, long seed) {
        return generate("circle", size, seed, true);
    }

    /** {@code size} points of the linear set drawn from {@code seed}. */
    public static Dataset linear(int size, long seed) {
        return generate("linear", size, seed, false);
    }

    private static Dataset generate(String name, int size, long seed, boolean circle) {
        SplitMix64 rng = new SplitMix64(seed);
        double[][] f = new double[size][];
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            double x = rng.nextDouble();
            double y = rng.nextDouble();
            f[i] = new double[] {x, y, 1 - x, 1 - y};
            labels[i] = circle ? (Math.hypot(x - 0.5, y - 0.5) < CIRCLE_RADIUS ? 1 : 0) : (y > x ? 1 : 0);
        }
        return new Dataset(name, f, labels, 2);
    }
}
