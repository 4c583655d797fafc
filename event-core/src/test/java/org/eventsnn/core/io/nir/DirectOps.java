package org.eventsnn.core.io.nir;

/**
 * Convolution, pooling and matrix products evaluated directly from their textbook definitions
 * (output by output, PyTorch's index conventions), to check the sparse expansions against.
 */
final class DirectOps {
    private DirectOps() {
    }

    static double[] conv2d(double[] x, int[] in, NdArray w, int[] stride, int[] pad, int[] dil) {
        int co = w.dim(0);
        int ci = w.dim(1);
        int kh = w.dim(2);
        int kw = w.dim(3);
        int oh = (in[1] + 2 * pad[0] - dil[0] * (kh - 1) - 1) / stride[0] + 1;
        int ow = (in[2] + 2 * pad[1] - dil[1] * (kw - 1) - 1) / stride[1] + 1;
        double[] y = new double[co * oh * ow];
        for (int o = 0; o < co; o++) {
            for (int a = 0; a < oh; a++) {
                for (int b = 0; b < ow; b++) {
                    double s = 0;
                    for (int c = 0; c < ci; c++) {
                        for (int u = 0; u < kh; u++) {
                            for (int v = 0; v < kw; v++) {
                                int i = a * stride[0] - pad[0] + u * dil[0];
                                int j = b * stride[1] - pad[1] + v * dil[1];
                                if (i >= 0 && i < in[1] && j >= 0 && j < in[2]) {
                                    s += w.get(((o * ci + c) * kh + u) * kw + v) * x[(c * in[1] + i) * in[2] + j];
                                }
                            }
                        }
                    }
                    y[(o * oh + a) * ow + b] = s;
                }
            }
        }
        return y;
    }

    static double[] conv1d(double[] x, int[] in, NdArray w, int stride, int pad, int dil) {
        int co = w.dim(0);
        int ci = w.dim(1);
        int k = w.dim(2);
        int on = (in[1] + 2 * pad - dil * (k - 1) - 1) / stride + 1;
        double[] y = new double[co * on];
        for (int o = 0; o < co; o++) {
            for (int a = 0; a < on; a++) {
                double s = 0;
                for (int c = 0; c < ci; c++) {
                    for (int u = 0; u < k; u++) {
                        int i = a * stride - pad + u * dil;
                        if (i >= 0 && i < in[1]) {
                            s += w.get((o * ci + c) * k + u) * x[c * in[1] + i];
                        }
                    }
                }
                y[o * on + a] = s;
            }
        }
        return y;
    }

    static double[] sumPool2d(double[] x, int[] in, int k, int stride) {
        int oh = (in[1] - k) / stride + 1;
        int ow = (in[2] - k) / stride + 1;
        double[] y = new double[in[0] * oh * ow];
        for (int c = 0; c < in[0]; c++) {
            for (int a = 0; a < oh; a++) {
                for (int b = 0; b < ow; b++) {
                    double s = 0;
                    for (int u = 0; u < k; u++) {
                        for (int v = 0; v < k; v++) {
                            s += x[(c * in[1] + a * stride + u) * in[2] + b * stride + v];
                        }
                    }
                    y[(c * oh + a) * ow + b] = s;
                }
            }
        }
        return y;
    }

    static double[] matVec(NdArray w, double[] x) {
        double[] y = new double[w.dim(0)];
        for (int o = 0; o < y.length; o++) {
            for (int i = 0; i < w.dim(1); i++) {
                y[o] += w.get(o * w.dim(1) + i) * x[i];
            }
        }
        return y;
    }
}
