package org.eventsnn.datasets;

import org.eventsnn.core.base.Arguments;

/**
 * The Yin-Yang dataset (Kriener, Goltz, Petrovici 2021), generated bit for bit like the
 * published generator from numpy's legacy {@code RandomState(seed)}: for each sample a class
 * goal is drawn with {@code randint(3)}, then points {@code (x, y) = 2 r_big * rand(2)} are drawn
 * until one lies inside the big circle and has the goal's class. Each sample is
 * {@code [x, y, 1 - x, 1 - y]}; classes are 0 yin, 1 yang, 2 dots.
 */
public final class YinYang {
    /** Radius of the dots. */
    public static final double R_SMALL = 0.1;
    /** Radius of the big circle that holds every sample. */
    public static final double R_BIG = 0.5;
    /** Number of classes: yin, yang and dots. */
    public static final int CLASSES = 3;

    /** The published splits and their defaults. */
    public enum Split {
        /** The training split: 5000 samples, seed 42. */
        TRAIN("train", 5000, 42),
        /** The validation split: 1000 samples, seed 41. */
        VALIDATION("validation", 1000, 41),
        /** The test split: 1000 samples, seed 40. */
        TEST("test", 1000, 40);

        private final String label;
        private final int size;
        private final long seed;

        Split(String label, int size, long seed) {
            this.label = label;
            this.size = size;
            this.seed = seed;
        }

        /** The split's name: train, validation or test. */
        public String label() {
            return label;
        }

        /** The split's published number of samples. */
        public int defaultSize() {
            return size;
        }

        /** The split's published seed. */
        public long defaultSeed() {
            return seed;
        }

        /** The split named {@code s} (train, validation, test). */
        public static Split of(String s) {
            for (Split x : values()) {
                if (x.label.equals(s)) {
                    return x;
                }
            }
            throw new IllegalArgumentException("unknown split '" + s + "', expected train, validation or test");
        }
    }

    private YinYang() {
    }

    /** A published split with its default size and seed. */
    public static Dataset split(Split split) {
        return generate(split.label(), split.defaultSize(), split.defaultSeed());
    }

    /** {@code size} samples from {@code RandomState(seed)}. */
    public static Dataset generate(String name, int size, long seed) {
        Arguments.requireAtLeast(size, 0, "size");
        Mt19937 rng = new Mt19937(seed);
        double[][] samples = new double[size][];
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            int goal = (int) rng.randint(CLASSES);
            double x;
            double y;
            while (true) {
                x = rng.rand() * 2.0 * R_BIG;
                y = rng.rand() * 2.0 * R_BIG;
                if (Math.sqrt(square(x - R_BIG) + square(y - R_BIG)) > R_BIG) {
                    continue;
                }
                if (classOf(x, y) == goal) {
                    break;
                }
            }
            samples[i] = new double[] {x, y, 1.0 - x, 1.0 - y};
            labels[i] = goal;
        }
        return new Dataset("yinyang-" + name, samples, labels, CLASSES);
    }

    /** The class of a point inside the big circle: 2 dot, 1 yang, 0 yin. */
    public static int classOf(double x, double y) {
        double dRight = Math.sqrt(square(x - 1.5 * R_BIG) + square(y - R_BIG));
        double dLeft = Math.sqrt(square(x - 0.5 * R_BIG) + square(y - R_BIG));
        if (dRight < R_SMALL || dLeft < R_SMALL) {
            return 2;
        }
        boolean yang = dRight <= R_SMALL || (dLeft > R_SMALL && dLeft <= 0.5 * R_BIG)
                || (y > R_BIG && dRight > 0.5 * R_BIG);
        return yang ? 1 : 0;
    }

    private static double square(double v) {
        return v * v;
    }
}
