package org.eventsnn.core.io.nir;

import java.util.Arrays;
import java.util.Set;
import org.eventsnn.core.io.FormatException;

/**
 * The linear map, delay and constant (bias) output of each NIR node that passes signals on
 * between spiking nodes: Linear, Affine, Scale, Delay, Flatten, Threshold, Conv1d, Conv2d,
 * SumPool2d, AvgPool2d. Every problem is a one-line error naming file, node, field and value.
 */
final class NodeOps {
    /** Node types that pass signals on, expanded into projections. */
    static final Set<String> THROUGH = Set.of("Linear", "Affine", "Scale", "Delay", "Flatten", "Threshold",
            "Conv1d", "Conv2d", "SumPool2d", "AvgPool2d");

    private final String file;

    NodeOps(String file) {
        this.file = file;
    }

    FormatException error(NirNode n, String field, String value, String why) {
        return new FormatException(file + ": node " + n.name() + " (" + n.type() + "): " + field
                + (value == null ? "" : " = " + value) + ": " + why);
    }

    NdArray require(NirNode n, String field) {
        NdArray a = n.array(field);
        if (a == null) {
            throw error(n, field, null, n.string(field) != null ? "expected numbers, got \"" + n.string(field) + "\""
                    : "missing");
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Double.isFinite(a.get(i))) {
                throw error(n, field + (a.size() > 1 ? "[" + i + "]" : ""), Double.toString(a.get(i)), "must be finite");
            }
        }
        return a;
    }

    /** The map of through node {@code n} applied to a signal of shape {@code in}. */
    LinearOp op(NirNode n, int[] in) {
        int size = NdArray.size(in);
        switch (n.type()) {
            case "Linear":
            case "Affine": {
                NdArray w = require(n, "weight");
                if (w.rank() != 2) {
                    throw error(n, "weight", "shape " + Arrays.toString(w.shape()), "expected a matrix (out, in)");
                }
                if (w.dim(1) != size) {
                    throw error(n, "weight", "shape " + Arrays.toString(w.shape()),
                            "takes " + w.dim(1) + " inputs but its input has shape " + Arrays.toString(in));
                }
                return LinearOp.dense(w.values(), w.dim(0), w.dim(1));
            }
            case "Scale":
                return LinearOp.diagonal(elementwise(n, "scale", in), in);
            case "Delay":
                delay(n, in);
                return LinearOp.identity(size, in);
            case "Threshold":
                elementwise(n, "threshold", in);
                return LinearOp.identity(size, in);
            case "Flatten":
                return LinearOp.identity(size, flattened(n, in));
            case "Conv1d":
            case "Conv2d":
                return conv(n, in, n.type().equals("Conv1d") ? 1 : 2);
            case "SumPool2d":
            case "AvgPool2d":
                return pool(n, in);
            default:
                throw new IllegalStateException(n.type());
        }
    }

    /** The node's delay in seconds per input element (Delay nodes), or null (the others: no delay). */
    double[] delay(NirNode n, int[] in) {
        if (!n.type().equals("Delay")) {
            return null;
        }
        double[] d = elementwise(n, "delay", in);
        for (int i = 0; i < d.length; i++) {
            if (!(d[i] >= 0)) {
                throw error(n, "delay[" + i + "]", Double.toString(d[i]), "a delay must be >= 0");
            }
        }
        return d;
    }

    /** The constant output of the node (Affine and convolution bias) for input shape {@code in}, or null. */
    double[] bias(NirNode n, int[] in, LinearOp op) {
        if (!n.has("bias")) {
            return null;
        }
        NdArray b = require(n, "bias");
        int[] out = op.outShape();
        double[] c = new double[op.outSize()];
        boolean any = false;
        if (n.type().equals("Affine")) {
            if (b.size() != c.length) {
                throw error(n, "bias", "shape " + Arrays.toString(b.shape()), "expected " + c.length + " values, one per output");
            }
            System.arraycopy(b.values(), 0, c, 0, c.length);
        } else {
            if (b.size() != out[0]) {
                throw error(n, "bias", "shape " + Arrays.toString(b.shape()), "expected " + out[0] + " values, one per output channel");
            }
            int per = c.length / out[0];
            for (int i = 0; i < c.length; i++) {
                c[i] = b.get(i / per);
            }
        }
        for (double v : c) {
            any |= v != 0;
        }
        return any ? c : null;
    }

    /** A per-element parameter of the signal's size (a single value is broadcast). */
    private double[] elementwise(NirNode n, String field, int[] in) {
        NdArray a = require(n, field);
        int size = NdArray.size(in);
        if (a.size() == 1) {
            return LinearOp.filled(size, a.get(0));
        }
        if (a.size() != size) {
            throw error(n, field, "shape " + Arrays.toString(a.shape()), "its input has shape " + Arrays.toString(in));
        }
        return a.values().clone();
    }

    private int[] flattened(NirNode n, int[] in) {
        int rank = in.length;
        int start = n.has("start_dim") ? integer(n, "start_dim") : 1;
        int end = n.has("end_dim") ? integer(n, "end_dim") : -1;
        int s = start < 0 ? start + rank : start;
        int e = end < 0 ? end + rank : end;
        if (rank == 0 || s < 0 || s >= rank || e < s || e >= rank) {
            throw error(n, "start_dim/end_dim", start + "/" + end, "do not select dimensions of input shape " + Arrays.toString(in));
        }
        int[] out = new int[rank - (e - s)];
        int k = 0;
        for (int d = 0; d < s; d++) {
            out[k++] = in[d];
        }
        int middle = 1;
        for (int d = s; d <= e; d++) {
            middle *= in[d];
        }
        out[k++] = middle;
        for (int d = e + 1; d < rank; d++) {
            out[k++] = in[d];
        }
        return out;
    }

    private LinearOp conv(NirNode n, int[] in, int dims) {
        NdArray w = require(n, "weight");
        if (w.rank() != dims + 2) {
            throw error(n, "weight", "shape " + Arrays.toString(w.shape()), "expected rank " + (dims + 2) + " (C_out, C_in/groups, kernel...)");
        }
        if (in.length != dims + 1) {
            throw error(n, "input", "shape " + Arrays.toString(in), "expected (C_in, " + (dims == 1 ? "N" : "H, W") + ")");
        }
        int groups = n.has("groups") ? integer(n, "groups") : 1;
        int cOut = w.dim(0);
        if (groups < 1 || in[0] % groups != 0 || cOut % groups != 0 || w.dim(1) != in[0] / groups) {
            throw error(n, "weight", "shape " + Arrays.toString(w.shape()), "does not fit input shape "
                    + Arrays.toString(in) + " with groups = " + groups);
        }
        if (n.has("input_shape")) {
            int[] given = ints(n, "input_shape", dims);
            for (int d = 0; d < dims; d++) {
                if (given[d] != in[d + 1]) {
                    throw error(n, "input_shape", Arrays.toString(given), "its input has shape " + Arrays.toString(in));
                }
            }
        }
        int[] kernel = new int[dims];
        for (int d = 0; d < dims; d++) {
            kernel[d] = w.dim(d + 2);
        }
        int[] stride = n.has("stride") ? positive(n, "stride", dims) : ones(dims);
        int[] dilation = n.has("dilation") ? positive(n, "dilation", dims) : ones(dims);
        int[][] pad = padding(n, "padding", dims, kernel, dilation, stride);
        int[] outSpatial = outSpatial(n, in, kernel, stride, pad, dilation);
        int perGroup = w.dim(1);
        int kernelSize = NdArray.size(kernel);
        double[] v = w.values();
        return Convolution.map(in, cOut, groups, kernel, stride, pad[0], dilation, outSpatial,
                (co, ci, k) -> v[(co * perGroup + ci) * kernelSize + k]);
    }

    private LinearOp pool(NirNode n, int[] in) {
        if (in.length != 3) {
            throw error(n, "input", "shape " + Arrays.toString(in), "expected (C, H, W)");
        }
        int[] kernel = positive(n, "kernel_size", 2);
        int[] stride = n.has("stride") ? positive(n, "stride", 2) : kernel.clone();
        int[][] pad = padding(n, "padding", 2, kernel, ones(2), stride);
        int[] outSpatial = outSpatial(n, in, kernel, stride, pad, ones(2));
        double weight = n.type().equals("AvgPool2d") ? 1.0 / (kernel[0] * kernel[1]) : 1.0;
        return Convolution.map(in, in[0], in[0], kernel, stride, pad[0], ones(2), outSpatial, (co, ci, k) -> weight);
    }

    private int[] outSpatial(NirNode n, int[] in, int[] kernel, int[] stride, int[][] pad, int[] dilation) {
        int[] out = new int[kernel.length];
        for (int d = 0; d < kernel.length; d++) {
            out[d] = Convolution.outputSize(in[d + 1], kernel[d], stride[d], pad[0][d], pad[1][d], dilation[d]);
            if (out[d] < 1) {
                throw error(n, "kernel", Arrays.toString(kernel), "larger than the padded input of shape " + Arrays.toString(in));
            }
        }
        return out;
    }

    /** Left and right padding per dimension: a number, a pair, "valid" (0) or "same" (output size = input size). */
    private int[][] padding(NirNode n, String field, int dims, int[] kernel, int[] dilation, int[] stride) {
        int[][] pad = new int[2][dims];
        String s = n.string(field);
        if (s != null) {
            if (s.equals("valid")) {
                return pad;
            }
            if (!s.equals("same")) {
                throw error(n, field, "\"" + s + "\"", "expected a number, \"same\" or \"valid\"");
            }
            for (int d = 0; d < dims; d++) {
                if (stride[d] != 1) {
                    throw error(n, field, "\"same\"", "needs stride 1, got stride " + Arrays.toString(stride));
                }
                int total = dilation[d] * (kernel[d] - 1);
                pad[0][d] = total / 2;
                pad[1][d] = total - total / 2;
            }
            return pad;
        }
        if (!n.has(field)) {
            return pad;
        }
        int[] p = ints(n, field, dims);
        for (int d = 0; d < dims; d++) {
            if (p[d] < 0) {
                throw error(n, field, Arrays.toString(p), "must be >= 0");
            }
            pad[0][d] = p[d];
            pad[1][d] = p[d];
        }
        return pad;
    }

    private int integer(NirNode n, String field) {
        return ints(n, field, 1)[0];
    }

    private int[] positive(NirNode n, String field, int dims) {
        int[] v = ints(n, field, dims);
        for (int x : v) {
            if (x < 1) {
                throw error(n, field, Arrays.toString(v), "must be >= 1");
            }
        }
        return v;
    }

    /** A whole-number field of one value (broadcast) or {@code dims} values. */
    private int[] ints(NirNode n, String field, int dims) {
        NdArray a = require(n, field);
        if (!a.isIntegral() || (a.size() != 1 && a.size() != dims)) {
            throw error(n, field, a.describe(), "expected " + (dims == 1 ? "a whole number" : "1 or " + dims + " whole numbers"));
        }
        int[] v = new int[dims];
        for (int d = 0; d < dims; d++) {
            v[d] = (int) a.get(a.size() == 1 ? 0 : d);
        }
        return v;
    }

    private static int[] ones(int dims) {
        int[] v = new int[dims];
        Arrays.fill(v, 1);
        return v;
    }
}
