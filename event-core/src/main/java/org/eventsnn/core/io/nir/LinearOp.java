package org.eventsnn.core.io.nir;

import org.eclipse.collections.impl.list.mutable.primitive.DoubleArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;

/**
 * The linear map of one NIR node from its input elements to its output elements, as sparse
 * rows by input element (row-major element indices), with the output shape.
 */
final class LinearOp {
    private final int[] rowStart;
    private final int[] out;
    private final double[] weight;
    private final int[] outShape;

    private LinearOp(int[] rowStart, int[] out, double[] weight, int[] outShape) {
        this.rowStart = rowStart;
        this.out = out;
        this.weight = weight;
        this.outShape = outShape;
    }

    /** Builds the rows from (input, output, weight) triples, keeping their order within a row. */
    static LinearOp fromTriples(int inputs, IntArrayList in, IntArrayList outIdx, DoubleArrayList w, int[] outShape) {
        int[] start = new int[inputs + 1];
        for (int k = 0; k < in.size(); k++) {
            start[in.get(k) + 1]++;
        }
        for (int i = 0; i < inputs; i++) {
            start[i + 1] += start[i];
        }
        int[] fill = java.util.Arrays.copyOf(start, inputs);
        int[] o = new int[in.size()];
        double[] ww = new double[in.size()];
        for (int k = 0; k < in.size(); k++) {
            int slot = fill[in.get(k)]++;
            o[slot] = outIdx.get(k);
            ww[slot] = w.get(k);
        }
        return new LinearOp(start, o, ww, outShape);
    }

    /** Element i goes to element i with weight 1, under a new shape of the same size. */
    static LinearOp identity(int size, int[] outShape) {
        return diagonal(filled(size, 1.0), outShape);
    }

    /** Element i goes to element i with weight {@code d[i]}. */
    static LinearOp diagonal(double[] d, int[] outShape) {
        int[] start = new int[d.length + 1];
        int[] o = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            start[i + 1] = i + 1;
            o[i] = i;
        }
        return new LinearOp(start, o, d.clone(), outShape);
    }

    /** A dense matrix {@code w} of shape (outputs, inputs), every entry kept (zeros too). */
    static LinearOp dense(double[] w, int outputs, int inputs) {
        int[] start = new int[inputs + 1];
        int[] o = new int[inputs * outputs];
        double[] ww = new double[inputs * outputs];
        for (int i = 0; i < inputs; i++) {
            start[i + 1] = (i + 1) * outputs;
            for (int j = 0; j < outputs; j++) {
                o[i * outputs + j] = j;
                ww[i * outputs + j] = w[j * inputs + i];
            }
        }
        return new LinearOp(start, o, ww, new int[] {outputs});
    }

    static double[] filled(int n, double v) {
        double[] d = new double[n];
        java.util.Arrays.fill(d, v);
        return d;
    }

    int rowStart(int i) {
        return rowStart[i];
    }

    int rowEnd(int i) {
        return rowStart[i + 1];
    }

    int out(int slot) {
        return out[slot];
    }

    double weight(int slot) {
        return weight[slot];
    }

    int[] outShape() {
        return outShape.clone();
    }

    int outSize() {
        return NdArray.size(outShape);
    }
}
