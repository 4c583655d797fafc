package org.eventsnn.core.io.nir;

import org.eclipse.collections.impl.list.mutable.primitive.DoubleArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;

/**
 * Convolutions and poolings of 1 or 2 spatial dimensions expanded into sparse linear maps, with
 * PyTorch's (and so NIR's) index semantics: input shape (C_in, N_1[, N_2]); output element
 * (c_out, p) sums {@code kernel(c_out, c', k) * input(g * C_in/groups + c', p * stride - pad + k * dilation)}
 * over the group's channels c' and kernel positions k that land inside the input, where
 * {@code g = c_out / (C_out/groups)}; output size {@code floor((N + 2 pad - dilation (K - 1) - 1) / stride) + 1}.
 */
final class Convolution {
    /** The kernel weight of output channel co, group channel ci and kernel position k (row-major). */
    interface Kernel {
        double weight(int co, int ci, int k);
    }

    private Convolution() {
    }

    /** Output spatial size of one dimension, or a negative number when the input is too small. */
    static int outputSize(int n, int kernel, int stride, int padLeft, int padRight, int dilation) {
        return Math.floorDiv(n + padLeft + padRight - dilation * (kernel - 1) - 1, stride) + 1;
    }

    /**
     * The map of a convolution with {@code cOut} output channels and {@code groups} groups over an
     * input of shape {@code inShape} = (C_in, spatial...), giving output spatial sizes {@code outSpatial}.
     */
    static LinearOp map(int[] inShape, int cOut, int groups, int[] kernel, int[] stride, int[] padLeft,
                        int[] dilation, int[] outSpatial, Kernel w) {
        int dims = kernel.length;
        int cIn = inShape[0];
        int cInPerGroup = cIn / groups;
        int cOutPerGroup = cOut / groups;
        int kernelSize = 1;
        int outPositions = 1;
        for (int d = 0; d < dims; d++) {
            kernelSize *= kernel[d];
            outPositions *= outSpatial[d];
        }
        int inPositions = NdArray.size(inShape) / cIn;
        IntArrayList in = new IntArrayList();
        IntArrayList out = new IntArrayList();
        DoubleArrayList ws = new DoubleArrayList();
        int[] p = new int[dims];
        int[] k = new int[dims];
        for (int co = 0; co < cOut; co++) {
            int g = co / cOutPerGroup;
            for (int op = 0; op < outPositions; op++) {
                unravel(op, outSpatial, p);
                int outIndex = co * outPositions + op;
                for (int ci = 0; ci < cInPerGroup; ci++) {
                    int channel = g * cInPerGroup + ci;
                    for (int kk = 0; kk < kernelSize; kk++) {
                        unravel(kk, kernel, k);
                        int pos = 0;
                        boolean inside = true;
                        for (int d = 0; d < dims && inside; d++) {
                            int x = p[d] * stride[d] - padLeft[d] + k[d] * dilation[d];
                            inside = x >= 0 && x < inShape[d + 1];
                            pos = pos * inShape[d + 1] + x;
                        }
                        if (inside) {
                            in.add(channel * inPositions + pos);
                            out.add(outIndex);
                            ws.add(w.weight(co, ci, kk));
                        }
                    }
                }
            }
        }
        int[] outShape = new int[dims + 1];
        outShape[0] = cOut;
        System.arraycopy(outSpatial, 0, outShape, 1, dims);
        return LinearOp.fromTriples(NdArray.size(inShape), in, out, ws, outShape);
    }

    private static void unravel(int index, int[] shape, int[] into) {
        for (int d = shape.length - 1; d >= 0; d--) {
            into[d] = index % shape[d];
            index /= shape[d];
        }
    }
}
