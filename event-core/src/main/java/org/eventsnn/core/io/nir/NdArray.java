package org.eventsnn.core.io.nir;

import java.util.Arrays;

/** A numeric NIR parameter: values in row-major order and the shape (empty for a scalar). */
final class NdArray {
    private final double[] values;
    private final int[] shape;

    NdArray(double[] values, int[] shape) {
        if (size(shape) != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + size(shape)
                    + " values, got " + values.length);
        }
        this.values = values;
        this.shape = shape;
    }

    /** A one-dimensional array. */
    static NdArray vector(double[] values) {
        return new NdArray(values, new int[] {values.length});
    }

    /** Number of elements of an array of shape {@code shape}. */
    static int size(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    int size() {
        return values.length;
    }

    double get(int i) {
        return values[i];
    }

    /** The values (not a copy: callers must not change them). */
    double[] values() {
        return values;
    }

    int[] shape() {
        return shape.clone();
    }

    int rank() {
        return shape.length;
    }

    int dim(int k) {
        return shape[k];
    }

    /** True when every value is a whole number that fits in an int. */
    boolean isIntegral() {
        for (double v : values) {
            if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
                return false;
            }
        }
        return true;
    }

    /** Bit-for-bit equality of values and shape. */
    boolean sameAs(NdArray o) {
        if (!Arrays.equals(shape, o.shape) || values.length != o.values.length) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            if (Double.doubleToLongBits(values[i]) != Double.doubleToLongBits(o.values[i])) {
                return false;
            }
        }
        return true;
    }

    /** A short rendering for error messages: the value, or the shape and first values. */
    String describe() {
        if (values.length == 1) {
            return Double.toString(values[0]);
        }
        StringBuilder s = new StringBuilder("array").append(Arrays.toString(shape)).append(" [");
        for (int i = 0; i < Math.min(values.length, 4); i++) {
            s.append(i > 0 ? ", " : "").append(values[i]);
        }
        return s.append(values.length > 4 ? ", ...]" : "]").toString();
    }
}
