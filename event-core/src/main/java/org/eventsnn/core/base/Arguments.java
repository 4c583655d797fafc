package org.eventsnn.core.base;

/**
 * Argument checks shared by every module. Each check names the offending field and value and
 * rejects NaN, so that a bad number can never reach the engine.
 */
public final class Arguments {
    private Arguments() {
    }

    /** Returns {@code x} if it is finite and strictly positive. */
    public static double requirePositive(double x, String name) {
        if (!(x > 0) || x == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " must be a finite positive number, got " + x);
        }
        return x;
    }

    /** Returns {@code x} if it is finite and not negative. */
    public static double requireNonNegative(double x, String name) {
        if (!(x >= 0) || x == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + x);
        }
        return x;
    }

    /** Returns {@code x} if it is finite. */
    public static double requireFinite(double x, String name) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException(name + " must be a finite number, got " + x);
        }
        return x;
    }

    /** Returns {@code x} if {@code 0 <= x <= 1}. */
    public static double requireProbability(double x, String name) {
        if (!(x >= 0 && x <= 1)) {
            throw new IllegalArgumentException(name + " must be a probability in [0, 1], got " + x);
        }
        return x;
    }

    /** Returns {@code n} if it is at least {@code min}. */
    public static int requireAtLeast(int n, int min, String name) {
        if (n < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + n);
        }
        return n;
    }

    /** Returns {@code i} if {@code 0 <= i < size}. */
    public static int requireIndex(int i, int size, String name) {
        if (i < 0 || i >= size) {
            throw new IllegalArgumentException(name + " must be in [0, " + size + "), got " + i);
        }
        return i;
    }
}
